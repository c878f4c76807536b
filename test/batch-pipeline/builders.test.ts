import { App, Duration, Size, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as batch from 'aws-cdk-lib/aws-batch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { AuditedVpc, BatchCompute, BatchScale, ComplianceKey } from '../../src';
import { buildComputeEnvironment, retryStrategies, userEnvironment } from '../../src/batch-pipeline/compute';
import { ecrRepositoryOf, grantReadInput } from '../../src/batch-pipeline/job-roles';
import { resolveJobSettings } from '../../src/batch-pipeline/job-settings';
import { AlertPublishers } from '../../src/batch-pipeline/monitoring';
import { buildSecurityGroup, privateSubnets } from '../../src/batch-pipeline/network';
import { buildDeadLetterQueue, buildSchedule, jobArns } from '../../src/batch-pipeline/orchestration';
import { BatchPipelineProps } from '../../src/batch-pipeline/props';
import { buildJobTracking } from '../../src/batch-pipeline/tracking';
import { ManagedPolicyRole } from '../../src/core/managed-policy-role';

const ENV = { account: '123456789012', region: 'us-east-1' };
const IMAGE_URI = '123456789012.dkr.ecr.us-east-1.amazonaws.com/transactions-worker:1.4.2';

/** A stack with a construct standing in for the pipeline, and a two-tier VPC (public and isolated). */
function scaffold(): { stack: Stack; scope: Construct; vpc: ec2.Vpc } {
  const stack = new Stack(new App(), 'Builders', { env: ENV });
  const scope = new Construct(stack, 'Pipeline');
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    natGateways: 0,
    subnetConfiguration: [
      { name: 'public', subnetType: ec2.SubnetType.PUBLIC },
      { name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    ],
  });
  return { stack, scope, vpc };
}

function props(vpc: ec2.IVpc, more: Partial<BatchPipelineProps> = {}): BatchPipelineProps {
  return { vpc, imageUri: IMAGE_URI, ...more };
}

describe('job settings', () => {
  test('defaults: Fargate, a four-hour window, 1 vCPU and 2 GiB, 3 attempts, a single job', () => {
    const { scope, vpc } = scaffold();
    const settings = resolveJobSettings(scope, props(vpc));
    expect(settings.compute.kind).toBe('FARGATE');
    expect(settings.window.toHours()).toBe(4);
    expect(settings.cpu).toBe(1);
    expect(settings.memory.toMebibytes()).toBe(2048);
    expect(settings.attempts).toBe(3);
    expect(settings.arraySize).toBeUndefined();
  });

  test('the array size is computed against the window', () => {
    const { scope, vpc } = scaffold();
    const settings = resolveJobSettings(scope, props(vpc, {
      processingWindow: Duration.hours(4),
      scale: BatchScale.fromThroughput({ recordsPerRun: 1_000_000, recordsPerSecondPerWorker: 50 }),
    }));
    expect(settings.arraySize).toBe(3);
  });

  test.each<[string, Partial<BatchPipelineProps>, RegExp]>([
    ['window', { processingWindow: Duration.seconds(30) }, /invalid processingWindow/],
    ['cpu on Fargate', { cpu: 3 }, /invalid cpu: 3\. Allowed on Fargate/],
    ['memory on EC2', { compute: BatchCompute.ec2(), memory: Size.mebibytes(64) }, /invalid memory/],
    ['attempts', { attempts: 11 }, /invalid attempts/],
    ['both images', { image: undefined, imageUri: undefined }, /neither image nor imageUri/],
  ])('refuses a bad %s, naming the prop', (_name, given, message) => {
    const { scope, vpc } = scaffold();
    expect(() => resolveJobSettings(scope, props(vpc, given))).toThrow(message);
  });
});

describe('network', () => {
  test('the isolated subnets by default; public subnets refused', () => {
    const { scope, vpc } = scaffold();
    expect(privateSubnets(scope, vpc, undefined)).toEqual({ subnetType: ec2.SubnetType.PRIVATE_ISOLATED });
    expect(() => privateSubnets(scope, vpc, { subnetType: ec2.SubnetType.PUBLIC })).toThrow(/invalid vpcSubnets/);
    expect(() => privateSubnets(scope, vpc, { subnetGroupName: 'public' })).toThrow(/private or isolated subnets only/);
  });

  test('a plain VPC: a new group with HTTPS to the VPC CIDR only', () => {
    const { stack, scope, vpc } = scaffold();
    const sg = buildSecurityGroup(scope, props(vpc), BatchCompute.fargate());
    expect(sg.node.path).toBe('Builders/Pipeline/SecurityGroup');
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupEgress: [Match.objectLike({ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: { 'Fn::GetAtt': [Match.anyValue(), 'CidrBlock'] } })],
    });
  });

  test('a given group is used as it is; one open to all egress leaves a warning', () => {
    const { stack, scope, vpc } = scaffold();
    const open = new ec2.SecurityGroup(stack, 'Open', { vpc, allowAllOutbound: true });
    expect(buildSecurityGroup(scope, props(vpc, { securityGroup: open }), BatchCompute.fargate())).toBe(open);
    Annotations.fromStack(stack).hasWarning('/Builders/Pipeline', Match.stringLikeRegexp('securityGroup'));
  });

  test('EC2 compute in an AuditedVpc without the ECS endpoints leaves a warning', () => {
    const stack = new Stack(new App(), 'Builders', { env: ENV });
    const scope = new Construct(stack, 'Pipeline');
    const vpc = new AuditedVpc(stack, 'Vpc');
    buildSecurityGroup(scope, props(vpc), BatchCompute.ec2());
    Annotations.fromStack(stack).hasWarning('/Builders/Pipeline', Match.stringLikeRegexp('ecs-agent'));
  });
});

describe('compute', () => {
  function environmentFor(compute: BatchCompute) {
    const { stack, scope, vpc } = scaffold();
    const settings = resolveJobSettings(scope, props(vpc, { compute, scale: BatchScale.arraySize(40), cpu: 1 }));
    const jobLogGroup = new logs.LogGroup(stack, 'Logs');
    const parts = buildComputeEnvironment(scope, props(vpc), {
      settings,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      securityGroup: new ec2.SecurityGroup(stack, 'Sg', { vpc }),
      jobLogGroup,
      key: new kms.Key(stack, 'Key'),
    });
    return { stack, parts, template: Template.fromStack(stack) };
  }

  test('Fargate: no launch template or instance role; maxvCpus runs every child at once', () => {
    const { parts, template } = environmentFor(BatchCompute.fargate());
    expect(parts.computeEnvironment).toBeInstanceOf(batch.FargateComputeEnvironment);
    expect(parts.launchTemplate).toBeUndefined();
    expect(parts.instanceRole).toBeUndefined();
    template.hasResourceProperties('AWS::Batch::ComputeEnvironment', {
      ComputeResources: Match.objectLike({ MaxvCpus: 40, Type: 'FARGATE' }),
      Tags: { 'batch-pipeline': 'Builders/Pipeline' },
    });
  });

  test('EC2: a launch template requiring IMDSv2 and an instance role with the ECS agent\'s permissions', () => {
    const { parts, template } = environmentFor(BatchCompute.ec2());
    expect(parts.computeEnvironment).toBeInstanceOf(batch.ManagedEc2EcsComputeEnvironment);
    expect(parts.launchTemplate!.node.path).toBe('Builders/Pipeline/LaunchTemplate');
    expect(parts.instanceRole!.node.path).toBe('Builders/Pipeline/InstanceRole');
    template.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: Match.objectLike({ MetadataOptions: Match.objectLike({ HttpTokens: 'required', HttpPutResponseHopLimit: 1 }) }),
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Sid: 'EcsAgentOnBatchClusters' })]) },
    });
  });

  test('the user\'s variables in name order; the pipeline\'s own names refused', () => {
    const { scope } = scaffold();
    expect(Object.keys(userEnvironment(scope, { ZETA: '1', ALPHA: '2', MID: '3' }))).toEqual(['ALPHA', 'MID', 'ZETA']);
    expect(userEnvironment(scope, undefined)).toEqual({});
    expect(() => userEnvironment(scope, { TRACKING_TABLE: 'x' })).toThrow(/invalid environment: 'TRACKING_TABLE'/);
  });

  test('infrastructure failures are retried, anything else exits, last', () => {
    const strategies = retryStrategies();
    expect(strategies.map((s) => s.action)).toEqual([...Array(4).fill(batch.Action.RETRY), batch.Action.EXIT]);
  });
});

describe('job roles', () => {
  test.each<[string, ReturnType<typeof ecrRepositoryOf>]>([
    [IMAGE_URI, { account: '123456789012', region: 'us-east-1', name: 'transactions-worker' }],
    ['123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com/team/worker@sha256:' + 'a'.repeat(64),
      { account: '123456789012', region: 'us-gov-west-1', name: 'team/worker' }],
    ['public.ecr.aws/amazonlinux/amazonlinux:2023', undefined],
    ['docker.io/library/node:20', undefined],
  ])('ecrRepositoryOf(%s)', (uri, expected) => {
    expect(ecrRepositoryOf(uri)).toEqual(expected);
  });

  test('reading input: list the bucket, get its objects, decrypt with its key', () => {
    const { stack } = scaffold();
    const role = new ManagedPolicyRole(stack, 'Role', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    const bucket = new s3.Bucket(stack, 'Input', { encryptionKey: new kms.Key(stack, 'K') });
    grantReadInput(role, bucket);
    const statements = Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy');
    const sids = Object.values(statements).flatMap((p: any) => p.Properties.PolicyDocument.Statement.map((s: any) => s.Sid));
    expect(sids).toEqual(['ListInput', 'ReadInput', 'DecryptInput']);
  });
});

describe('job tracking', () => {
  function tracking(options: { jobTracking?: boolean; backup?: boolean }) {
    const { stack, scope } = scaffold();
    const role = new ManagedPolicyRole(scope, 'JobRole', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    return { stack, built: buildJobTracking(scope, options, new kms.Key(stack, 'Key'), role) };
  }

  test('off: nothing', () => {
    expect(tracking({}).built).toEqual({ trackingTable: undefined });
  });

  test('on: a table and, by default, a vault and plan selecting it', () => {
    const { built } = tracking({ jobTracking: true });
    expect(built.trackingTable!.node.path).toBe('Builders/Pipeline/TrackingTable');
    expect(built.backupVault!.node.path).toBe('Builders/Pipeline/BackupVault');
    expect(built.backupPlan!.node.tryFindChild('TrackingTable')).toBeDefined();
  });

  test('backup off: the table only, and a warning', () => {
    const { stack, built } = tracking({ jobTracking: true, backup: false });
    expect(built.backupPlan).toBeUndefined();
    Annotations.fromStack(stack).hasWarning('/Builders/Pipeline', Match.stringLikeRegexp('backup'));
  });

  test('backup without a table is refused', () => {
    expect(() => tracking({ backup: true })).toThrow(/invalid backup: true/);
  });
});

describe('orchestration', () => {
  test('the dead-letter queue is a ComplianceQueue EventBridge may use the key of', () => {
    const { stack, scope } = scaffold();
    const key = new ComplianceKey(scope, 'Key');
    const queue = buildDeadLetterQueue(scope, key);
    expect(queue.node.path).toBe('Builders/Pipeline/DeadLetterQueue');
    const keyPolicy = JSON.stringify(Template.fromStack(stack).findResources('AWS::KMS::Key'));
    expect(keyPolicy).toContain('events.amazonaws.com');
  });

  test('the schedule starts runs daily at 00:00 UTC by default, with retries and the dead-letter queue', () => {
    const { stack, scope } = scaffold();
    const stateMachine = new sfn.StateMachine(stack, 'Sm', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'P')) });
    const key = new kms.Key(stack, 'Key');
    const schedule = buildSchedule(scope, { stateMachine, deadLetterQueue: new sqs.Queue(stack, 'Dlq'), key });
    expect(schedule.node.path).toBe('Builders/Pipeline/Schedule');
    Template.fromStack(stack).hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 0 * * ? *)',
      ScheduleExpressionTimezone: 'Etc/UTC',
      Target: Match.objectLike({ RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 3600 }, DeadLetterConfig: Match.anyValue() }),
    });
  });

  test('the jobs the state machine may stop are those of this account and Region', () => {
    const { stack, scope } = scaffold();
    expect(stack.resolve(jobArns(scope))).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':batch:us-east-1:123456789012:job/*']] });
  });
});

describe('alert publishers', () => {
  test('an imported topic: one warning per service, however many publishers it admits', () => {
    const { stack, scope } = scaffold();
    const publishers = new AlertPublishers(scope, sns.Topic.fromTopicArn(stack, 'T', 'arn:aws:sns:us-east-1:123456789012:alerts'));
    publishers.allow('events.amazonaws.com', 'arn:aws:events:us-east-1:123456789012:rule/a');
    publishers.allow('events.amazonaws.com', 'arn:aws:events:us-east-1:123456789012:rule/b');
    publishers.allow('cloudwatch.amazonaws.com', 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:c');
    const warnings = Annotations.fromStack(stack).findWarning('/Builders/Pipeline', Match.stringLikeRegexp('alertTopic is imported'));
    expect(warnings).toHaveLength(2);
  });

  test('a topic of the app: each publisher by its ARN, and its key once per service', () => {
    const { stack, scope } = scaffold();
    const topic = new sns.Topic(stack, 'T', { masterKey: new kms.Key(stack, 'K') });
    const publishers = new AlertPublishers(scope, topic);
    publishers.allow('events.amazonaws.com', 'arn:aws:events:us-east-1:123456789012:rule/a');
    publishers.allow('events.amazonaws.com', 'arn:aws:events:us-east-1:123456789012:rule/b');
    const template = Template.fromStack(stack);
    const topicStatements = Object.values(template.findResources('AWS::SNS::TopicPolicy')).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
    expect(topicStatements.map((s: any) => s.Condition.ArnLike['aws:SourceArn'])).toEqual([
      'arn:aws:events:us-east-1:123456789012:rule/a',
      'arn:aws:events:us-east-1:123456789012:rule/b',
    ]);
    const keyStatements = Object.values(template.findResources('AWS::KMS::Key')).flatMap((k: any) => k.Properties.KeyPolicy.Statement);
    expect(keyStatements.filter((s: any) => s.Principal.Service === 'events.amazonaws.com')).toHaveLength(1);
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });
});
