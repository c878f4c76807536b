/**
 * ec2-flow-log-delivery-authorized against moto (server mode): a VPC, a bucket whose policy lets
 * delivery.logs.amazonaws.com write, a bucket without a policy, a delivery role and flow logs to each
 * destination (their log groups too) created through the real SDK, collected through DescribeFlowLogs, ListBuckets,
 * GetBucketPolicy and GetAccountAuthorizationDetails: exactly the expected findings.
 */
import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateFlowLogsCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateBucketCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { withEnv } from './fake-aws/fixtures';
import { MotoServer, startMoto } from './moto-server';
import { schemaErrors } from './schema';
import { runScan } from '../../src/scanner/runtime/engine';

jest.setTimeout(600_000);

const REGION = 'eu-west-1';
const ACCOUNT = '123456789012';

describe('ec2-flow-log-delivery-authorized against moto', () => {
  let moto: MotoServer | undefined;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    moto = await startMoto();
    await withEnv(moto.env, async () => {
      const ec2 = new EC2Client({ region: REGION });
      const s3 = new S3Client({ region: REGION });
      const iam = new IAMClient({ region: REGION });
      const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
      for (const b of ['granted-flow-logs', 'plain-flow-logs']) {
        await s3.send(new CreateBucketCommand({ Bucket: b, CreateBucketConfiguration: { LocationConstraint: REGION } }));
      }
      const source = { 'aws:SourceAccount': ACCOUNT };
      await s3.send(new PutBucketPolicyCommand({
        Bucket: 'granted-flow-logs',
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' }, Action: 's3:PutObject', Resource: `arn:aws:s3:::granted-flow-logs/AWSLogs/${ACCOUNT}/*`, Condition: { StringEquals: { ...source, 's3:x-amz-acl': 'bucket-owner-full-control' } } },
            { Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' }, Action: 's3:GetBucketAcl', Resource: 'arn:aws:s3:::granted-flow-logs', Condition: { StringEquals: source } },
          ],
        }),
      }));
      const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'vpc-flow-logs.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
      const role = (await iam.send(new CreateRoleCommand({ RoleName: 'flow-logs', AssumeRolePolicyDocument: JSON.stringify(trust) }))).Role!.Arn!;
      await iam.send(new PutRolePolicyCommand({
        RoleName: 'flow-logs',
        PolicyName: 'logs',
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/flow:*` }] }),
      }));
      // moto reports DeliverLogsStatus FAILED ("Access error") for a log group that does not exist
      const logs = new CloudWatchLogsClient({ region: REGION });
      for (const name of ['/flow', '/other']) await logs.send(new CreateLogGroupCommand({ logGroupName: name }));
      logs.destroy();
      const create = async (input: Record<string, unknown>) =>
        (await ec2.send(new CreateFlowLogsCommand({ ResourceIds: [vpc], ResourceType: 'VPC', TrafficType: 'ALL', ...input } as any))).FlowLogIds![0];
      ids.s3Good = await create({ LogDestinationType: 's3', LogDestination: 'arn:aws:s3:::granted-flow-logs' });
      ids.s3Plain = await create({ LogDestinationType: 's3', LogDestination: 'arn:aws:s3:::plain-flow-logs' });
      ids.logsGood = await create({ LogDestinationType: 'cloud-watch-logs', LogGroupName: '/flow', DeliverLogsPermissionArn: role });
      ids.logsOther = await create({ LogDestinationType: 'cloud-watch-logs', LogGroupName: '/other', DeliverLogsPermissionArn: role });
      ec2.destroy();
      s3.destroy();
      iam.destroy();
    });
  });

  afterAll(() => moto?.stop());

  test('exactly the expected findings', async () => {
    const report = await withEnv(moto!.env, () => runScan({ regions: [REGION], checkIds: ['ec2-flow-log-delivery-authorized'] }));
    expect(report.errors).toEqual([]);
    expect(schemaErrors(report)).toEqual([]);
    expect(report.findings.map((f) => f.resourceId.split('/').pop()).sort()).toEqual([ids.s3Plain, ids.logsOther].sort());
    expect(report.checks[0].counts).toEqual({ passed: 2, failed: 2, notApplicable: 0, errored: 0 });
  });
});
