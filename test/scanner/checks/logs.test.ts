import { inv, statuses } from './helpers';
import { logsLogGroupKmsEncrypted } from '../../../src/scanner/runtime/checks/logs/log-group-kms-encrypted';
import { logsLogGroupRetention } from '../../../src/scanner/runtime/checks/logs/log-group-retention';
import { LogGroupInfo } from '../../../src/scanner/runtime/model';

const group = (name: string, extra: Partial<LogGroupInfo> = {}): LogGroupInfo => ({
  name,
  arn: `arn:aws:logs:eu-west-1:123456789012:log-group:${name}`,
  kmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/k',
  retentionInDays: 365,
  ...extra,
});

describe('CloudWatch Logs checks', () => {
  const i = inv({ logGroups: [group('good'), group('plain', { kmsKeyId: null, retentionInDays: null }), group('one-day', { retentionInDays: 1 })] });

  test('logs-log-group-kms-encrypted: a key PASSes, none FAILs', () => {
    expect(statuses(logsLogGroupKmsEncrypted, i)).toEqual(['PASS', 'FAIL', 'PASS']);
    expect(logsLogGroupKmsEncrypted.evaluate(i)[1]).toMatchObject({ resourceId: 'arn:aws:logs:eu-west-1:123456789012:log-group:plain', reason: expect.stringContaining('no KMS key') });
  });

  test('logs-log-group-retention: any period PASSes, never expire FAILs', () => {
    expect(statuses(logsLogGroupRetention, i)).toEqual(['PASS', 'FAIL', 'PASS']);
    expect(logsLogGroupRetention.evaluate(i)[1].reason).toContain('never expire');
  });

  test('a region without log groups has no results (nothing is not applicable)', () => {
    expect(logsLogGroupKmsEncrypted.evaluate(inv({ logGroups: [] }))).toEqual([]);
    expect(logsLogGroupRetention.evaluate(inv())).toEqual([]);
  });

  test('both read only DescribeLogGroups, from one dataset', () => {
    for (const c of [logsLogGroupKmsEncrypted, logsLogGroupRetention]) {
      expect(c.requiredActions).toEqual(['logs:DescribeLogGroups']);
      expect(c.datasets).toEqual(['logs.logGroups']);
    }
    expect(logsLogGroupKmsEncrypted.controlId).toBe('Logs.KmsEncrypted');
    expect(logsLogGroupRetention.controlId).toBe('Logs.Retention');
  });
});
