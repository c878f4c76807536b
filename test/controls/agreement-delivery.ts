/**
 * The delivery controls: the data paths along which an AWS service writes to a log group's key, a
 * bucket, a log group or a topic, as a template and as the live account reports them.
 */
import { aws_kms as kms, aws_logs as logs } from 'aws-cdk-lib';
import { ACCOUNT, Fixture, SharedControl, Verdict } from './agreement-harness';

// ----- Logs.KeyAllowsLogs: the log group's key policy lets CloudWatch Logs use the key ----------

const LOGS_KEY_ARN = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/logs-key`;
const GROUP_ARN = `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/app/group`;
const ROOT_ADMIN = { Sid: 'Admin', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' };
const logsUse = (extra: Record<string, unknown> = {}) => ({
  Sid: 'Logs',
  Effect: 'Allow',
  Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
  Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
  Resource: '*',
  Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:*` } },
  ...extra,
});

function logsKeyFixture(name: string, expected: Verdict, statements: unknown[]): Fixture {
  const policy = { Version: '2012-10-17', Statement: statements };
  return {
    name,
    expected,
    synth: (stack) => {
      const key = new kms.CfnKey(stack, 'K', { keyPolicy: policy });
      return new logs.CfnLogGroup(stack, 'G', { logGroupName: '/app/group', kmsKeyId: key.attrArn, retentionInDays: 365 });
    },
    live: () => ({
      logGroups: [{ name: '/app/group', arn: GROUP_ARN, kmsKeyId: LOGS_KEY_ARN, retentionInDays: 365 }],
      kmsKeys: [{ keyId: 'logs-key', arn: LOGS_KEY_ARN, keyManager: 'CUSTOMER', keyState: 'Enabled', keySpec: 'SYMMETRIC_DEFAULT', origin: 'AWS_KMS', policy: JSON.stringify(policy) }],
    }),
  };
}

const LOGS_KEY_ALLOWS_LOGS: SharedControl = {
  id: 'Logs.KeyAllowsLogs',
  rule: 'LogGroupKeyAllowsLogs',
  check: 'logs-key-allows-logs',
  fixtures: [
    logsKeyFixture('ComplianceLogGroup\'s grant to logs.<region>', 'compliant', [ROOT_ADMIN, logsUse()]),
    logsKeyFixture('kms:* for the regionless principal', 'compliant', [ROOT_ADMIN, logsUse({ Principal: { Service: ['logs.amazonaws.com'] }, Action: 'kms:*', Condition: undefined })]),
    logsKeyFixture('GenerateDataKey and Decrypt in two statements', 'compliant', [
      logsUse({ Sid: 'A', Action: 'kms:GenerateDataKey' }), logsUse({ Sid: 'B', Action: 'kms:Decrypt' }),
    ]),
    logsKeyFixture('the account root only (the default key policy)', 'non-compliant', [ROOT_ADMIN]),
    logsKeyFixture('Encrypt but not GenerateDataKey', 'non-compliant', [ROOT_ADMIN, logsUse({ Action: ['kms:Encrypt', 'kms:Decrypt'] })]),
    logsKeyFixture('no Decrypt', 'non-compliant', [ROOT_ADMIN, logsUse({ Action: ['kms:GenerateDataKey*'] })]),
    logsKeyFixture('a Deny, not an Allow', 'non-compliant', [ROOT_ADMIN, logsUse({ Effect: 'Deny' })]),
    logsKeyFixture('another service', 'non-compliant', [ROOT_ADMIN, logsUse({ Principal: { Service: 'sns.amazonaws.com' } })]),
  ],
};

export const DELIVERY_SHARED: SharedControl[] = [LOGS_KEY_ALLOWS_LOGS];
