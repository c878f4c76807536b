import { App, Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { AccountAudit, AuditedVpc, BatchPipeline, BatchScale, ComplianceBucket, ComplianceScanner, FindingSeverity, ObjectLockMode } from '../../src';

/** Where the reference stacks deploy: an explicit account and Region, as compliance teams pin them. */
export const REFERENCE_ENV = { account: '123456789012', region: 'us-east-1' };

/**
 * Audit storage: a compliance bucket with defaults, a write-once archive with Object Lock, and a
 * bucket replicated to another Region, all sharing one access-log bucket.
 */
export class AuditStorageStack extends Stack {
  public readonly auditData: ComplianceBucket;
  public readonly archive: ComplianceBucket;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);

    this.auditData = new ComplianceBucket(this, 'AuditData');

    this.archive = new ComplianceBucket(this, 'AuditArchive', {
      objectLockMode: ObjectLockMode.COMPLIANCE,
      objectLockRetention: Duration.days(2555),
      serverAccessLogsBucket: this.auditData.logBucket,
      serverAccessLogsPrefix: 'audit-archive/',
    });

    const replica = s3.Bucket.fromBucketAttributes(this, 'DisasterRecoveryReplica', {
      bucketArn: 'arn:aws:s3:::audit-replica-123456789012-eu-west-1',
      region: 'eu-west-1',
    });
    new ComplianceBucket(this, 'ReplicatedEvidence', {
      replication: { destinationBucket: replica },
      serverAccessLogsBucket: this.auditData.logBucket,
      serverAccessLogsPrefix: 'replicated-evidence/',
    });
  }
}

/**
 * The account's audit baseline: a multi-Region CloudTrail into a compliance bucket and an encrypted
 * log group, AWS Config with managed rules, and GuardDuty findings of medium severity and above sent
 * to an encrypted, TLS-only alert topic.
 */
export class AccountBaselineStack extends Stack {
  public readonly audit: AccountAudit;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);
    this.audit = new AccountAudit(this, 'Audit', {
      findingSeverity: FindingSeverity.MEDIUM,
      alertEmails: ['security-alerts@example.com'],
    });
  }
}

/**
 * The network: an audited VPC across three Availability Zones with private subnets only, flow logs of
 * all traffic, gateway endpoints on every route table, interface endpoints for the library's services,
 * and a workload security group that can reach AWS only through those endpoints.
 */
export class NetworkStack extends Stack {
  public readonly network: AuditedVpc;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);
    this.network = new AuditedVpc(this, 'Network', { cidr: '10.20.0.0/16', azCount: 3 });
    this.network.addSecurityGroup('Workload', { description: 'Workloads that reach AWS only through the VPC endpoints' });
  }
}

/**
 * The nightly transaction batch of the seed review: one million transactions processed within a
 * four-hour window, by the sample worker of examples/batch-worker (its image pushed to ECR), on
 * Fargate in the isolated subnets of an audited VPC. The array is sized from the measured
 * throughput; failures, timeouts and undeliverable events reach the alert topic; progress is
 * tracked in a table that AWS Backup backs up.
 */
export class NightlyBatchStack extends Stack {
  public readonly pipeline: BatchPipeline;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);
    const network = new AuditedVpc(this, 'Network', { cidr: '10.21.0.0/16', azCount: 2 });
    const transactions = new ComplianceBucket(this, 'Transactions');
    const results = new ComplianceBucket(this, 'Results', { serverAccessLogsBucket: transactions.logBucket, serverAccessLogsPrefix: 'results/' });
    const repository = ecr.Repository.fromRepositoryName(this, 'WorkerRepository', 'transactions-worker');
    this.pipeline = new BatchPipeline(this, 'Nightly', {
      vpc: network,
      image: ecs.ContainerImage.fromEcrRepository(repository, '1.0.0'),
      environment: { INPUT_KEY: 'incoming/transactions.csv', OUTPUT_PREFIX: 'settled' },
      inputBucket: transactions,
      outputBucket: results,
      processingWindow: Duration.hours(4),
      // examples/batch-worker measured about 200,000 records/s in memory; 50 records/s is a deliberately
      // pessimistic figure for S3 reads on the smallest task size, which still needs only 3 children.
      scale: BatchScale.fromThroughput({ recordsPerRun: 1_000_000, recordsPerSecondPerWorker: 50 }),
      cpu: 1,
      jobTracking: true,
    });
  }
}

/**
 * The compliance scanner: a daily, least-privilege scan of the live account with findings in
 * DynamoDB, reports in a compliance bucket, alarms and a dashboard, and remediation in dry run.
 */
export class ScannerStack extends Stack {
  public readonly scanner: ComplianceScanner;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);
    this.scanner = new ComplianceScanner(this, 'Scanner', {
      regions: ['us-east-1', 'eu-west-1'],
      scoreThreshold: 85,
      remediation: { dryRun: true },
    });
  }
}

/** The Availability Zones of the reference Region, as `cdk.context.json` would record them. */
const REFERENCE_AZS = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

/** Build the reference app: one stack per part of the library. */
export function buildReferenceApp(app: App): Stack[] {
  app.node.setContext(`availability-zones:account=${REFERENCE_ENV.account}:region=${REFERENCE_ENV.region}`, REFERENCE_AZS);
  return [
    new AuditStorageStack(app, 'AuditStorage', { env: REFERENCE_ENV }),
    new AccountBaselineStack(app, 'AccountBaseline', { env: REFERENCE_ENV }),
    new NetworkStack(app, 'Network', { env: REFERENCE_ENV }),
    new NightlyBatchStack(app, 'NightlyBatch', { env: REFERENCE_ENV }),
    new ScannerStack(app, 'ComplianceScanner', { env: REFERENCE_ENV }),
  ];
}
