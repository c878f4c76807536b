/**
 * CompliancePack against AwsSolutions: validateScope time on the same representative app, in one run.
 *
 *   npx ts-node --project tsconfig.dev.json scripts/bench-pack.ts [groups] [repetitions]
 *
 * The app has `groups` copies of a typical workload (bucket with policy, Lambda function with role and policy,
 * log group, topic, queue, table, key, security group), 20 to a stack, each stack with a VPC (subnets,
 * route tables, NAT, gateway endpoints, flow log). Both packs are warmed up, then run alternately
 * `repetitions` times; the median of each is printed.
 */
import { App, CfnResource, Duration, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks, NagPack } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { CompliancePack } from '../src';

const groups = Number(process.argv[2] ?? 40);
const repetitions = Number(process.argv[3] ?? 9);
const warmUps = 2;

/** Workload groups per stack, to stay under CloudFormation's 500 resources per stack. */
const GROUPS_PER_STACK = 20;

function buildApp(): App {
  const app = new App();
  for (let first = 0; first < groups; first += GROUPS_PER_STACK) {
    buildStack(app, `Reference${first / GROUPS_PER_STACK}`, Math.min(GROUPS_PER_STACK, groups - first));
  }
  app.synth();
  return app;
}

function buildStack(app: App, id: string, count: number): void {
  const stack = new Stack(app, id, { env: { account: '123456789012', region: 'us-east-1' } });
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    maxAzs: 3,
    natGateways: 1,
    restrictDefaultSecurityGroup: false,
    gatewayEndpoints: { S3: { service: ec2.GatewayVpcEndpointAwsService.S3 }, Dynamo: { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB } },
    flowLogs: { all: {} },
  });
  for (let i = 0; i < count; i++) {
    const key = new kms.Key(stack, `Key${i}`, { enableKeyRotation: true });
    const bucket = new s3.Bucket(stack, `Bucket${i}`, {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: key,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      lifecycleRules: [{ expiration: Duration.days(365) }],
    });
    const logGroup = new logs.LogGroup(stack, `Logs${i}`, { retention: logs.RetentionDays.ONE_YEAR });
    const topic = new sns.Topic(stack, `Topic${i}`, { enforceSSL: true });
    const queue = new sqs.Queue(stack, `Dlq${i}`, { enforceSSL: true });
    const table = new dynamodb.Table(stack, `Table${i}`, { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    const sg = new ec2.SecurityGroup(stack, `Sg${i}`, { vpc, allowAllOutbound: false });
    sg.addEgressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(443));
    const fn = new lambda.Function(stack, `Fn${i}`, {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => {};'),
      vpc,
      securityGroups: [sg],
      logGroup,
      deadLetterQueue: queue,
      tracing: lambda.Tracing.ACTIVE,
      reservedConcurrentExecutions: 2,
    });
    bucket.grantReadWrite(fn);
    topic.grantPublish(fn);
    table.grantReadWriteData(fn);
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['cloudwatch:PutMetricData'], resources: ['*'] }));
  }
}

function countResources(root: IConstruct): number {
  return root.node.findAll().filter((c) => CfnResource.isCfnResource(c)).length;
}

function timeOnce(pack: NagPack, app: App): number {
  const start = process.hrtime.bigint();
  pack.validateScope(app);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const app = buildApp();
const packs: NagPack[] = [new AwsSolutionsChecks(), new CompliancePack()];
const times = new Map<string, number[]>(packs.map((p) => [p.readPackName, []]));
for (let i = 0; i < warmUps; i++) {
  for (const pack of packs) {
    timeOnce(pack, app);
  }
}
for (let i = 0; i < repetitions; i++) {
  for (const pack of (i % 2 ? [...packs].reverse() : packs)) {
    times.get(pack.readPackName)!.push(timeOnce(pack, app));
  }
}
const findings = new Map(packs.map((p) => [p.readPackName, p.validateScope(app).violations.reduce((n, v) => n + v.violatingResources.length, 0)]));

const aws = median(times.get('AwsSolutions')!);
const ours = median(times.get('CompliancePack')!);
console.log(`reference app: ${countResources(app)} CfnResources (${groups} workload groups, a VPC per ${GROUPS_PER_STACK})`);
console.log(`${warmUps} warm-up runs, then ${repetitions} alternating repetitions; median validateScope time`);
console.log('pack            median ms   min ms   max ms   findings');
for (const pack of packs) {
  const t = times.get(pack.readPackName)!;
  console.log(`${pack.readPackName.padEnd(15)} ${median(t).toFixed(1).padStart(9)} ${Math.min(...t).toFixed(1).padStart(8)} ${Math.max(...t).toFixed(1).padStart(8)}   ${findings.get(pack.readPackName)}`);
}
console.log(`CompliancePack / AwsSolutions = ${(ours / aws).toFixed(2)} (target: at most 0.50)`);
