import { pathRule } from '../../paths';
import { ERROR } from '../../private/rule';

/**
 * A VPC flow log cannot deliver: to CloudWatch Logs through a role whose policy must allow
 * logs:CreateLogStream and logs:PutLogEvents on the log group, or to S3 as
 * `delivery.logs.amazonaws.com` through the bucket policy.
 *
 * Seed failure: 004_5b6328fd8d3c63a0.txt #7. One finding per denied action.
 */
export default pathRule('flow-log-delivery', {
  name: 'FlowLogDeliveryAuthorized',
  level: ERROR,
  resourceTypes: ['AWS::EC2::FlowLog'],
  info: 'A VPC flow log cannot deliver to its log group or bucket.',
  explanation: 'Flow logs to CloudWatch Logs are written with the flow log\'s role (which vpc-flow-logs.amazonaws.com must be able to assume); flow logs to S3 are written by delivery.logs.amazonaws.com with s3:x-amz-acl bucket-owner-full-control. A flow log that cannot deliver shows status "Access error" and records nothing. Grant what the finding names.',
});
