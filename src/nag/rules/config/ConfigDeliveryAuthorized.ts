import { pathRule } from '../../paths';
import { ERROR } from '../../private/rule';

/**
 * AWS Config cannot deliver: its delivery channel's bucket policy must let `config.amazonaws.com`
 * call s3:GetBucketAcl and s3:PutObject (with `bucket-owner-full-control`), and its topic must admit
 * it (keys: KmsKeyUseAuthorized).
 *
 * Seed failure: 004_5b6328fd8d3c63a0.txt #13. One finding per denied action.
 */
export default pathRule('config-delivery', {
  name: 'ConfigDeliveryAuthorized',
  level: ERROR,
  resourceTypes: ['AWS::Config::DeliveryChannel'],
  info: 'The AWS Config delivery channel cannot deliver to its bucket or topic.',
  explanation: 'Config delivers configuration history and snapshots as config.amazonaws.com (with the service-linked role) with s3:x-amz-acl bucket-owner-full-control, and notifications to the channel\'s topic; if the bucket or topic policy does not admit it, the delivery channel fails and the recorder\'s history is lost. Grant what the finding names.',
});
