/**
 * s3-access-log-delivery-authorized against moto (server mode): log buckets and logged buckets
 * created through the real SDK (PutBucketLogging with a prefix), targets whose policy allows S3's log
 * delivery (their ACL grants the log delivery group too, which moto requires), one of them SSE-KMS, collected through ListBuckets,
 * GetBucketLogging, GetBucketPolicy, GetBucketAcl, GetBucketOwnershipControls and GetBucketEncryption:
 * exactly the expected findings.
 */
import {
  CreateBucketCommand, PutBucketAclCommand, PutBucketEncryptionCommand, PutBucketLoggingCommand, PutBucketPolicyCommand, S3Client,
} from '@aws-sdk/client-s3';
import { withEnv } from './fake-aws/fixtures';
import { MotoServer, startMoto } from './moto-server';
import { schemaErrors } from './schema';
import { runScan } from '../../src/scanner/runtime/engine';

jest.setTimeout(600_000);

const REGION = 'eu-west-1';

describe('s3-access-log-delivery-authorized against moto', () => {
  let moto: MotoServer | undefined;

  beforeAll(async () => {
    moto = await startMoto();
    await withEnv(moto.env, async () => {
      const s3 = new S3Client({ region: REGION });
      const create = (Bucket: string) => s3.send(new CreateBucketCommand({ Bucket, CreateBucketConfiguration: { LocationConstraint: REGION } }));
      for (const b of ['policy-logs', 'kms-logs', 'source-good', 'source-kms']) await create(b);
      const sse = (Bucket: string, SSEAlgorithm: 'AES256' | 'aws:kms') =>
        s3.send(new PutBucketEncryptionCommand({
          Bucket, ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm } }] },
        }));
      await sse('policy-logs', 'AES256');
      await sse('kms-logs', 'aws:kms');
      const grant = (target: string) => JSON.stringify({
        Version: '2012-10-17',
        Statement: [{
          Effect: 'Allow',
          Principal: { Service: 'logging.s3.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: `arn:aws:s3:::${target}/access/*`,
          Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
        }],
      });
      for (const target of ['policy-logs', 'kms-logs']) {
        await s3.send(new PutBucketPolicyCommand({ Bucket: target, Policy: grant(target) }));
        // moto checks the log delivery group's grant when logging is turned on
        await s3.send(new PutBucketAclCommand({ Bucket: target, GrantWrite: 'uri="http://acs.amazonaws.com/groups/s3/LogDelivery"', GrantReadACP: 'uri="http://acs.amazonaws.com/groups/s3/LogDelivery"' }));
      }
      await s3.send(new PutBucketLoggingCommand({ Bucket: 'source-good', BucketLoggingStatus: { LoggingEnabled: { TargetBucket: 'policy-logs', TargetPrefix: 'access/' } } }));
      await s3.send(new PutBucketLoggingCommand({ Bucket: 'source-kms', BucketLoggingStatus: { LoggingEnabled: { TargetBucket: 'kms-logs', TargetPrefix: 'access/' } } }));
      s3.destroy();
    });
  });

  afterAll(() => moto?.stop());

  test('exactly the expected findings', async () => {
    const report = await withEnv(moto!.env, () => runScan({ regions: [REGION], checkIds: ['s3-access-log-delivery-authorized'] }));
    expect(report.errors).toEqual([]);
    expect(schemaErrors(report)).toEqual([]);
    expect(report.findings.map((f) => f.resourceId)).toEqual(['arn:aws:s3:::source-kms']);
    expect(report.findings[0].reason).toContain('SSE-KMS');
    expect(report.checks[0].counts).toEqual({ passed: 1, failed: 1, notApplicable: 2, errored: 0 });
  });
});
