import { fakeEnv, fixtureAccount, withEnv } from './fake-aws/fixtures';
import { FakeAws } from './fake-aws/server';
import { handler } from '../../src/scanner/runtime/scanner.lambda';

jest.setTimeout(60_000);

const LAMBDA_ENV = {
  REPORT_BUCKET: 'reports-bucket',
  REPORT_KMS_KEY_ID: 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555',
  FINDINGS_TABLE: 'findings',
  ALERT_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:alerts',
  AWS_REGION: 'us-east-1',
  SCAN_MAX_ATTEMPTS: '1',
};

describe('scanner run logs', () => {
  test('an API error is logged with the service and the error message (neither is a reserved key of the logger)', async () => {
    // Every RDS request fails: the scan records the error and the handler logs it.
    const fake = new FakeAws(fixtureAccount(), { fail5xx: { rds: 1000 } });
    const url = await fake.start();
    const lines: string[] = [];
    const capture = (chunk: string | Uint8Array) => { lines.push(...String(chunk).split('\n').filter(Boolean)); return true; };
    const spies = [jest.spyOn(process.stdout, 'write').mockImplementation(capture), jest.spyOn(process.stderr, 'write').mockImplementation(capture)];
    try {
      const result = await withEnv({ ...fakeEnv(url), ...LAMBDA_ENV }, () =>
        handler({ regions: ['eu-west-1'], checkIds: ['rds-instance-not-public'], dryRun: true }, { getRemainingTimeInMillis: () => 60_000 }));
      expect(result.status).toBe('FAILED');
    } finally {
      spies.forEach((s) => s.mockRestore());
      await fake.stop();
    }
    const logs = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    const apiErrors = logs.filter((l) => l.message === 'api error');
    expect(apiErrors).toEqual([expect.objectContaining({
      level: 'WARN',
      service: 'compliance-scanner',
      awsService: 'rds',
      region: 'eu-west-1',
      api: 'DescribeDBInstances',
      errorCode: 'InternalFailure',
      errorMessage: expect.stringContaining('injected server error'),
    })]);
    expect(logs.filter((l) => /reserved key/.test(l.message))).toEqual([]);
  });
});
