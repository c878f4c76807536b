import { pathRule } from '../../paths';
import { ERROR } from '../../private/rule';

/**
 * A bucket's server access logs cannot be delivered to its log bucket: with ACLs disabled the log
 * bucket's policy must let `logging.s3.amazonaws.com` s3:PutObject under the log prefix with
 * `aws:SourceArn` of the source bucket, and the log bucket must not default to SSE-KMS.
 *
 * Seed failure: 004_5b6328fd8d3c63a0.txt #6. One finding per denied path.
 */
export default pathRule('s3-access-log-delivery', {
  name: 'S3AccessLogDeliveryAuthorized',
  level: ERROR,
  resourceTypes: ['AWS::S3::Bucket'],
  info: 'The bucket\'s server access logs cannot be delivered to its log bucket.',
  explanation: 'S3 delivers server access logs as logging.s3.amazonaws.com with aws:SourceArn of the source bucket and aws:SourceAccount; on a bucket with Object Ownership "bucket owner enforced" only the bucket policy can admit it, and log delivery to a bucket whose default encryption is SSE-KMS is not supported. Add the bucket policy statement (aws-cdk-lib adds it for a serverAccessLogsBucket of the same stack) and use SSE-S3 on the log bucket.',
});
