/**
 * scheduler-target-authorized against moto (server mode): schedules, their roles and a topic created
 * through the real SDK, collected through ListSchedules' paginator (pages smaller than the data) and
 * GetSchedule, the roles from GetAccountAuthorizationDetails; and the key-use paths of the schedules
 * against the live key policy (kms-key-use-authorized). (AWS Backup: moto serves backup plans
 * and vaults but not backup selections, so dynamodb-table-in-backup-plan has no moto test.)
 */
import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { withEnv } from './fake-aws/fixtures';
import { MotoServer, startMoto } from './moto-server';
import { schemaErrors } from './schema';
import { runScan } from '../../src/scanner/runtime/engine';

jest.setTimeout(600_000);

const REGION = 'eu-west-1';
const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'scheduler.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

describe('scheduler-target-authorized against moto', () => {
  let moto: MotoServer | undefined;
  let encryptedKey = '';

  beforeAll(async () => {
    moto = await startMoto();
    await withEnv(moto.env, async () => {
      const iam = new IAMClient({ region: REGION });
      const sns = new SNSClient({ region: REGION });
      const sched = new SchedulerClient({ region: REGION });
      const kms = new KMSClient({ region: REGION });
      const topic = (await sns.send(new CreateTopicCommand({ Name: 'runs' }))).TopicArn!;
      // an encrypted topic whose key policy grants only the SNS service: a role publishing to it is denied the key
      const keyPolicy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: ['kms:GenerateDataKey*', 'kms:Decrypt'], Resource: '*' }] });
      encryptedKey = (await kms.send(new CreateKeyCommand({ Description: 'topic', Policy: keyPolicy }))).KeyMetadata!.Arn!;
      const encrypted = (await sns.send(new CreateTopicCommand({ Name: 'encrypted', Attributes: { KmsMasterKeyId: encryptedKey } }))).TopicArn!;
      const roles: Record<string, string> = {};
      for (const [name, action] of [['publisher', 'sns:Publish'], ['reader', 'sns:GetTopicAttributes'], ['encrypter', ['sns:Publish', 'kms:GenerateDataKey', 'kms:Decrypt']]] as const) {
        roles[name] = (await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: TRUST }))).Role!.Arn!;
        await iam.send(new PutRolePolicyCommand({
          RoleName: name, PolicyName: 'p', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: name === 'encrypter' ? '*' : topic }] }),
        }));
      }
      for (const [name, role, target] of [['ok-1', 'publisher', topic], ['ok-2', 'publisher', topic], ['denied', 'reader', topic], ['to-encrypted', 'encrypter', encrypted]]) {
        await sched.send(new CreateScheduleCommand({
          Name: name, ScheduleExpression: 'rate(1 day)', FlexibleTimeWindow: { Mode: 'OFF' }, Target: { Arn: target, RoleArn: roles[role] },
        }));
      }
      kms.destroy();
      iam.destroy();
      sns.destroy();
      sched.destroy();
    });
  });

  afterAll(() => moto?.stop());

  test('exactly the expected findings, pages of 2', async () => {
    const report = await withEnv(moto!.env, () => runScan({ regions: [REGION], checkIds: ['scheduler-target-authorized'], pageSize: 2 }));
    expect(report.errors).toEqual([]);
    expect(schemaErrors(report)).toEqual([]);
    expect(report.findings.map((f) => f.resourceId.split(':schedule/')[1])).toEqual(['default/denied']);
    // the role's identity policy and the topic's policy (moto's default, scoped to the owner account by AWS:SourceOwner) together
    expect(report.findings[0].reason).toBe("schedule default/denied -> runs topic: sns:Publish for role reader denied: no statement of role reader's inline policy p, the topic policy of runs allows role reader sns:Publish; "
      + 'the topic policy of runs statement "__default_statement_ID" misses on its condition StringEquals AWS:SourceOwner.');
    const check = report.checks.find((c) => c.id === 'scheduler-target-authorized')!;
    expect(check.counts).toEqual({ passed: 3, failed: 1, notApplicable: 0, errored: 0 });
  });

  test('kms-key-use-authorized: the encrypted topic\'s key, which grants only the SNS service, denies the schedule\'s role', async () => {
    const report = await withEnv(moto!.env, () => runScan({ regions: [REGION], checkIds: ['kms-key-use-authorized'], pageSize: 2 }));
    expect(report.errors).toEqual([]);
    expect(report.findings.map((f) => f.resourceId)).toEqual([encryptedKey]);
    expect(report.findings[0].reason).toMatch(/^schedule default\/to-encrypted -> encrypted topic's key: kms:GenerateDataKey for role encrypter denied: /);
  });
});
