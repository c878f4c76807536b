/**
 * The nightly financial batch of seed review 004_5b6328fd8d3c63a0, rebuilt from this library: one
 * million transactions processed within a four-hour window by the sample worker of
 * examples/batch-worker (its image pushed to ECR), on Fargate in the isolated subnets of an audited
 * VPC, with the account audit baseline, compliance buckets for input and results, failures and
 * timeouts alerted, and progress tracked in a table that AWS Backup backs up.
 *
 * Run it (synthesizes into ./cdk.out with every cdk-nag pack, prints the per-pack summary, exits 1 on
 * any finding):
 *
 *   npx ts-node --project tsconfig.dev.json examples/batch-processing/typescript/app.ts
 */
import * as path from 'path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, CfnOutput, Fn, Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Construct } from 'constructs';
import { AccountAudit, AuditedVpc, BatchPipeline, BatchScale, ComplianceBucket, NagReport } from '../../../src';

/** Where the stack deploys: an explicit account and Region, as compliance teams pin them. */
export const ENV = { account: '123456789012', region: 'us-east-1' };

/** The nightly transaction batch and everything that audits it. */
export class BatchProcessingStack extends Stack {
  public readonly network: AuditedVpc;
  public readonly audit: AccountAudit;
  public readonly transactions: ComplianceBucket;
  public readonly results: ComplianceBucket;
  public readonly pipeline: BatchPipeline;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);

    // Private subnets only, flow logs, S3 and DynamoDB gateway endpoints on every route table.
    this.network = new AuditedVpc(this, 'Network', {
      cidr: '10.40.0.0/16',
      // Two zones picked at deploy time (Fn::GetAZs) rather than named in the template.
      availabilityZones: [0, 1].map((i) => Fn.select(i, Fn.getAzs())),
    });

    // CloudTrail, AWS Config with its recorder, and GuardDuty findings to an alert topic.
    this.audit = new AccountAudit(this, 'Audit');

    // KMS, TLS-only, no unencrypted puts, access logs, versioning and lifecycle come with the buckets.
    this.transactions = new ComplianceBucket(this, 'Transactions');
    this.results = new ComplianceBucket(this, 'Results', {
      serverAccessLogsBucket: this.transactions.logBucket,
      serverAccessLogsPrefix: 'results/',
    });

    const repository = ecr.Repository.fromRepositoryName(this, 'WorkerRepository', 'transactions-worker');
    this.pipeline = new BatchPipeline(this, 'Nightly', {
      vpc: this.network,
      image: ecs.ContainerImage.fromEcrRepository(repository, '1.0.0'),
      environment: { INPUT_KEY: 'incoming/transactions.csv', OUTPUT_PREFIX: 'settled' },
      inputBucket: this.transactions,
      outputBucket: this.results,
      processingWindow: Duration.hours(4),
      // examples/batch-worker measured about 200,000 records/s in memory; 50 records/s is a deliberately
      // pessimistic figure for S3 reads on the smallest task size, which still needs only 3 children.
      scale: BatchScale.fromThroughput({ recordsPerRun: 1_000_000, recordsPerSecondPerWorker: 50 }),
      cpu: 1,
      jobTracking: true,
      alertTopic: this.audit.alertTopic,
    });

    new CfnOutput(this, 'VpcId', { value: this.network.vpcId, description: 'Audited VPC the jobs run in' });
    new CfnOutput(this, 'TransactionsBucketName', { value: this.transactions.bucketName, description: 'Input bucket of the transactions' });
    new CfnOutput(this, 'ResultsBucketName', { value: this.results.bucketName, description: 'Output bucket of the settled results' });
    new CfnOutput(this, 'JobQueueArn', { value: this.pipeline.jobQueue.jobQueueArn, description: 'Batch job queue' });
    new CfnOutput(this, 'StateMachineArn', { value: this.pipeline.stateMachine.stateMachineArn, description: 'State machine that runs and watches each nightly run' });
    new CfnOutput(this, 'AlertTopicArn', { value: this.audit.alertTopic.topicArn, description: 'Topic of job failures, timeouts and GuardDuty findings' });
    new CfnOutput(this, 'TrailArn', { value: this.audit.trailArn, description: 'Multi-Region CloudTrail trail' });
  }
}

/** Build the app's stacks into `app`. */
export function buildBatchProcessingApp(app: App): Stack[] {
  // The Availability Zones of the Region, as `cdk.context.json` would record them.
  app.node.setContext(`availability-zones:account=${ENV.account}:region=${ENV.region}`, ['us-east-1a', 'us-east-1b', 'us-east-1c']);
  return [new BatchProcessingStack(app, 'BatchProcessing', { env: ENV })];
}

if (require.main === module) {
  const app = new App({ outdir: path.join(__dirname, 'cdk.out') });
  buildBatchProcessingApp(app);
  // Every pack, and AWS Control Tower's proactive controls (cfn-guard; the library's deliberate
  // trade-offs are suppressed on their resources, with reasons), as validation plugins: a finding
  // fails `cdk synth`. Leave out the third argument to run the packs only.
  const packs = NagReport.allPacks();
  NagReport.enforce(app, packs, [new CfnGuardValidator()]);
  try {
    app.synth();
  } catch (error) {
    console.error(`Synthesis failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
  const report = NagReport.collect(app, packs);
  console.log(report.summary());
  if (report.findings.length > 0) {
    process.exitCode = 1;
  }
}
