/**
 * Integration test against moto in server mode (a local AWS emulator from PyPI). The test setup
 * installs it into .venv when missing; if it cannot be installed or started, the test fails.
 * A fixture account with known compliant and non-compliant resources must yield exactly the
 * expected findings through the real SDK, paginators included.
 */
import { CreateTableCommand, DynamoDBClient, UpdateContinuousBackupsCommand } from '@aws-sdk/client-dynamodb';
import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { AttachUserPolicyCommand, CreatePolicyCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateKeyCommand, EnableKeyRotationCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateBucketCommand, PutBucketEncryptionCommand, PutBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { withEnv } from './fake-aws/fixtures';
import { MotoServer, startMoto } from './moto-server';
import { schemaErrors } from './schema';
import { runScan } from '../../src/scanner/runtime/engine';

jest.setTimeout(600_000);

const REGION = 'eu-west-1';

describe('engine against moto (server mode)', () => {
  let moto: MotoServer | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    moto = await startMoto();
    env = moto.env;
    await withEnv(env, async () => {
      const cfg = { region: REGION, forcePathStyle: true };
      const ec2 = new EC2Client(cfg);
      const vpcId = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs?.[0]?.VpcId;
      const open = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'open-ssh', Description: 'bad', VpcId: vpcId }));
      await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: open.GroupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 20, ToPort: 30, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
      const web = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'good', VpcId: vpcId }));
      await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: web.GroupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/8' }] }] }));

      const s3 = new S3Client(cfg);
      for (const b of ['good-bucket', 'plain-bucket']) {
        await s3.send(new CreateBucketCommand({ Bucket: b, CreateBucketConfiguration: { LocationConstraint: REGION } }));
      }
      await s3.send(new PutBucketVersioningCommand({ Bucket: 'good-bucket', VersioningConfiguration: { Status: 'Enabled' } }));
      await s3.send(new PutBucketEncryptionCommand({
        Bucket: 'good-bucket',
        ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] },
      }));

      const iam = new IAMClient({ region: 'us-east-1' });
      const admin = await iam.send(new CreatePolicyCommand({
        PolicyName: 'admin', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
      }));
      await iam.send(new CreatePolicyCommand({
        PolicyName: 'reader', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }),
      }));
      await iam.send(new CreateUserCommand({ UserName: 'bob' }));
      await iam.send(new AttachUserPolicyCommand({ UserName: 'bob', PolicyArn: admin.Policy!.Arn }));
      await iam.send(new CreateUserCommand({ UserName: 'alice' }));

      const kms = new KMSClient(cfg);
      await kms.send(new CreateKeyCommand({ Description: 'no rotation', Tags: [{ TagKey: 'name', TagValue: 'norotation' }] }));
      const rotated = await kms.send(new CreateKeyCommand({ Description: 'rotated' }));
      await kms.send(new EnableKeyRotationCommand({ KeyId: rotated.KeyMetadata!.KeyId }));

      const sns = new SNSClient(cfg);
      await sns.send(new CreateTopicCommand({ Name: 'encrypted-topic', Attributes: { KmsMasterKeyId: rotated.KeyMetadata!.Arn! } }));
      await sns.send(new CreateTopicCommand({ Name: 'plain-topic' }));
      await sns.send(new CreateTopicCommand({ Name: 'aws-key-topic', Attributes: { KmsMasterKeyId: 'alias/aws/sns' } }));

      const ddb = new DynamoDBClient(cfg);
      for (const name of ['orders', 'sessions']) {
        await ddb.send(new CreateTableCommand({
          TableName: name, BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        }));
      }
      await ddb.send(new UpdateContinuousBackupsCommand({ TableName: 'orders', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }));
      for (const c of [ec2, s3, iam, kms, sns, ddb]) c.destroy();
    });
  });

  afterAll(() => moto?.stop());

  test('fixture account yields exactly the expected findings', async () => {
    const report = await withEnv(env, () => runScan({
      regions: [REGION],
      checkIds: ['ec2-sg-no-public-ssh', 's3-bucket-versioning', 's3-bucket-kms-encryption', 'iam-no-admin-star-policy', 'iam-user-no-direct-policies', 'kms-key-rotation', 'sns-topic-kms-encryption', 'dynamodb-pitr-enabled'],
      pageSize: 5,
    }));
    expect(report.errors).toEqual([]);
    expect(report.status).toBe('COMPLETE');
    expect(report.accountId).toBe('123456789012');
    expect(schemaErrors(report)).toEqual([]);
    const got = report.findings.map((f) => `${f.checkId} ${f.resourceId.replace(/^arn:aws:[a-z0-9]+:[a-z0-9-]*:\d*:/, '')}`);
    const sg = report.findings.find((f) => f.checkId === 'ec2-sg-no-public-ssh');
    const key = report.findings.find((f) => f.checkId === 'kms-key-rotation');
    expect(got.sort()).toEqual([
      `ec2-sg-no-public-ssh ${sg?.resourceId.split(':').pop()}`,
      'iam-no-admin-star-policy policy/admin',
      'iam-user-no-direct-policies user/bob',
      `kms-key-rotation ${key?.resourceId.split(':').pop()}`,
      's3-bucket-kms-encryption plain-bucket',
      's3-bucket-versioning plain-bucket',
      'dynamodb-pitr-enabled table/sessions',
      'sns-topic-kms-encryption aws-key-topic',
      'sns-topic-kms-encryption plain-topic',
    ].sort());
    expect(sg?.resourceId).toMatch(/^arn:aws:ec2:eu-west-1:123456789012:security-group\/sg-/);
    expect(sg?.reason).toContain('reaches port 22');
    // Exactly one open group, one key without rotation; the rest pass.
    const counts = Object.fromEntries(report.checks.map((c) => [c.id, `${c.counts.passed}/${c.counts.failed}/${c.counts.notApplicable}`]));
    expect(counts['iam-no-admin-star-policy']).toBe('0/1/1'); // 'reader' is attached to nothing
    expect(counts['iam-user-no-direct-policies']).toBe('1/1/0');
    expect(counts['kms-key-rotation']).toBe('1/1/0');
    expect(counts['sns-topic-kms-encryption']).toBe('1/2/0');
    expect(counts['dynamodb-pitr-enabled']).toBe('1/1/0');
    expect(counts['s3-bucket-versioning']).toBe('1/1/0');
    expect(counts['s3-bucket-kms-encryption']).toBe('1/1/0');
  });
});
