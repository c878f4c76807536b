/**
 * guardduty-enabled-findings-routed against moto (server mode): a detector and the findings route
 * created through the real SDK in one Region, a detector without a route in another, exactly the
 * expected findings.
 */
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateDetectorCommand, GuardDutyClient } from '@aws-sdk/client-guardduty';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { withEnv } from './fake-aws/fixtures';
import { MotoServer, startMoto } from './moto-server';
import { schemaErrors } from './schema';
import { runScan } from '../../src/scanner/runtime/engine';

jest.setTimeout(600_000);

const CHECK = 'guardduty-enabled-findings-routed';

describe('guardduty-enabled-findings-routed against moto', () => {
  let moto: MotoServer | undefined;

  beforeAll(async () => {
    moto = await startMoto();
    await withEnv(moto.env, async () => {
      for (const region of ['eu-west-1', 'us-east-1']) {
        const gd = new GuardDutyClient({ region });
        await gd.send(new CreateDetectorCommand({ Enable: true }));
        gd.destroy();
      }
      const sns = new SNSClient({ region: 'eu-west-1' });
      const eb = new EventBridgeClient({ region: 'eu-west-1' });
      const topic = (await sns.send(new CreateTopicCommand({ Name: 'alerts' }))).TopicArn!;
      await eb.send(new PutRuleCommand({ Name: 'findings', EventPattern: JSON.stringify({ source: ['aws.guardduty'] }) }));
      await eb.send(new PutTargetsCommand({ Rule: 'findings', Targets: [{ Id: 'alerts', Arn: topic }] }));
      sns.destroy();
      eb.destroy();
    });
  });

  afterAll(() => moto?.stop());

  test('routed in one Region, not in the other', async () => {
    const report = await withEnv(moto!.env, () => runScan({ regions: ['eu-west-1', 'us-east-1'], checkIds: [CHECK], pageSize: 2 }));
    expect(report.errors).toEqual([]);
    expect(schemaErrors(report)).toEqual([]);
    expect(report.findings.map((f) => f.region)).toEqual(['us-east-1']);
    expect(report.findings[0].resourceId).toMatch(/^arn:aws:guardduty:us-east-1:\d{12}:detector\/\w+$/);
    expect(report.checks[0].counts).toEqual({ passed: 1, failed: 1, notApplicable: 0, errored: 0 });
  });
});
