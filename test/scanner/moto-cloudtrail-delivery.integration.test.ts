/**
 * cloudtrail-delivery-authorized against moto (server mode): buckets and trails created through the
 * real SDK, one bucket with the policy CloudTrail documents and one without, collected through
 * DescribeTrails, GetTrailStatus, ListBuckets and GetBucketPolicy: exactly the expected findings.
 * (moto reports no delivery errors in GetTrailStatus, so that evidence is covered by the fake endpoint.)
 */
import { CloudTrailClient, CreateTrailCommand } from '@aws-sdk/client-cloudtrail';
import { CreateBucketCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { withEnv } from './fake-aws/fixtures';
import { MotoServer, startMoto } from './moto-server';
import { schemaErrors } from './schema';
import { runScan } from '../../src/scanner/runtime/engine';

jest.setTimeout(600_000);

const REGION = 'eu-west-1';
const ACCOUNT = '123456789012';

describe('cloudtrail-delivery-authorized against moto', () => {
  let moto: MotoServer | undefined;

  beforeAll(async () => {
    moto = await startMoto();
    await withEnv(moto.env, async () => {
      const s3 = new S3Client({ region: REGION });
      const trails = new CloudTrailClient({ region: REGION });
      for (const bucket of ['granted-trail-logs', 'plain-trail-logs']) {
        await s3.send(new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: REGION } }));
      }
      const sourceArn = `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/granted`;
      await s3.send(new PutBucketPolicyCommand({
        Bucket: 'granted-trail-logs',
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:GetBucketAcl', Resource: 'arn:aws:s3:::granted-trail-logs', Condition: { StringEquals: { 'aws:SourceArn': sourceArn } } },
            {
              Effect: 'Allow',
              Principal: { Service: 'cloudtrail.amazonaws.com' },
              Action: 's3:PutObject',
              Resource: `arn:aws:s3:::granted-trail-logs/AWSLogs/${ACCOUNT}/*`,
              Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': sourceArn } },
            },
          ],
        }),
      }));
      await trails.send(new CreateTrailCommand({ Name: 'granted', S3BucketName: 'granted-trail-logs' }));
      await trails.send(new CreateTrailCommand({ Name: 'not-granted', S3BucketName: 'plain-trail-logs' }));
      s3.destroy();
      trails.destroy();
    });
  });

  afterAll(() => moto?.stop());

  test('exactly the expected findings', async () => {
    const report = await withEnv(moto!.env, () => runScan({ regions: [REGION], checkIds: ['cloudtrail-delivery-authorized'] }));
    expect(report.errors).toEqual([]);
    expect(schemaErrors(report)).toEqual([]);
    expect(report.findings.map((f) => f.resourceId)).toEqual([`arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/not-granted`]);
    expect(report.checks[0].counts).toEqual({ passed: 1, failed: 1, notApplicable: 0, errored: 0 });
  });
});
