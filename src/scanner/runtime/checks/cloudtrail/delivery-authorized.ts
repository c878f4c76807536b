import { notApplicable } from '../../model';
import { cloudtrailDelivery } from '../../paths/cloudtrail-delivery';
import { definePathCheck } from '../define';

/**
 * CloudTrail.DeliveryAuthorized: the run-time side of `CompliancePack-CloudTrailDeliveryAuthorized`,
 * the paths of family `cloudtrail-delivery` built from the live bucket policy and the trail role's
 * identity policies and judged by the same evaluator (`paths/cloudtrail-delivery.ts`), with the
 * delivery errors GetTrailStatus reports as evidence. The key's use and the role's trust are paths of
 * other families (`key-use`, `role-trust`), not judged here, as at synth time.
 */
export const cloudtrailDeliveryAuthorized = definePathCheck(
  {
    id: 'cloudtrail-delivery-authorized',
    title: 'CloudTrail may write to its bucket and log group',
    severity: 'HIGH',
    category: 'cloudtrail',
    resourceType: 'AWS::CloudTrail::Trail',
    remediation: 'Let cloudtrail.amazonaws.com call s3:GetBucketAcl on the bucket and s3:PutObject on AWSLogs/<account>/* with s3:x-amz-acl bucket-owner-full-control (conditioned on aws:SourceArn of the trail) in the bucket policy, and the trail\'s CloudWatch Logs role logs:CreateLogStream and logs:PutLogEvents on its log group.',
    requiredActions: ['cloudtrail:DescribeTrails', 'cloudtrail:GetTrailStatus', 's3:ListAllMyBuckets', 's3:GetBucketPolicy', 'iam:GetAccountAuthorizationDetails'],
    datasets: ['cloudtrail.trails', 's3.buckets', 'iam.authorizationDetails'],
  },
  cloudtrailDelivery,
  (inv, withResult) => (inv.trails ?? []).filter((t) => !withResult.has(t.arn)).map((t) => (t.homeRegion !== inv.region
    ? notApplicable(t.arn, `a trail of ${t.homeRegion}, judged there`)
    : notApplicable(t.arn, 'the trail names no bucket or log group to deliver to'))),
);
