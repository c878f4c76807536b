/**
 * events-target-authorized against moto (server mode): rules, targets, topics and queues created
 * through the real SDK, collected through ListEventBuses, ListRules and ListTargetsByRule with
 * pages smaller than the data, exactly the expected findings.
 */
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateTopicCommand, SetTopicAttributesCommand, SNSClient } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { withEnv } from './fake-aws/fixtures';
import { MotoServer, startMoto } from './moto-server';
import { schemaErrors } from './schema';
import { runScan } from '../../src/scanner/runtime/engine';

jest.setTimeout(600_000);

const REGION = 'eu-west-1';
const CHECK = 'events-target-authorized';

describe('events-target-authorized against moto', () => {
  let moto: MotoServer | undefined;

  beforeAll(async () => {
    moto = await startMoto();
    await withEnv(moto.env, async () => {
      const sns = new SNSClient({ region: REGION });
      const sqs = new SQSClient({ region: REGION });
      const eb = new EventBridgeClient({ region: REGION });
      const allowed = (await sns.send(new CreateTopicCommand({ Name: 'allowed' }))).TopicArn!;
      const bare = (await sns.send(new CreateTopicCommand({ Name: 'bare' }))).TopicArn!;
      const account = allowed.split(':')[4];
      await sns.send(new SetTopicAttributesCommand({
        TopicArn: allowed,
        AttributeName: 'Policy',
        AttributeValue: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sns:Publish', Resource: allowed, Condition: { StringEquals: { 'aws:SourceAccount': account } } }],
        }),
      }));
      const queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'plain' }))).QueueUrl!;
      const queue = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
      const rule = async (name: string, targets: string[]) => {
        await eb.send(new PutRuleCommand({ Name: name, EventPattern: JSON.stringify({ source: ['aws.guardduty'] }) }));
        if (targets.length) await eb.send(new PutTargetsCommand({ Rule: name, Targets: targets.map((Arn, i) => ({ Id: `t${i}`, Arn })) }));
      };
      await rule('to-allowed', [allowed]);
      await rule('to-bare', [bare]);
      await rule('to-queue', [queue]);
      await rule('to-both', [allowed, bare]);
      await rule('no-targets', []);
      sns.destroy();
      sqs.destroy();
      eb.destroy();
    });
  });

  afterAll(() => moto?.stop());

  test('exactly the expected findings, pages of 2', async () => {
    const report = await withEnv(moto!.env, () => runScan({ regions: [REGION], checkIds: [CHECK], pageSize: 2 }));
    expect(report.errors).toEqual([]);
    expect(schemaErrors(report)).toEqual([]);
    const got = report.findings.map((f) => f.resourceId.split('/').pop()).sort();
    expect(got).toEqual(['to-bare', 'to-both', 'to-queue']);
    expect(report.findings[0].resourceId).toMatch(/^arn:aws:events:eu-west-1:\d{12}:rule\/[a-z-]+$/);
    expect(report.checks[0].counts).toEqual({ passed: 1, failed: 3, notApplicable: 1, errored: 0 });
  });
});
