import { Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import {
  acknowledgeOutsideVpc, errorsMetric, logAndTraceStatements, queueDepthMetric, secureFunctionOptions, topicAlarm,
} from '../../src/core/monitored-function';

function parts(stack: Stack) {
  const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  return {
    role,
    key: new kms.Key(stack, 'Key'),
    deadLetterQueue: new sqs.Queue(stack, 'Dlq'),
    logGroup: new logs.LogGroup(stack, 'Logs'),
  };
}

describe('secureFunctionOptions', () => {
  test('arm64, active tracing, reserved concurrency, encrypted environment, dead-letter queue, own log group, JSON logs at INFO', () => {
    const stack = new Stack();
    const p = parts(stack);
    new lambda.Function(stack, 'Fn', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => {}'),
      ...secureFunctionOptions({
        functionName: 'fn',
        description: 'd',
        memorySize: 256,
        timeout: Duration.minutes(2),
        reservedConcurrency: 3,
        role: p.role.withoutPolicyUpdates(),
        environment: { A: 'b' },
        key: p.key,
        deadLetterQueue: p.deadLetterQueue,
        logGroup: p.logGroup,
      }),
    });
    const fn = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function'))[0].Properties;
    expect(fn).toMatchObject({
      FunctionName: 'fn',
      Description: 'd',
      MemorySize: 256,
      Timeout: 120,
      ReservedConcurrentExecutions: 3,
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      Environment: { Variables: { A: 'b' } },
      KmsKeyArn: { 'Fn::GetAtt': [expect.stringMatching(/^Key/), 'Arn'] },
      DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': [expect.stringMatching(/^Dlq/), 'Arn'] } },
      LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'INFO', SystemLogLevel: 'INFO', LogGroup: { Ref: expect.stringMatching(/^Logs/) } },
    });
  });

  test('the no-VPC acknowledgment lands on the function', () => {
    const stack = new Stack();
    const fn = new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
    acknowledgeOutsideVpc(fn, 'calls AWS APIs only');
    expect(JSON.stringify(Template.fromStack(stack).toJSON())).toContain('calls AWS APIs only');
  });
});

test('logAndTraceStatements: its own log group, and the X-Ray writes on "*"', () => {
  const stack = new Stack();
  const logGroup = new logs.LogGroup(stack, 'Logs');
  const [own, traces] = logAndTraceStatements(logGroup).map((s) => stack.resolve(s.toStatementJson()));
  expect(own).toEqual({ Sid: 'WriteOwnLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': [expect.any(String), 'Arn'] } });
  expect(traces).toEqual({ Sid: 'WriteTraces', Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' });
});

test('errorsMetric and queueDepthMetric: five minutes, Sum and Maximum', () => {
  const stack = new Stack();
  const fn = new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
  const errors = errorsMetric(fn).toMetricConfig().metricStat!;
  expect([errors.metricName, errors.statistic, errors.period.toSeconds()]).toEqual(['Errors', 'Sum', 300]);
  const depth = queueDepthMetric(new sqs.Queue(stack, 'Q')).toMetricConfig().metricStat!;
  expect([depth.metricName, depth.statistic, depth.period.toSeconds()]).toEqual(['ApproximateNumberOfMessagesVisible', 'Maximum', 300]);
});

describe('topicAlarm', () => {
  const metric = new cloudwatch.Metric({ namespace: 'N', metricName: 'M' });

  test('one period, missing data not breaching, at or above the threshold by default, the topic on ALARM and OK', () => {
    const stack = new Stack();
    const topic = new sns.Topic(stack, 'Topic');
    topicAlarm(stack, 'Alarm', topic, { metric, threshold: 2, alarmDescription: 'd', alarmName: 'a' });
    const alarm = Object.values(Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm'))[0].Properties;
    expect(alarm).toMatchObject({
      AlarmName: 'a',
      AlarmDescription: 'd',
      Threshold: 2,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: expect.stringMatching(/^Topic/) }],
      OKActions: [{ Ref: expect.stringMatching(/^Topic/) }],
    });
  });

  test('another comparison, and no OK notification when asked', () => {
    const stack = new Stack();
    topicAlarm(stack, 'Alarm', new sns.Topic(stack, 'Topic'), {
      metric, threshold: 80, alarmDescription: 'd', comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD, notifyOk: false,
    });
    const alarm = Object.values(Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm'))[0].Properties;
    expect(alarm.ComparisonOperator).toBe('LessThanThreshold');
    expect(alarm.OKActions).toBeUndefined();
    expect(alarm.AlarmName).toBeUndefined();
  });
});
