import type { PathBuilder } from './builders';
import { LivePaths } from './live-paths';
import { bucketDelivery, logGroupDelivery, reportedDeliveryError } from './log-delivery';

/** The ARN of a flow log (`arn:<partition>:ec2:<region>:<account>:vpc-flow-log/<id>`). */
export function flowLogArn(live: LivePaths, flowLogId: string): string {
  return `arn:${live.inv.partition}:ec2:${live.inv.region}:${live.inv.accountId}:vpc-flow-log/${flowLogId}`;
}

/**
 * The live paths of family `flow-log-delivery`, as the synth-time model builds them for an
 * `AWS::EC2::FlowLog` (`PathModel.flowLog`): to CloudWatch Logs, the `DeliverLogsPermissionArn`
 * role's logs:CreateLogStream and logs:PutLogEvents on the log group (and, of family `role-trust`,
 * vpc-flow-logs.amazonaws.com's sts:AssumeRole of it); to S3, delivery.logs.amazonaws.com's
 * s3:GetBucketAcl and s3:PutObject on `<prefix>AWSLogs/<account>/vpcflowlogs/...` under the bucket
 * policy (`aws:SourceAccount`, `aws:SourceArn` `arn:...:logs:<region>:<account>:*`). A
 * `DeliverLogsStatus` of `FAILED` is a failed path, whatever the policies say.
 */
export const flowLogDelivery: PathBuilder = {
  family: 'flow-log-delivery',
  datasets: ['ec2.flowLogs', 's3.buckets', 'iam.authorizationDetails'],
  requiredActions: ['ec2:DescribeFlowLogs', 's3:ListAllMyBuckets', 's3:GetBucketPolicy', 'iam:GetAccountAuthorizationDetails'],
  build(live: LivePaths): string[] {
    const family = 'flow-log-delivery';
    const { accountId: account, region, partition } = live.inv;
    const judged: string[] = [];
    for (const f of live.inv.flowLogs ?? []) {
      const arn = flowLogArn(live, f.flowLogId);
      const source = f.flowLogId;
      const type = f.logDestinationType ?? 'cloud-watch-logs';
      const before = live.paths.length;
      if (type === 'cloud-watch-logs' && f.deliverLogsPermissionArn) {
        live.trust(arn, source, f.deliverLogsPermissionArn, 'vpc-flow-logs.amazonaws.com', { 'aws:SourceAccount': account, 'aws:SourceArn': arn });
        const groupArn = f.logDestination ?? (f.logGroupName ? `arn:${partition}:logs:${region}:${account}:log-group:${f.logGroupName}:*` : undefined);
        if (groupArn) {
          logGroupDelivery(live, family, arn, source, groupArn, live.role(f.deliverLogsPermissionArn), 'eni-0123456789abcdef0-all');
        }
      } else if (type === 's3' && f.logDestination) {
        const bucketArn = f.logDestination.split('/')[0];
        const prefix = f.logDestination.includes('/') ? f.logDestination.slice(bucketArn.length + 1).replace(/\/?$/, '/') : '';
        const context = { 'aws:SourceAccount': account, 'aws:SourceArn': `arn:${partition}:logs:${region}:${account}:*` };
        bucketDelivery(live, family, arn, source, bucketArn.replace(/^arn:[^:]+:s3:::/, ''), { service: 'delivery.logs.amazonaws.com' }, context,
          `${prefix}AWSLogs/${account}/vpcflowlogs/${region}/2026/01/01/file.log.gz`, true);
      }
      if (f.deliverLogsStatus === 'FAILED') {
        reportedDeliveryError(live, family, arn, source, f.logDestination ?? f.logGroupName ?? 'its destination', 'deliver', 'DeliverLogsStatus',
          f.deliverLogsErrorMessage ?? 'FAILED');
      }
      if (live.paths.length > before) {
        judged.push(arn);
      }
    }
    return judged;
  },
};
