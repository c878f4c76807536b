/**
 * The bucket configuration checks (lifecycle rules, replication, the policy's deny of wrongly
 * encrypted puts) and AWS Config recording against moto: buckets and recorders created and
 * configured through the real SDK, scanned with exactly these checks. moto does not implement IAM
 * Access Analyzer: the last test shows it, and iam-access-analyzer-enabled is covered by the fake
 * endpoint instead (access-analyzer.fake.test.ts).
 */
import { ConfigServiceClient, PutConfigurationRecorderCommand, PutDeliveryChannelCommand, StartConfigurationRecorderCommand } from '@aws-sdk/client-config-service';
import {
  CreateBucketCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketPolicyCommand,
  PutBucketReplicationCommand,
  PutBucketVersioningCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { withEnv } from './fake-aws/fixtures';
import { MotoServer, startMoto } from './moto-server';
import { schemaErrors } from './schema';
import { runScan } from '../../src/scanner/runtime/engine';

jest.setTimeout(600_000);

const REGION = 'eu-west-1';
const CHECKS = ['s3-bucket-lifecycle-rules', 's3-bucket-replication', 's3-bucket-deny-wrong-encryption'];

describe('S3 bucket configuration checks against moto', () => {
  let moto: MotoServer | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    moto = await startMoto();
    env = moto.env;
    await withEnv(env, async () => {
      const s3 = new S3Client({ region: REGION, forcePathStyle: true });
      for (const b of ['kept-bucket', 'paused-bucket', 'bare-bucket', 'replica-bucket']) {
        await s3.send(new CreateBucketCommand({ Bucket: b, CreateBucketConfiguration: { LocationConstraint: REGION } }));
        await s3.send(new PutBucketVersioningCommand({ Bucket: b, VersioningConfiguration: { Status: 'Enabled' } }));
      }
      const rule = (status: 'Enabled' | 'Disabled') => ({ ID: `expire-${status}`, Status: status, Filter: { Prefix: '' }, NoncurrentVersionExpiration: { NoncurrentDays: 30 } });
      await s3.send(new PutBucketLifecycleConfigurationCommand({ Bucket: 'kept-bucket', LifecycleConfiguration: { Rules: [rule('Enabled')] } }));
      await s3.send(new PutBucketLifecycleConfigurationCommand({ Bucket: 'paused-bucket', LifecycleConfiguration: { Rules: [rule('Disabled')] } }));
      await s3.send(new PutBucketLifecycleConfigurationCommand({ Bucket: 'replica-bucket', LifecycleConfiguration: { Rules: [rule('Enabled')] } }));
      const replicate = (bucket: string, status: 'Enabled' | 'Disabled') => s3.send(new PutBucketReplicationCommand({
        Bucket: bucket,
        ReplicationConfiguration: {
          Role: 'arn:aws:iam::123456789012:role/replication',
          Rules: [{ ID: 'to-replica', Priority: 1, Status: status, Filter: { Prefix: '' }, DeleteMarkerReplication: { Status: 'Disabled' }, Destination: { Bucket: 'arn:aws:s3:::replica-bucket' } }],
        },
      }));
      await replicate('kept-bucket', 'Enabled');
      await replicate('paused-bucket', 'Disabled');
      const sseDeny = (bucket: string, operator: string) => ({
        Sid: 'DenyWrongEncryption',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:PutObject',
        Resource: `arn:aws:s3:::${bucket}/*`,
        Condition: { [operator]: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
      });
      const putPolicy = (bucket: string, operator: string) => s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify({ Version: '2012-10-17', Statement: [sseDeny(bucket, operator)] }) }));
      await putPolicy('kept-bucket', 'StringNotEquals');
      await putPolicy('replica-bucket', 'StringNotEquals');
      await putPolicy('paused-bucket', 'StringEquals');
      await s3.send(new CreateBucketCommand({ Bucket: 'config-delivery', CreateBucketConfiguration: { LocationConstraint: REGION } }));
      s3.destroy();

      // AWS Config: recording in eu-west-1, stopped in eu-central-1, nothing in us-east-1.
      for (const [region, start] of [[REGION, true], ['eu-central-1', false]] as const) {
        const cfg = new ConfigServiceClient({ region });
        await cfg.send(new PutConfigurationRecorderCommand({ ConfigurationRecorder: { name: 'default', roleARN: 'arn:aws:iam::123456789012:role/config', recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } } }));
        await cfg.send(new PutDeliveryChannelCommand({ DeliveryChannel: { name: 'default', s3BucketName: 'config-delivery' } }));
        if (start) await cfg.send(new StartConfigurationRecorderCommand({ ConfigurationRecorderName: 'default' }));
        cfg.destroy();
      }
    });
  });

  afterAll(() => moto?.stop());

  test('exactly the expected findings, each bucket judged from its own configuration', async () => {
    // moto answers ListBuckets with max-buckets by truncating without a continuation token, so the
    // pages here hold every bucket; paging of the listing is covered by the fake endpoint
    // (s3-configuration.fake.test.ts).
    const report = await withEnv(env, () => runScan({ regions: [REGION], checkIds: CHECKS, pageSize: 10 }));
    expect(report.errors).toEqual([]);
    expect(report.status).toBe('COMPLETE');
    expect(schemaErrors(report)).toEqual([]);
    expect(report.findings.map((f) => `${f.checkId} ${f.resourceId.split(':').pop()}`).sort()).toEqual([
      's3-bucket-deny-wrong-encryption bare-bucket',
      's3-bucket-deny-wrong-encryption config-delivery',
      's3-bucket-deny-wrong-encryption paused-bucket',
      's3-bucket-lifecycle-rules bare-bucket',
      's3-bucket-lifecycle-rules config-delivery',
      's3-bucket-lifecycle-rules paused-bucket',
      's3-bucket-replication bare-bucket',
      's3-bucket-replication config-delivery',
      's3-bucket-replication paused-bucket',
      's3-bucket-replication replica-bucket',
    ]);
    const counts = Object.fromEntries(report.checks.map((c) => [c.id, `${c.counts.passed}/${c.counts.failed}/${c.counts.errored}`]));
    expect(counts).toEqual({ 's3-bucket-deny-wrong-encryption': '2/3/0', 's3-bucket-lifecycle-rules': '2/3/0', 's3-bucket-replication': '1/4/0' });
  });

  test('AWS Config: one verdict per Region from the recorder, its status and the delivery channel', async () => {
    const regions = [REGION, 'eu-central-1', 'us-east-1'];
    const report = await withEnv(env, () => runScan({ regions, checkIds: ['config-recorder-recording'] }));
    expect(report.errors).toEqual([]);
    expect(report.status).toBe('COMPLETE');
    expect(report.findings.map((f) => `${f.region} ${f.reason}`).sort()).toEqual([
      'eu-central-1 the configuration recorder is stopped',
      'us-east-1 no configuration recorder and no delivery channel',
    ]);
    expect(report.checks[0].counts).toMatchObject({ passed: 1, failed: 2, errored: 0 });
  });

  test('moto does not implement IAM Access Analyzer: the check reports the Region ERROR, never a PASS', async () => {
    const report = await withEnv(env, () => runScan({ regions: [REGION], checkIds: ['iam-access-analyzer-enabled'] }));
    const check = report.checks.find((c) => c.id === 'iam-access-analyzer-enabled')!;
    expect(check.counts).toMatchObject({ passed: 0, failed: 0, errored: 1 });
    expect(report.errors[0]).toMatchObject({ service: 'accessanalyzer', api: 'ListAnalyzers', region: REGION });
  });
});
