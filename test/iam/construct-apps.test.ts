/**
 * The constructs with every option on, in one app (EC2 compute, remediation, data events, Object
 * Lock, a shared key, an organization scanner), and each construct at its defaults in an
 * environment-agnostic stack, against the validators the packs do not cover: AWS's service authorization
 * reference (every action/resource pairing granted) and AWS Control Tower's proactive controls
 * (cfn-guard, honouring the library's suppressions, as `NagReport.enforce` registers it). One
 * synthesis and one cfn-guard run for the file: cfn-guard takes seconds per template.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { grantProblems, resourceMatchesType } from './service-authorization';
import {
  AccountAudit, AuditedVpc, BatchCompute, BatchPipeline, ComplianceBucket, ComplianceKey, ComplianceQueue, ComplianceScanner,
  NagReport, ObjectLockMode, OrganizationScanner, RemediationFix,
} from '../../src';

jest.setTimeout(180_000);

const US = { account: '123456789012', region: 'us-east-1' };
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'construct-apps-'));
const app = new App({ outdir });
const stack = new Stack(app, 'Everything', { env: US });
const key = new ComplianceKey(stack, 'SharedKey');
const vpc = new AuditedVpc(stack, 'Vpc', { interfaceEndpoints: [...AuditedVpc.DEFAULT_INTERFACE_ENDPOINTS, 'ecs', 'ecs-agent', 'ecs-telemetry'] });
const locked = new ComplianceBucket(stack, 'Locked', { objectLockMode: ObjectLockMode.COMPLIANCE, objectLockRetention: Duration.days(365), encryptionKey: key });
const audit = new AccountAudit(stack, 'Audit', { s3DataEventBuckets: [locked.bucket], lambdaDataEvents: true, alertEmails: ['secops@example.com'] });
new BatchPipeline(stack, 'Pipeline', {
  vpc,
  imageUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/worker:1',
  compute: BatchCompute.ec2(),
  inputBucket: locked,
  alertTopic: audit.alertTopic,
  jobTracking: true,
  backup: true,
});
new ComplianceScanner(stack, 'Scanner', {
  alertTopic: audit.alertTopic,
  remediation: { dryRun: false, fixes: [RemediationFix.S3_BUCKET_PUBLIC_ACCESS_BLOCK] },
});
new OrganizationScanner(stack, 'OrgScanner', {
  organizationalUnitIds: ['ou-abcd-11111111'],
  organizationId: 'o-a1b2c3d4e5',
  regions: ['us-east-1', 'eu-west-1'],
  alertTopic: audit.alertTopic,
  reportBucket: locked.bucket,
});
new ComplianceQueue(stack, 'Work', { encryptionKey: key, depthAlarm: { alarmTopic: audit.alertTopic } });

// Each construct at its defaults, in an environment-agnostic stack (account and Region are tokens),
// the way a consumer's first app uses them.
const defaults = new Stack(app, 'Defaults');
const defaultVpc = new AuditedVpc(defaults, 'Vpc');
new ComplianceBucket(defaults, 'Bucket');
new AccountAudit(defaults, 'Audit');
new ComplianceScanner(defaults, 'Scanner');
new BatchPipeline(defaults, 'Pipeline', { vpc: defaultVpc, imageUri: 'public.ecr.aws/docker/library/busybox:1.36' });
new OrganizationScanner(defaults, 'OrgScanner', { organizationalUnitIds: ['ou-abcd-11111111'] });

const assembly = app.synth();
const templatePath = path.join(assembly.directory, assembly.getStackByName('Everything').templateFile);
const template = JSON.parse(fs.readFileSync(templatePath, 'utf8'));
const defaultsPath = path.join(assembly.directory, assembly.getStackByName('Defaults').templateFile);
const defaultsTemplate = JSON.parse(fs.readFileSync(defaultsPath, 'utf8'));

test('every action granted exists and each resource it names is of a type the action takes', async () => {
  const { problems, checked } = await grantProblems({ Everything: template, Defaults: defaultsTemplate });
  expect(problems).toEqual([]);
  expect(checked).toBeGreaterThan(80);
});

test('no unsuppressed AWS Control Tower proactive control violation', () => {
  const [validator] = NagReport.honouringSuppressions([new CfnGuardValidator()]);
  const report = validator.validate({ appConstruct: app, templatePaths: [templatePath, defaultsPath] });
  expect(report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${r.resourceLogicalId}`))).toEqual([]);
});

describe('resource matching against the reference\'s ARN formats', () => {
  const CONTAINER_INSTANCE = 'arn:${Partition}:ecs:${Region}:${Account}:container-instance/${ClusterName}/${ContainerInstanceId}';
  test('a cluster ARN is no container instance; a container-instance pattern is', () => {
    expect(resourceMatchesType('arn:aws:ecs:us-east-1:123456789012:cluster/AWSBatch-*', CONTAINER_INSTANCE)).toBe(false);
    expect(resourceMatchesType('arn:aws:ecs:us-east-1:123456789012:container-instance/AWSBatch-*', CONTAINER_INSTANCE)).toBe(true);
  });
  test('a function\'s versions and aliases (function:<name>:*) are the function; another service\'s ARN is not', () => {
    const fn = 'arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}';
    expect(resourceMatchesType('arn:aws:lambda:us-east-1:123456789012:function:plan:*', fn)).toBe(true);
    expect(resourceMatchesType('arn:aws:lambda:us-east-1:123456789012:function:plan', fn)).toBe(true);
    expect(resourceMatchesType('arn:aws:lambda:us-east-1:123456789012:layer:plan:1', fn)).toBe(false);
  });
  test('a log group\'s streams (log-group:<name>:*) are log streams', () => {
    const stream = 'arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}';
    expect(resourceMatchesType('arn:aws:logs:us-east-1:123456789012:log-group:flow:*', stream)).toBe(true);
    expect(resourceMatchesType('arn:aws:dynamodb:us-east-1:123456789012:table/t', 'arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}/stream/${StreamLabel}')).toBe(false);
  });
});
