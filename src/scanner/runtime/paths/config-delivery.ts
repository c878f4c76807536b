import type { PathBuilder } from './builders';
import { LivePaths, LiveRole } from './live-paths';
import { bucketDelivery } from './log-delivery';
import type { RequestContext } from '../../../policy/conditions';
import type { RequestPrincipal } from '../../../policy/evaluate';

/** The id a Region's AWS Config delivery channel is judged under (`arn:<partition>:config:<region>:<account>:delivery-channel/<name>`). */
export function deliveryChannelArn(live: LivePaths, name: string): string {
  return `arn:${live.inv.partition}:config:${live.inv.region}:${live.inv.accountId}:delivery-channel/${name}`;
}

/**
 * The live paths of family `config-delivery`, as the synth-time model builds them for an
 * `AWS::Config::DeliveryChannel` (`PathModel.deliveryChannel`): AWS Config delivers with the
 * recorder's role, or, with its service-linked role, as config.amazonaws.com (`aws:SourceAccount`,
 * `aws:SourceArn` `arn:...:config:<region>:<account>:*`): s3:GetBucketAcl and s3:PutObject
 * (`bucket-owner-full-control`, the SSE-KMS headers of `s3KmsKeyArn`) on
 * `<prefix>/AWSLogs/<account>/Config/<region>/...` under the bucket policy and the role's identity
 * policies; and sns:Publish to the channel's topic, whose policy the scanner does not read
 * (undecided). The key's use is of family `key-use`.
 */
export const configDelivery: PathBuilder = {
  family: 'config-delivery',
  datasets: ['config.recorders', 's3.buckets', 'iam.authorizationDetails', 'kms.keys'],
  requiredActions: [
    'config:DescribeConfigurationRecorders', 'config:DescribeConfigurationRecorderStatus', 'config:DescribeDeliveryChannels',
    's3:ListAllMyBuckets', 's3:GetBucketPolicy', 'iam:GetAccountAuthorizationDetails', 'kms:ListKeys', 'kms:DescribeKey', 'kms:GetKeyPolicy',
  ],
  build(live: LivePaths): string[] {
    const family = 'config-delivery';
    const setup = live.inv.configSetup;
    if (!setup) {
      return [];
    }
    const { accountId: account, region, partition } = live.inv;
    const roleArn = setup.recorders[0]?.roleArn;
    const custom = roleArn !== undefined && !roleArn.includes(':role/aws-service-role/');
    const role: LiveRole | undefined = custom ? live.role(roleArn) : undefined;
    const principal: RequestPrincipal = role ? role.principal : { service: 'config.amazonaws.com' };
    const context: RequestContext = role ? {} : { 'aws:SourceAccount': account, 'aws:SourceArn': `arn:${partition}:config:${region}:${account}:*` };
    const judged: string[] = [];
    for (const channel of setup.deliveryChannels) {
      const arn = deliveryChannelArn(live, channel.name);
      judged.push(arn);
      const source = `delivery channel ${channel.name}`;
      if (channel.s3BucketName) {
        const prefix = channel.s3KeyPrefix ? `${channel.s3KeyPrefix}/` : '';
        const sse: RequestContext = channel.s3KmsKeyArn
          ? { 's3:x-amz-server-side-encryption': 'aws:kms', 's3:x-amz-server-side-encryption-aws-kms-key-id': channel.s3KmsKeyArn } : {};
        bucketDelivery(live, family, arn, source, channel.s3BucketName, principal, { ...context, ...sse },
          `${prefix}AWSLogs/${account}/Config/${region}/2026/1/1/ConfigHistory/file.json.gz`, true, role);
        if (channel.s3KmsKeyArn) {
          live.keyUse(arn, source, 'its key', channel.s3KmsKeyArn, principal,
            { ...context, 'kms:EncryptionContext:aws:s3:arn': `arn:${partition}:s3:::${channel.s3BucketName}` }, 's3', ['kms:GenerateDataKey'], role ?? {});
        }
      }
      if (channel.snsTopicArn) {
        live.undecided(family, arn, source, channel.snsTopicArn, 'sns:Publish', `the scanner does not read the policy of the topic ${channel.snsTopicArn}`);
      }
    }
    return judged;
  },
};
