/**
 * The data-path rules on apps built from plain aws-cdk-lib: for each path family one app with a
 * denied path (a missing statement, a key that does not admit the service, a trust policy for
 * another service, a condition that does not hold) gets at least one CompliancePack error for that
 * path, and its correctly authorised twin gets none. Every evaluation the model makes is replayed
 * through iam-simulate, and the two must agree.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as batch from 'aws-cdk-lib/aws-batch';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as config from 'aws-cdk-lib/aws-config';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { CompliancePack } from '../../../src';
import { pathModel } from '../../../src/nag/paths';
import { ALL_RULES } from '../../../src/nag/rules';
import { observeEvaluations, PolicyDecision, PolicyRequest } from '../../../src/policy/evaluate';
import { newStack } from '../../nag-helper';
import { disagreements } from '../../policy/reference';

const ACCOUNT = '123456789012';
const PATH_RULES = ['EventsRuleTargetAuthorized', 'AlarmActionAuthorized', 'KmsKeyUseAuthorized', 'RoleTrustAuthorized', 'SchedulerTargetAuthorized',
  'LambdaDestinationAuthorized', 'CloudTrailDeliveryAuthorized', 'FlowLogDeliveryAuthorized', 'S3AccessLogDeliveryAuthorized', 'ConfigDeliveryAuthorized',
  'BatchExecutionRoleAuthorized', 'StateMachineTasksAuthorized'];

interface Finding {
  readonly rule: string;
  readonly id: string;
  readonly path: string;
  readonly message: string;
}

const evaluations: Array<[PolicyRequest, PolicyDecision]> = [];
beforeAll(() => observeEvaluations((request, decision) => evaluations.push([request, decision])));
afterAll(() => observeEvaluations(undefined));

/** Path-rule findings of the app that holds `stack`. */
function pathFindings(stack: Stack): Finding[] {
  const app = stack.node.root as App;
  app.synth();
  const report = new CompliancePack(undefined, { rules: PATH_RULES }).validateScope(app);
  return report.violations.flatMap((v) => v.violatingResources.map((r) => ({
    rule: v.ruleName.replace(/^CompliancePack-/, '').replace(/\[.*$/, ''),
    id: v.ruleName,
    path: r.constructPath ?? '',
    message: v.description,
  })));
}

const fn = (stack: Stack, id: string, role?: iam.IRole, props: Partial<lambda.FunctionProps> = {}) => new lambda.Function(stack, id, {
  runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => {};'), role, ...props,
});

/** A topic whose policy admits `service` (optionally only from `sourceArn`). */
function topicFor(stack: Stack, service: string, sourceArn?: string, key?: kms.IKey): sns.Topic {
  const topic = new sns.Topic(stack, 'Alerts', { masterKey: key });
  topic.addToResourcePolicy(new iam.PolicyStatement({
    sid: `Allow${service.split('.')[0]}`,
    principals: [new iam.ServicePrincipal(service)],
    actions: ['sns:Publish'],
    resources: [topic.topicArn],
    conditions: sourceArn ? { ArnEquals: { 'aws:SourceArn': sourceArn } } : undefined,
  }));
  return topic;
}

function rule(stack: Stack, id = 'JobFailedRule'): events.Rule {
  return new events.Rule(stack, id, { eventPattern: { source: ['aws.batch'] } });
}

type Build = (stack: Stack) => void;

/** Each family: [rule, [twin name, denied app, allowed app]...]. */
const FAMILIES: Array<[string, Array<[string, Build, Build]>]> = [
  ['EventsRuleTargetAuthorized', [
    ['SNS topic policy admits only CloudWatch alarms', (s) => {
      const r = rule(s);
      r.addTarget(new targets.SnsTopic(sns.Topic.fromTopicArn(s, 'Imported', topicFor(s, 'cloudwatch.amazonaws.com').topicArn)));
    }, (s) => {
      const r = rule(s);
      r.addTarget(new targets.SnsTopic(topicFor(s, 'events.amazonaws.com')));
    }],
    ['SNS topic policy admits another rule (condition)', (s) => {
      const other = rule(s, 'GuardDutyRule');
      const topic = topicFor(s, 'events.amazonaws.com', other.ruleArn);
      rule(s).addTarget(new targets.SnsTopic(sns.Topic.fromTopicArn(s, 'Imported', topic.topicArn)));
    }, (s) => {
      const r = rule(s);
      const topic = topicFor(s, 'events.amazonaws.com', r.ruleArn);
      r.addTarget(new targets.SnsTopic(sns.Topic.fromTopicArn(s, 'Imported', topic.topicArn)));
    }],
    ['SQS queue without a queue policy', (s) => {
      const queue = new sqs.Queue(s, 'Queue');
      rule(s).addTarget(new targets.SqsQueue(sqs.Queue.fromQueueArn(s, 'Imported', queue.queueArn)));
    }, (s) => {
      rule(s).addTarget(new targets.SqsQueue(new sqs.Queue(s, 'Queue')));
    }],
    ['Lambda function without a permission for the rule', (s) => {
      const f = fn(s, 'Handler');
      rule(s).addTarget(new targets.LambdaFunction(lambda.Function.fromFunctionArn(s, 'Imported', f.functionArn)));
    }, (s) => {
      rule(s).addTarget(new targets.LambdaFunction(fn(s, 'Handler')));
    }],
  ]],
  ['AlarmActionAuthorized', [
    ['topic policy admits only EventBridge', (s) => {
      alarm(s).addAlarmAction({ bind: () => ({ alarmActionArn: topicFor(s, 'events.amazonaws.com').topicArn }) });
    }, (s) => {
      alarm(s).addAlarmAction({ bind: () => ({ alarmActionArn: topicFor(s, 'cloudwatch.amazonaws.com').topicArn }) });
    }],
  ]],
  ['KmsKeyUseAuthorized', [
    ['topic key admits only the account (key)', (s) => {
      // An L1 rule: the SnsTopic target would grant EventBridge the key.
      const topic = topicFor(s, 'events.amazonaws.com', undefined, new kms.Key(s, 'TopicKey'));
      new events.CfnRule(s, 'JobFailedRule', { eventPattern: { source: ['aws.batch'] }, targets: [{ id: 'Alerts', arn: topic.topicArn }] });
    }, (s) => {
      const key = new kms.Key(s, 'TopicKey');
      key.addToResourcePolicy(new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('events.amazonaws.com')], actions: ['kms:GenerateDataKey*', 'kms:Decrypt'], resources: ['*'],
      }));
      rule(s).addTarget(new targets.SnsTopic(topicFor(s, 'events.amazonaws.com', undefined, key)));
    }],
    ['topic encrypted with the AWS managed key', (s) => {
      rule(s).addTarget(new targets.SnsTopic(topicFor(s, 'events.amazonaws.com', undefined, kms.Alias.fromAliasName(s, 'Managed', 'alias/aws/sns'))));
    }, (s) => {
      rule(s).addTarget(new targets.SnsTopic(topicFor(s, 'events.amazonaws.com')));
    }],
    ['log group key without CloudWatch Logs', (s) => {
      new logs.LogGroup(s, 'Logs', { encryptionKey: new kms.Key(s, 'LogKey') });
    }, (s) => {
      const key = new kms.Key(s, 'LogKey');
      key.addToResourcePolicy(new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal(`logs.${s.region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${s.region}:${ACCOUNT}:log-group:*` } },
      }));
      new logs.LogGroup(s, 'Logs', { encryptionKey: key });
    }],
  ]],
  ['RoleTrustAuthorized', [
    ['function role trusts EC2 (trust)', (s) => {
      fn(s, 'Handler', new iam.Role(s, 'Role', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') }));
    }, (s) => {
      fn(s, 'Handler', new iam.Role(s, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }));
    }],
    ['target role trusts EventBridge only from another account (condition)', (s) => {
      const role = new iam.Role(s, 'Role', {
        assumedBy: new iam.ServicePrincipal('events.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': '999999999999' } } }),
      });
      rule(s).addTarget(new targets.SnsTopic(topicFor(s, 'events.amazonaws.com'), { authorizeUsingRole: true, role }));
    }, (s) => {
      const role = new iam.Role(s, 'Role', {
        assumedBy: new iam.ServicePrincipal('events.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } }),
      });
      rule(s).addTarget(new targets.SnsTopic(topicFor(s, 'events.amazonaws.com'), { authorizeUsingRole: true, role }));
    }],
  ]],
  ['SchedulerTargetAuthorized', [
    ['schedule role without sqs:SendMessage (policy)', (s) => schedule(s, false), (s) => schedule(s, true)],
  ]],
  ['LambdaDestinationAuthorized', [
    ['dead-letter queue the role may not send to', (s) => {
      const queue = new sqs.Queue(s, 'Dlq');
      const role = new iam.Role(s, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      const f = new lambda.CfnFunction(s, 'Handler', {
        code: { zipFile: 'exports.handler = async () => {};' },
        handler: 'index.handler',
        runtime: 'nodejs22.x',
        role: role.roleArn,
        deadLetterConfig: { targetArn: queue.queueArn },
      });
      void f;
    }, (s) => {
      fn(s, 'Handler', undefined, { deadLetterQueue: new sqs.Queue(s, 'Dlq') });
    }],
  ]],
  ['CloudTrailDeliveryAuthorized', [
    ['trail bucket without a bucket policy', (s) => {
      const bucket = new s3.Bucket(s, 'TrailBucket');
      new cloudtrail.CfnTrail(s, 'Trail', { isLogging: true, s3BucketName: bucket.bucketName });
    }, (s) => {
      new cloudtrail.Trail(s, 'Trail', { bucket: new s3.Bucket(s, 'TrailBucket') });
    }],
  ]],
  ['FlowLogDeliveryAuthorized', [
    ['flow log role without logs:PutLogEvents', (s) => {
      const group = new logs.LogGroup(s, 'FlowLogs');
      const role = new iam.Role(s, 'FlowRole', { assumedBy: new iam.ServicePrincipal('vpc-flow-logs.amazonaws.com') });
      role.addToPolicy(new iam.PolicyStatement({ actions: ['logs:CreateLogStream'], resources: [group.logGroupArn] }));
      new ec2.CfnFlowLog(s, 'FlowLog', {
        resourceId: 'vpc-12345678',
        resourceType: 'VPC',
        trafficType: 'ALL',
        logDestinationType: 'cloud-watch-logs',
        logDestination: group.logGroupArn,
        deliverLogsPermissionArn: role.roleArn,
      });
    }, (s) => {
      const vpc = new ec2.Vpc(s, 'Vpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'p', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
      vpc.addFlowLog('FlowLog', { destination: ec2.FlowLogDestination.toCloudWatchLogs(new logs.LogGroup(s, 'FlowLogs')) });
    }],
  ]],
  ['S3AccessLogDeliveryAuthorized', [
    ['log bucket policy does not admit logging.s3', (s) => {
      const logBucket = new s3.Bucket(s, 'LogBucket');
      const bucket = new s3.Bucket(s, 'Data');
      (bucket.node.defaultChild as s3.CfnBucket).loggingConfiguration = { destinationBucketName: logBucket.bucketName, logFilePrefix: 'data/' };
    }, (s) => {
      new s3.Bucket(s, 'Data', { serverAccessLogsBucket: new s3.Bucket(s, 'LogBucket'), serverAccessLogsPrefix: 'data/' });
    }],
    ['log bucket encrypted with SSE-KMS', (s) => {
      new s3.Bucket(s, 'Data', { serverAccessLogsBucket: new s3.Bucket(s, 'LogBucket', { encryption: s3.BucketEncryption.KMS }), serverAccessLogsPrefix: 'data/' });
    }, (s) => {
      new s3.Bucket(s, 'Data', { serverAccessLogsBucket: new s3.Bucket(s, 'LogBucket', { encryption: s3.BucketEncryption.S3_MANAGED }), serverAccessLogsPrefix: 'data/' });
    }],
  ]],
  ['BatchExecutionRoleAuthorized', [
    ['execution role may not write the awslogs group', (s) => jobWithLogs(s, false), (s) => jobWithLogs(s, true)],
  ]],
  ['StateMachineTasksAuthorized', [
    ['state machine role may not publish to the topic of its task', (s) => publishingStateMachine(s, false), (s) => publishingStateMachine(s, true)],
  ]],
  ['ConfigDeliveryAuthorized', [
    ['bucket without a policy for config.amazonaws.com', (s) => configChannel(s, false), (s) => configChannel(s, true)],
  ]],
];

function alarm(stack: Stack): cloudwatch.Alarm {
  return new cloudwatch.Alarm(stack, 'RunTooLong', {
    metric: new cloudwatch.Metric({ namespace: 'AWS/States', metricName: 'ExecutionsTimedOut' }), threshold: 1, evaluationPeriods: 1,
  });
}

function schedule(stack: Stack, allowed: boolean): void {
  const queue = new sqs.Queue(stack, 'Work');
  const role = new iam.Role(stack, 'SchedulerRole', { assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com') });
  if (allowed) {
    queue.grantSendMessages(role);
  }
  new scheduler.CfnSchedule(stack, 'Nightly', {
    scheduleExpression: 'cron(0 0 * * ? *)',
    flexibleTimeWindow: { mode: 'OFF' },
    target: { arn: queue.queueArn, roleArn: role.roleArn },
  });
}

function jobWithLogs(stack: Stack, allowed: boolean): void {
  const group = new logs.LogGroup(stack, 'JobLogs');
  const role = new iam.Role(stack, 'ExecutionRole', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
  if (allowed) {
    group.grantWrite(role);
  }
  new batch.CfnJobDefinition(stack, 'Job', {
    type: 'container',
    platformCapabilities: ['FARGATE'],
    containerProperties: {
      image: 'public.ecr.aws/amazonlinux/amazonlinux:2023',
      executionRoleArn: role.roleArn,
      resourceRequirements: [{ type: 'VCPU', value: '0.25' }, { type: 'MEMORY', value: '512' }],
      logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': group.logGroupName } },
    },
  });
}

function publishingStateMachine(stack: Stack, allowed: boolean): void {
  const topic = new sns.Topic(stack, 'Alerts');
  const role = new iam.Role(stack, 'StateMachineRole', { assumedBy: new iam.ServicePrincipal('states.amazonaws.com') });
  if (allowed) {
    topic.grantPublish(role);
  }
  new sfn.CfnStateMachine(stack, 'Run', {
    roleArn: role.roleArn,
    definitionString: stack.toJsonString({
      StartAt: 'Notify',
      States: { Notify: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', Parameters: { TopicArn: topic.topicArn, Message: 'run ended' }, End: true } },
    }),
  });
}

function configChannel(stack: Stack, allowed: boolean): void {
  const bucket = new s3.Bucket(stack, 'ConfigBucket');
  if (allowed) {
    const principal = new iam.ServicePrincipal('config.amazonaws.com');
    bucket.addToResourcePolicy(new iam.PolicyStatement({ principals: [principal], actions: ['s3:GetBucketAcl'], resources: [bucket.bucketArn] }));
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      principals: [principal],
      actions: ['s3:PutObject'],
      resources: [bucket.arnForObjects(`AWSLogs/${ACCOUNT}/Config/*`)],
      conditions: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
    }));
  }
  new config.CfnDeliveryChannel(stack, 'Channel', { s3BucketName: bucket.bucketName });
}

test('every data-path rule has twins here', () => {
  expect(FAMILIES.map(([name]) => name).sort()).toEqual(ALL_RULES.filter((r) => r.describeFinding).map((r) => r.name).sort());
  expect([...PATH_RULES].sort()).toEqual(FAMILIES.map(([name]) => name).sort());
});

describe.each(FAMILIES)('%s', (ruleName, twins) => {
  test.each(twins)('%s: denied twin has an error, allowed twin none', (_name, denied, allowed) => {
    const bad = newStack(new App());
    denied(bad);
    const badFindings = pathFindings(bad).filter((f) => f.rule === ruleName);
    expect(badFindings.length).toBeGreaterThanOrEqual(1);
    for (const f of badFindings) {
      expect(f.message).toMatch(/ -> .*: [a-z0-9-]+:[A-Za-z]+ .*denied/);
    }

    const good = newStack(new App());
    allowed(good);
    expect(pathFindings(good).map((f) => `${f.id} ${f.path}: ${f.message}`)).toEqual([]);
  });
});

test('the finding names source, target, action and the denying document', () => {
  const stack = newStack(new App());
  const other = rule(stack, 'GuardDutyRule');
  const topic = topicFor(stack, 'events.amazonaws.com', other.ruleArn);
  rule(stack).addTarget(new targets.SnsTopic(sns.Topic.fromTopicArn(stack, 'Imported', topic.topicArn)));
  const [finding] = pathFindings(stack).filter((f) => f.rule === 'EventsRuleTargetAuthorized');
  expect(finding.id).toBe('CompliancePack-EventsRuleTargetAuthorized[Alerts::sns:Publish]');
  expect(finding.path).toBe('TestStack/JobFailedRule/Resource');
  expect(finding.message).toContain('JobFailedRule -> Alerts topic: sns:Publish for events.amazonaws.com denied: the topic policy of Alerts: no statement admits events.amazonaws.com');
  expect(finding.message).toContain('misses on its condition ArnEquals aws:SourceArn');
});

test('a value known only at deploy time is never allowed, and not a finding', () => {
  const stack = newStack(new App());
  const topic = sns.Topic.fromTopicArn(stack, 'Shared', 'arn:aws:sns:us-east-1:123456789012:shared');
  rule(stack).addTarget(new targets.SnsTopic(topic));
  (stack.node.root as App).synth();
  const cfnRule = stack.node.findChild('JobFailedRule').node.defaultChild as events.CfnRule;
  const paths = pathModel(cfnRule).pathsOf(cfnRule);
  expect(paths.map((p: any) => p.result.decision)).toEqual(['unknown']);
  expect(pathFindings(stack)).toEqual([]);
});

test('every evaluation agrees with iam-simulate', async () => {
  expect(evaluations.length).toBeGreaterThan(20);
  expect(await disagreements(evaluations)).toEqual([]);
}, 60_000);

test('server access logs through the log bucket\'s policy (ACLs disabled) are allowed', () => {
  const stack = newStack(new App({ context: { '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true } }));
  new s3.Bucket(stack, 'Data', { serverAccessLogsBucket: new s3.Bucket(stack, 'LogBucket'), serverAccessLogsPrefix: 'data/' });
  (stack.node.root as App).synth();
  const data = stack.node.findChild('Data').node.defaultChild as s3.CfnBucket;
  expect(pathModel(data).pathsOf(data).map((p: any) => `${p.action} ${p.result.decision} ${p.result.document}`)).toEqual(['s3:PutObject allowed the bucket policy of LogBucket']);
  expect(pathFindings(stack)).toEqual([]);
});
