/**
 * Consumer configurations: apps built the way teams build them, not the way our examples do.
 * Each synthesizes, runs every pack, and may have no unacknowledged finding on a resource the
 * library created (findings on the consumer's own resources are the consumer's to fix). A failure
 * names the configuration and the finding.
 */
import { App, Duration, Environment, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import {
  AccountAudit, AuditedVpc, BatchCompute, BatchPipeline, BatchScale, ComplianceBucket, ComplianceKey, ComplianceQueue, ComplianceScanner,
  ComplianceTopic, ConfigRecorderMode, GuardDutyDetectorMode, ObjectLockMode, RemediationFix,
} from '../../src';
import { alertDeliveries, ResolvedApp } from '../delivery-paths';
import { formatFindings, nagFindings } from '../nag-helper';

jest.setTimeout(300_000);

const IMAGE_URI = '123456789012.dkr.ecr.us-east-1.amazonaws.com/worker:1';
const US: Environment = { account: '123456789012', region: 'us-east-1' };
const EU: Environment = { account: '123456789012', region: 'eu-west-1' };
const AZ_CONTEXT = {
  'availability-zones:account=123456789012:region=us-east-1': ['us-east-1a', 'us-east-1b', 'us-east-1c'],
  'availability-zones:account=123456789012:region=eu-west-1': ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
};

/** One consumer app: builds into `app` and returns the construct paths the library owns. */
interface Configuration {
  readonly name: string;
  readonly build: (app: App) => string[];
}

const configurations: Configuration[] = [
  {
    name: 'four stacks: data (buckets, topic), network (VPC), audit, compute (pipeline) and scanner, each reading the others',
    build: (app) => {
      const data = new Stack(app, 'Data', { env: US });
      const input = new ComplianceBucket(data, 'Input');
      const output = new ComplianceBucket(data, 'Output');
      const reports = new ComplianceBucket(data, 'Reports');
      const alerts = new ComplianceTopic(data, 'Alerts', { emailSubscriptions: ['secops@example.com'] });
      const network = new Stack(app, 'Network', { env: US });
      const vpc = new AuditedVpc(network, 'Vpc');
      const audit = new Stack(app, 'Audit', { env: US });
      new AccountAudit(audit, 'Audit', { alertTopic: alerts });
      const compute = new Stack(app, 'Compute', { env: US });
      new BatchPipeline(compute, 'Pipeline', { vpc, imageUri: IMAGE_URI, inputBucket: input, outputBucket: output, alertTopic: alerts, jobTracking: true, backup: true });
      const scanning = new Stack(app, 'Scanning', { env: US });
      new ComplianceScanner(scanning, 'Scanner', { reportBucket: reports.bucket, alertTopic: alerts });
      return ['Data/', 'Network/', 'Audit/', 'Compute/', 'Scanning/'];
    },
  },
  {
    name: 'environment-agnostic stacks',
    build: (app) => {
      const stack = new Stack(app, 'Agnostic');
      const vpc = new AuditedVpc(stack, 'Vpc');
      const bucket = new ComplianceBucket(stack, 'Bucket');
      new BatchPipeline(stack, 'Pipeline', { vpc, imageUri: IMAGE_URI, inputBucket: bucket });
      new ComplianceScanner(stack, 'Scanner');
      new AccountAudit(stack, 'Audit');
      return ['Agnostic/'];
    },
  },
  {
    name: 'adopting the account\'s recorder and detector, with the library\'s alert topic and email alerts',
    build: (app) => {
      const stack = new Stack(app, 'Adopt', { env: US });
      new AccountAudit(stack, 'Audit', {
        configRecorderMode: ConfigRecorderMode.ADOPT_EXISTING,
        guardDutyDetectorMode: GuardDutyDetectorMode.ADOPT_EXISTING,
        alertEmails: ['secops@example.com'],
      });
      return ['Adopt/Audit/'];
    },
  },
  {
    name: 'imported key, topic, bucket and VPC',
    build: (app) => {
      const stack = new Stack(app, 'Imports', { env: US });
      const key = kms.Key.fromKeyArn(stack, 'Key', 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555');
      const topic = sns.Topic.fromTopicArn(stack, 'Topic', 'arn:aws:sns:us-east-1:123456789012:secops');
      const input = s3.Bucket.fromBucketName(stack, 'Input', 'existing-input-bucket');
      const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
        vpcId: 'vpc-0123456789abcdef0',
        availabilityZones: ['us-east-1a', 'us-east-1b'],
        privateSubnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
        vpcCidrBlock: '10.0.0.0/16',
      });
      new ComplianceBucket(stack, 'Audit', { encryptionKey: key });
      new BatchPipeline(stack, 'Pipeline', { vpc, imageUri: IMAGE_URI, inputBucket: input, alertTopic: topic });
      new ComplianceScanner(stack, 'Scanner', { alertTopic: topic, encryptionKey: key });
      return ['Imports/Audit/', 'Imports/Pipeline/', 'Imports/Scanner/'];
    },
  },
  {
    name: 'two Regions: a bucket replicated to a bucket of a stack in another Region',
    build: (app) => {
      // The replica's stack is deployed first, in its Region; the primary names it (references do
      // not cross Regions).
      const eu = new Stack(app, 'Replica', { env: EU });
      new ComplianceBucket(eu, 'Replica', { bucketName: 'audit-replica-123456789012-eu-west-1' });
      const us = new Stack(app, 'Primary', { env: US });
      const destinationBucket = s3.Bucket.fromBucketAttributes(us, 'ReplicaBucket', { bucketName: 'audit-replica-123456789012-eu-west-1', region: 'eu-west-1' });
      const destinationKey = kms.Key.fromKeyArn(us, 'ReplicaKey', 'arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555');
      new ComplianceBucket(us, 'Primary', { replication: { destinationBucket, destinationKey } });
      return ['Replica/', 'Primary/'];
    },
  },
  {
    name: 'every option a security team turns on together',
    build: (app) => {
      const stack = new Stack(app, 'Everything', { env: US });
      const key = new ComplianceKey(stack, 'SharedKey');
      const vpc = new AuditedVpc(stack, 'Vpc', { interfaceEndpoints: [...AuditedVpc.DEFAULT_INTERFACE_ENDPOINTS, 'ecs', 'ecs-agent', 'ecs-telemetry'] });
      const locked = new ComplianceBucket(stack, 'Locked', { objectLockMode: ObjectLockMode.COMPLIANCE, objectLockRetention: Duration.days(365), encryptionKey: key });
      const audit = new AccountAudit(stack, 'Audit', { s3DataEvents: true, lambdaDataEvents: true, alertEmails: ['secops@example.com'] });
      new BatchPipeline(stack, 'Pipeline', {
        vpc,
        imageUri: IMAGE_URI,
        compute: BatchCompute.ec2(),
        inputBucket: locked,
        alertTopic: audit.alertTopic,
        jobTracking: true,
        backup: true,
        scale: BatchScale.fromThroughput({ recordsPerRun: 1_000_000, recordsPerSecondPerWorker: 20 }),
      });
      new ComplianceScanner(stack, 'Scanner', {
        alertTopic: audit.alertTopic,
        remediation: { dryRun: false, fixes: [RemediationFix.S3_BUCKET_PUBLIC_ACCESS_BLOCK] },
      });
      new ComplianceQueue(stack, 'Work', { encryptionKey: key, depthAlarm: { alarmTopic: audit.alertTopic } });
      return ['Everything/'];
    },
  },
];

describe('consumer configurations: zero unacknowledged findings on the library\'s resources', () => {
  test.each(configurations.map((c) => [c.name, c] as const))('%s', (_name, configuration) => {
    const app = new App({ context: AZ_CONTEXT });
    const owned = configuration.build(app);
    const findings = nagFindings(app).filter((f) => owned.some((prefix) => f.resourcePath.startsWith(prefix)));
    expect(formatFindings(findings)).toEqual([]);
  });

  test.each(configurations.map((c) => [c.name, c] as const))('%s: every alert the app wires is delivered', async (_name, configuration) => {
    const app = new App({ context: AZ_CONTEXT });
    configuration.build(app);
    const stacks = app.node.children.filter((c): c is Stack => Stack.isStack(c));
    const verdicts = await alertDeliveries(new ResolvedApp(stacks.map((s) => Template.fromStack(s).toJSON())));
    expect(verdicts.filter((v) => v.verdict !== 'Allowed').map((v) => `${v.path}: ${v.verdict}`)).toEqual([]);
  });
});
