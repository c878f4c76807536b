import { pathRule } from '../../paths';
import { ERROR } from '../../private/rule';

/**
 * A trail cannot deliver: the bucket policy must let `cloudtrail.amazonaws.com` call
 * s3:GetBucketAcl and s3:PutObject (with `bucket-owner-full-control` and `aws:SourceArn` of the
 * trail), and the trail's CloudWatch Logs role must be allowed to write its log group.
 *
 * Seed failure: 004_5b6328fd8d3c63a0.txt #5. One finding per denied action.
 */
export default pathRule('cloudtrail-delivery', {
  name: 'CloudTrailDeliveryAuthorized',
  level: ERROR,
  resourceTypes: ['AWS::CloudTrail::Trail'],
  info: 'A CloudTrail trail cannot deliver to its bucket or log group.',
  explanation: 'CloudTrail checks the bucket ACL and writes log files as cloudtrail.amazonaws.com with s3:x-amz-acl bucket-owner-full-control and aws:SourceArn of the trail; CloudWatch Logs delivery uses the trail\'s role. A trail that cannot deliver fails to create, or stops logging. Grant what the finding names in the bucket policy or the role\'s policy.',
});
