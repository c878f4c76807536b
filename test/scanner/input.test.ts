import { InvalidInputError, parseEnv, parseEvent } from '../../src/scanner/runtime/input';
import { handler } from '../../src/scanner/runtime/scanner.lambda';

const GOOD_ENV = {
  REPORT_BUCKET: 'reports-bucket',
  REPORT_KMS_KEY_ID: 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555',
  FINDINGS_TABLE: 'findings',
  ALERT_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:alerts',
};

describe('parseEvent', () => {
  test('empty event scans everything, for real', () => {
    expect(parseEvent({})).toEqual({ regions: undefined, checkIds: undefined, dryRun: false });
    expect(parseEvent(undefined)).toEqual({ regions: undefined, checkIds: undefined, dryRun: false });
  });
  test('valid input passes through, duplicates removed', () => {
    expect(parseEvent({ regions: ['eu-west-1', 'eu-west-1', 'us-gov-west-1'], checkIds: ['kms-key-rotation'], dryRun: true }))
      .toEqual({ regions: ['eu-west-1', 'us-gov-west-1'], checkIds: ['kms-key-rotation'], dryRun: true });
  });
  test('EventBridge envelope: input read from detail', () => {
    expect(parseEvent({ 'source': 'aws.events', 'detail-type': 'Scheduled Event', 'detail': { regions: ['eu-west-1'] } }).regions).toEqual(['eu-west-1']);
  });
  test('bad region is named', () => {
    expect(() => parseEvent({ regions: ['eu-west-1', 'Europe'] })).toThrow(new InvalidInputError('invalid regions: Europe. Each must be a region name such as eu-west-1.'));
  });
  test('regions not an array is named', () => {
    expect(() => parseEvent({ regions: 'eu-west-1' })).toThrow(/invalid regions: "eu-west-1"\. Must be an array of strings/);
  });
  test('empty regions is refused', () => {
    expect(() => parseEvent({ regions: [] })).toThrow(/invalid regions: \[\]/);
  });
  test('unknown check id is named with the known ones', () => {
    expect(() => parseEvent({ checkIds: ['s3-bucket-versioning', 'no-such'] })).toThrow(/invalid checkIds: no-such\. Known check ids: .*s3-bucket-versioning/);
  });
  test('dryRun not boolean is named', () => {
    expect(() => parseEvent({ dryRun: 'yes' })).toThrow('invalid dryRun: "yes". Must be true or false.');
  });
});

describe('parseEnv', () => {
  test('defaults', () => {
    expect(parseEnv(GOOD_ENV)).toMatchObject({ scoreThreshold: 80, concurrency: 8, maxAttempts: 5, regions: undefined });
  });
  test('every missing variable is named at once', () => {
    expect(() => parseEnv({})).toThrow('scanner environment is invalid: missing REPORT_BUCKET; missing REPORT_KMS_KEY_ID; missing FINDINGS_TABLE; missing ALERT_TOPIC_ARN');
  });
  test('bad values are named with what is allowed', () => {
    expect(() => parseEnv({ ...GOOD_ENV, SCORE_THRESHOLD: '120' })).toThrow('invalid SCORE_THRESHOLD: 120. Must be an integer from 0 to 100');
    expect(() => parseEnv({ ...GOOD_ENV, ALERT_TOPIC_ARN: 'alerts' })).toThrow('invalid ALERT_TOPIC_ARN: alerts. Must be an SNS topic ARN');
    expect(() => parseEnv({ ...GOOD_ENV, SCAN_REGIONS: 'eu-west-1,mars' })).toThrow('invalid SCAN_REGIONS: eu-west-1,mars');
    expect(() => parseEnv({ ...GOOD_ENV, SCAN_CONCURRENCY: '0' })).toThrow('invalid SCAN_CONCURRENCY: 0');
  });
  test('the handler fails fast on a bad environment before any AWS call', async () => {
    const saved = { ...process.env };
    delete process.env.REPORT_BUCKET;
    try {
      await expect(handler({}, { getRemainingTimeInMillis: () => 1000 })).rejects.toThrow('missing REPORT_BUCKET');
    } finally {
      process.env = saved;
    }
  });
});
