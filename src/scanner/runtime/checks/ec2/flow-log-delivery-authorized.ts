import { arn, notApplicable } from '../../model';
import { flowLogDelivery } from '../../paths/flow-log-delivery';
import { definePathCheck } from '../define';

/**
 * EC2.FlowLogDeliveryAuthorized: the run-time side of `CompliancePack-FlowLogDeliveryAuthorized`, the
 * paths of family `flow-log-delivery` built from the live flow logs, the bucket policies and the
 * delivery roles' identity policies and judged by the same evaluator (`paths/flow-log-delivery.ts`),
 * with `DeliverLogsStatus` `FAILED` as evidence.
 */
export const ec2FlowLogDeliveryAuthorized = definePathCheck(
  {
    id: 'ec2-flow-log-delivery-authorized',
    title: 'VPC flow logs may deliver to their log group or bucket',
    severity: 'HIGH',
    category: 'ec2',
    resourceType: 'AWS::EC2::FlowLog',
    remediation: 'For CloudWatch Logs, let the DeliverLogsPermissionArn role (trusting vpc-flow-logs.amazonaws.com) call logs:CreateLogStream and logs:PutLogEvents on the log group; for S3, allow delivery.logs.amazonaws.com s3:GetBucketAcl on the bucket and s3:PutObject on <prefix>AWSLogs/<account>/* with s3:x-amz-acl bucket-owner-full-control in the bucket policy.',
  },
  flowLogDelivery,
  (inv, withResult) => (inv.flowLogs ?? []).map((f) => arn(inv, 'ec2', `vpc-flow-log/${f.flowLogId}`)).filter((a) => !withResult.has(a))
    .map((a) => notApplicable(a, 'delivers to Kinesis Data Firehose, or names no role or destination to judge')),
);
