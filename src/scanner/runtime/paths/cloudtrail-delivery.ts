import type { PathBuilder } from './builders';
import { LivePaths } from './live-paths';
import { bucketDelivery, logGroupDelivery, reportedDeliveryError } from './log-delivery';
import type { RequestContext } from '../../../policy/conditions';

/**
 * The live paths of family `cloudtrail-delivery`, as the synth-time model builds them for an
 * `AWS::CloudTrail::Trail` (`PathModel.trail`): cloudtrail.amazonaws.com's s3:GetBucketAcl and
 * s3:PutObject on the trail's bucket (bucket-owner-full-control, `aws:SourceArn` of the trail,
 * `aws:SourceAccount`, the SSE-KMS headers when the trail has a key), the trail role's
 * logs:CreateLogStream and logs:PutLogEvents on its log group; and GetTrailStatus' reported delivery
 * errors as failed paths. Beside them, of other families: the key's use by CloudTrail (`key-use`,
 * with the `aws:cloudtrail:arn` encryption context) and the role's trust (`role-trust`). A trail
 * is judged in its home Region only.
 */
export const cloudtrailDelivery: PathBuilder = {
  family: 'cloudtrail-delivery',
  datasets: ['cloudtrail.trails', 's3.buckets', 'iam.authorizationDetails', 'kms.keys'],
  requiredActions: [
    'cloudtrail:DescribeTrails', 'cloudtrail:GetTrailStatus', 's3:ListAllMyBuckets', 's3:GetBucketPolicy', 'iam:GetAccountAuthorizationDetails',
    'kms:ListKeys', 'kms:DescribeKey', 'kms:GetKeyPolicy',
  ],
  build(live: LivePaths): string[] {
    const judged: string[] = [];
    const account = live.inv.accountId;
    for (const t of live.inv.trails ?? []) {
      if (t.homeRegion !== live.inv.region) {
        continue;
      }
      judged.push(t.arn);
      const source = t.name;
      const context = { 'aws:SourceAccount': account, 'aws:SourceArn': t.arn };
      const principal = { service: 'cloudtrail.amazonaws.com' };
      if (t.s3BucketName) {
        const prefix = t.s3KeyPrefix ? `${t.s3KeyPrefix}/` : '';
        const sse: RequestContext = t.kmsKeyId ? { 's3:x-amz-server-side-encryption': 'aws:kms', 's3:x-amz-server-side-encryption-aws-kms-key-id': t.kmsKeyId } : {};
        // the object key as the synth-time model writes it, so both sides judge the same request
        bucketDelivery(live, 'cloudtrail-delivery', t.arn, source, t.s3BucketName, principal, { ...context, ...sse },
          `${prefix}AWSLogs/${account}/CloudTrail/us-east-1/2026/01/01/file.json.gz`, true);
        if (t.latestDeliveryError) {
          reportedDeliveryError(live, 'cloudtrail-delivery', t.arn, source, `${t.s3BucketName} bucket`, 's3:PutObject', 'LatestDeliveryError', t.latestDeliveryError);
        }
      }
      if (t.kmsKeyId) {
        live.keyUse(t.arn, source, 'its key', t.kmsKeyId, principal, { ...context, 'kms:EncryptionContext:aws:cloudtrail:arn': t.arn }, 'cloudtrail', ['kms:GenerateDataKey']);
      }
      if (t.cloudWatchLogsRoleArn) {
        live.trust(t.arn, source, t.cloudWatchLogsRoleArn, 'cloudtrail.amazonaws.com', context);
        if (t.cloudWatchLogsLogGroupArn) {
          logGroupDelivery(live, 'cloudtrail-delivery', t.arn, source, t.cloudWatchLogsLogGroupArn, live.role(t.cloudWatchLogsRoleArn),
            `${account}_CloudTrail_${live.inv.region}`);
          if (t.latestCloudWatchLogsDeliveryError) {
            reportedDeliveryError(live, 'cloudtrail-delivery', t.arn, source, t.cloudWatchLogsLogGroupArn, 'logs:PutLogEvents', 'LatestCloudWatchLogsDeliveryError',
              t.latestCloudWatchLogsDeliveryError);
          }
        }
      }
    }
    return judged;
  },
};
