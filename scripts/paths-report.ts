/**
 * Print every data path of the reference apps with its decision (denied and unknown ones first).
 *
 *   npx ts-node --project tsconfig.dev.json scripts/paths-report.ts [all]
 */
import { App, Duration, Size, Stack } from 'aws-cdk-lib';
import * as batch from 'aws-cdk-lib/aws-batch';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { buildAuditingSystemApp } from '../examples/auditing-system/typescript/app';
import { buildBatchProcessingApp } from '../examples/batch-processing/typescript/app';
import { buildComplianceScannerApp } from '../examples/compliance-scanner/typescript/app';
import {
  AccountAudit, AuditedVpc, BatchCompute, BatchPipeline, BatchScale, ComplianceBucket,
  ComplianceLogGroup, ComplianceQueue, ComplianceScanner, ComplianceTopic,
} from '../src';
import { describePath, PathModel } from '../src/nag/paths';
import { withIndex } from '../src/nag/private/context';

const showAll = process.argv[2] === 'all';

const ENV = { account: '123456789012', region: 'us-east-1' };
const AZS = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

/** Every construct of the library with its defaults, and BatchPipeline with every option on (Fargate and EC2), as the construct tests build them. */
function buildConstructs(app: App): Stack[] {
  const defaults = new Stack(app, 'Defaults', { env: ENV });
  new ComplianceBucket(defaults, 'Bucket');
  new ComplianceTopic(defaults, 'Topic');
  new ComplianceQueue(defaults, 'Queue');
  new ComplianceLogGroup(defaults, 'Logs');
  new AuditedVpc(defaults, 'Vpc');
  new AccountAudit(defaults, 'Audit');
  new ComplianceScanner(defaults, 'Scanner', { reportBucket: new ComplianceBucket(defaults, 'Reports') });
  const stacks = [defaults];
  for (const [id, compute] of [['Fargate', BatchCompute.fargate()], ['Ec2', BatchCompute.ec2()]] as const) {
    const stack = new Stack(app, `Pipeline${id}`, { env: ENV });
    const vpc = new AuditedVpc(stack, 'Vpc', {
      interfaceEndpoints: [...AuditedVpc.DEFAULT_INTERFACE_ENDPOINTS, 'ecs', 'ecs-agent', 'ecs-telemetry', 'secretsmanager', 'ssm'],
    });
    new BatchPipeline(stack, 'Pipeline', {
      vpc,
      compute,
      image: ecs.ContainerImage.fromEcrRepository(ecr.Repository.fromRepositoryName(stack, 'Repo', 'transactions-worker'), '1.4.2'),
      inputBucket: new ComplianceBucket(stack, 'Input'),
      outputBucket: new ComplianceBucket(stack, 'Output'),
      alertTopic: new ComplianceTopic(stack, 'Alerts', { emailSubscriptions: ['secops@example.com'] }),
      secrets: {
        DB_PASSWORD: batch.Secret.fromSecretsManager(secretsmanager.Secret.fromSecretCompleteArn(stack, 'Db', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-password-AbCdEf')),
        API_TOKEN: batch.Secret.fromSsmParameter(ssm.StringParameter.fromSecureStringParameterAttributes(stack, 'Token', { parameterName: '/worker/api-token' })),
      },
      jobTracking: true,
      scale: BatchScale.fromThroughput({ recordsPerRun: 1_000_000, recordsPerSecondPerWorker: 50 }),
      cpu: 2,
      memory: Size.gibibytes(4),
      processingWindow: Duration.hours(4),
      logRetention: logs.RetentionDays.TWO_YEARS,
      schedule: scheduler.ScheduleExpression.expression('cron(30 1 * * ? *)'),
    });
    stacks.push(stack);
  }
  return stacks;
}

const APPS: Array<[string, (app: App) => Stack[]]> = [
  ['compliance-scanner', buildComplianceScannerApp],
  ['auditing-system', buildAuditingSystemApp],
  ['batch-processing', buildBatchProcessingApp],
  ['constructs', buildConstructs],
];

for (const [name, build] of APPS) {
  const app = new App({ context: { 'availability-zones:account=123456789012:region=us-east-1': AZS } });
  build(app);
  app.synth();
  withIndex(app, () => {
    const model = PathModel.ofTree(app);
    const counts: Record<string, number> = {};
    for (const p of model.paths) {
      counts[p.result.decision] = (counts[p.result.decision] ?? 0) + 1;
    }
    console.log(`== ${name}: ${model.paths.length} paths ${JSON.stringify(counts)}`);
    for (const p of model.paths) {
      if (showAll || p.result.decision !== 'allowed') {
        console.log(`  [${p.result.decision}] ${p.family} ${p.judged.node.path}: ${describePath(p)}`);
      }
    }
  });
}
