/**
 * Logs.KmsEncrypted and Logs.Retention: the same log group as a template resource and as
 * DescribeLogGroups reports it.
 */
import { aws_kms as kms, aws_logs as logs } from 'aws-cdk-lib';
import { ACCOUNT, Fixture, SharedControl, Verdict } from './agreement-harness';

const KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/logs-key`;

function logGroupFixture(name: string, expected: Verdict, kmsKeyId: string | undefined, retentionInDays: number | undefined): Fixture {
  return {
    name,
    expected,
    synth: (stack) => new logs.CfnLogGroup(stack, 'G', { logGroupName: '/app/group', kmsKeyId, retentionInDays }),
    live: () => ({
      logGroups: [{ name: '/app/group', arn: `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/app/group`, kmsKeyId: kmsKeyId ?? null, retentionInDays: retentionInDays ?? null }],
    }),
  };
}

const LOGS_KMS_ENCRYPTED: SharedControl = {
  id: 'Logs.KmsEncrypted',
  rule: 'LogGroupKmsEncrypted',
  check: 'logs-log-group-kms-encrypted',
  fixtures: [
    logGroupFixture('a key ARN', 'compliant', KEY, 365),
    logGroupFixture('a key, no retention', 'compliant', KEY, undefined),
    logGroupFixture('no key', 'non-compliant', undefined, 365),
    {
      // the template names the key by reference (a token); the account reports its ARN
      name: 'a key of the stack, by reference',
      expected: 'compliant',
      synth: (stack) => {
        const key = new kms.CfnKey(stack, 'K', { keyPolicy: { Version: '2012-10-17', Statement: [] } });
        return new logs.CfnLogGroup(stack, 'G', { logGroupName: '/app/group', kmsKeyId: key.attrArn, retentionInDays: 365 });
      },
      live: () => ({ logGroups: [{ name: '/app/group', arn: `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/app/group`, kmsKeyId: KEY, retentionInDays: 365 }] }),
    },
  ],
};

const LOGS_RETENTION: SharedControl = {
  id: 'Logs.Retention',
  rule: 'LogGroupRetention',
  check: 'logs-log-group-retention',
  fixtures: [
    logGroupFixture('ten years', 'compliant', KEY, 3653),
    logGroupFixture('one day, no key', 'compliant', undefined, 1),
    logGroupFixture('never expire', 'non-compliant', KEY, undefined),
  ],
};

export const LOGS_SHARED: SharedControl[] = [LOGS_KMS_ENCRYPTED, LOGS_RETENTION];
