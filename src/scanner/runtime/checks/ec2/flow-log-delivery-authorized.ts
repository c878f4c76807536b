import { notApplicable } from '../../model';
import { flowLogArn, flowLogDelivery } from '../../paths/flow-log-delivery';
import { LivePaths, pathResults } from '../../paths/live-paths';
import { defineCheck } from '../define';

/**
 * EC2.FlowLogDeliveryAuthorized: the run-time side of `CompliancePack-FlowLogDeliveryAuthorized`, the
 * paths of family `flow-log-delivery` built from the live flow logs, the bucket policies and the
 * delivery roles' identity policies and judged by the same evaluator (`paths/flow-log-delivery.ts`),
 * with `DeliverLogsStatus` `FAILED` as evidence.
 */
export const ec2FlowLogDeliveryAuthorized = defineCheck(
  {
    id: 'ec2-flow-log-delivery-authorized',
    title: 'VPC flow logs may deliver to their log group or bucket',
    severity: 'HIGH',
    category: 'ec2',
    resourceType: 'AWS::EC2::FlowLog',
    remediation: 'For CloudWatch Logs, let the DeliverLogsPermissionArn role (trusting vpc-flow-logs.amazonaws.com) call logs:CreateLogStream and logs:PutLogEvents on the log group; for S3, allow delivery.logs.amazonaws.com s3:GetBucketAcl on the bucket and s3:PutObject on <prefix>AWSLogs/<account>/* with s3:x-amz-acl bucket-owner-full-control in the bucket policy.',
    requiredActions: flowLogDelivery.requiredActions,
    datasets: flowLogDelivery.datasets,
    scope: 'regional',
  },
  (inv) => {
    const live = new LivePaths(inv);
    const judged = flowLogDelivery.build(live);
    const results = pathResults(live, 'flow-log-delivery', judged);
    const done = new Set(results.map((r) => r.resourceId));
    return [
      ...results,
      ...(inv.flowLogs ?? []).map((f) => flowLogArn(live, f.flowLogId)).filter((a) => !done.has(a))
        .map((a) => notApplicable(a, 'delivers to Kinesis Data Firehose, or names no role or destination to judge')),
    ];
  },
);
