/**
 * config-delivery-authorized against moto (server mode): in two Regions a recorder with AWS Config's
 * service-linked role and a delivery channel created through the real SDK, one to a bucket whose policy
 * lets config.amazonaws.com deliver, one to a bucket without a policy, collected through
 * DescribeConfigurationRecorders, DescribeDeliveryChannels, ListBuckets and GetBucketPolicy: exactly
 * the expected findings.
 */
import { ConfigServiceClient, PutConfigurationRecorderCommand, PutDeliveryChannelCommand } from '@aws-sdk/client-config-service';
import { CreateBucketCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { withEnv } from './fake-aws/fixtures';
import { MotoServer, startMoto } from './moto-server';
import { schemaErrors } from './schema';
import { runScan } from '../../src/scanner/runtime/engine';

jest.setTimeout(600_000);

const ACCOUNT = '123456789012';
const REGIONS = ['eu-west-1', 'us-east-1'];

describe('config-delivery-authorized against moto', () => {
  let moto: MotoServer | undefined;

  beforeAll(async () => {
    moto = await startMoto();
    await withEnv(moto.env, async () => {
      const s3 = new S3Client({ region: 'eu-west-1' });
      for (const b of ['config-granted', 'config-plain']) {
        await s3.send(new CreateBucketCommand({ Bucket: b, CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
      }
      const source = { 'AWS:SourceAccount': ACCOUNT };
      await s3.send(new PutBucketPolicyCommand({
        Bucket: 'config-granted',
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { Service: 'config.amazonaws.com' }, Action: ['s3:GetBucketAcl', 's3:ListBucket'], Resource: 'arn:aws:s3:::config-granted', Condition: { StringEquals: source } },
            {
              Effect: 'Allow',
              Principal: { Service: 'config.amazonaws.com' },
              Action: 's3:PutObject',
              Resource: `arn:aws:s3:::config-granted/AWSLogs/${ACCOUNT}/Config/*`,
              Condition: { StringEquals: { ...source, 's3:x-amz-acl': 'bucket-owner-full-control' } },
            },
          ],
        }),
      }));
      s3.destroy();
      const role = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`;
      for (const [region, bucket] of [['eu-west-1', 'config-granted'], ['us-east-1', 'config-plain']]) {
        const config = new ConfigServiceClient({ region });
        await config.send(new PutConfigurationRecorderCommand({ ConfigurationRecorder: { name: 'default', roleARN: role, recordingGroup: { allSupported: true } } }));
        await config.send(new PutDeliveryChannelCommand({ DeliveryChannel: { name: 'default', s3BucketName: bucket } }));
        config.destroy();
      }
    });
  });

  afterAll(() => moto?.stop());

  test('exactly the expected findings', async () => {
    const report = await withEnv(moto!.env, () => runScan({ regions: REGIONS, checkIds: ['config-delivery-authorized'] }));
    expect(report.errors).toEqual([]);
    expect(schemaErrors(report)).toEqual([]);
    expect(report.findings.map((f) => f.resourceId)).toEqual([`arn:aws:config:us-east-1:${ACCOUNT}:delivery-channel/default`]);
    expect(report.checks[0].counts).toEqual({ passed: 1, failed: 1, notApplicable: 0, errored: 0 });
  });
});
