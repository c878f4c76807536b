/**
 * cloudwatch-alarm-action-authorized and sns-topic-policy against moto (server mode): topics and
 * alarms created through the real SDK, DescribeAlarms paged with pages smaller than the data, the
 * topic policies as moto reports them (SNS's default policy for a topic without one).
 */
import { CloudWatchClient, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { CreateTopicCommand, SetTopicAttributesCommand, SNSClient } from '@aws-sdk/client-sns';
import { withEnv } from './fake-aws/fixtures';
import { MotoServer, startMoto } from './moto-server';
import { schemaErrors } from './schema';
import { runScan } from '../../src/scanner/runtime/engine';

jest.setTimeout(600_000);

const REGION = 'eu-west-1';

describe('alarm actions and topic policies against moto', () => {
  let moto: MotoServer | undefined;

  beforeAll(async () => {
    moto = await startMoto();
    await withEnv(moto.env, async () => {
      const sns = new SNSClient({ region: REGION });
      const cw = new CloudWatchClient({ region: REGION });
      const allowed = (await sns.send(new CreateTopicCommand({ Name: 'allowed' }))).TopicArn!;
      const bare = (await sns.send(new CreateTopicCommand({ Name: 'bare' }))).TopicArn!;
      const account = allowed.split(':')[4];
      await sns.send(new SetTopicAttributesCommand({
        TopicArn: allowed,
        AttributeName: 'Policy',
        AttributeValue: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Sid: 'AllowCloudWatch', Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish', Resource: allowed, Condition: { StringEquals: { 'aws:SourceAccount': account } } }],
        }),
      }));
      const alarm = (name: string, actions: string[]) => cw.send(new PutMetricAlarmCommand({
        AlarmName: name,
        MetricName: 'Errors',
        Namespace: 'App',
        Statistic: 'Sum',
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmActions: actions,
      }));
      await alarm('to-allowed', [allowed]);
      await alarm('to-bare', [bare]);
      await alarm('to-both', [allowed, bare]);
      await alarm('no-actions', []);
      sns.destroy();
      cw.destroy();
    });
  });

  afterAll(() => moto?.stop());

  test('exactly the expected findings, pages of 2', async () => {
    const report = await withEnv(moto!.env, () => runScan({ regions: [REGION], checkIds: ['cloudwatch-alarm-action-authorized', 'sns-topic-policy'], pageSize: 2 }));
    expect(report.errors).toEqual([]);
    expect(schemaErrors(report)).toEqual([]);
    const got = report.findings.map((f) => `${f.checkId} ${f.resourceId.split(':').pop()}`).sort();
    expect(got).toEqual([
      'cloudwatch-alarm-action-authorized to-bare',
      'cloudwatch-alarm-action-authorized to-both',
      'sns-topic-policy bare',
    ]);
    const counts = Object.fromEntries(report.checks.map((c) => [c.id, `${c.counts.passed}/${c.counts.failed}/${c.counts.notApplicable}/${c.counts.errored}`]));
    expect(counts).toEqual({ 'cloudwatch-alarm-action-authorized': '1/2/1/0', 'sns-topic-policy': '1/1/0/0' });
  });
});
