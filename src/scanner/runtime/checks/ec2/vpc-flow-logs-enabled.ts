import { logsRejectedTraffic } from '../../../../controls/judgement/flow-logs';
import { arn, fail, pass } from '../../model';
import { defineCheck } from '../define';

export const vpcFlowLogsEnabled = defineCheck(
  {
    id: 'ec2-vpc-flow-logs-enabled',
    title: 'Every VPC has an active flow log of rejected traffic (traffic type ALL or REJECT)',
    severity: 'MEDIUM',
    category: 'vpc',
    resourceType: 'AWS::EC2::VPC',
    remediation: 'Create a flow log (traffic type ALL or REJECT) for the VPC to CloudWatch Logs or S3.',
    requiredActions: ['ec2:DescribeVpcs', 'ec2:DescribeFlowLogs'],
    datasets: ['ec2.vpcs', 'ec2.flowLogs'],
    scope: 'regional',
  },
  (inv) => {
    // One DescribeFlowLogs listing for the region, joined here: never one call per VPC. FSBP EC2.6
    // asks for rejected traffic to be logged, so a flow log of accepted traffic only does not count
    // (the same rule as CompliancePack-VpcFlowLogs, src/controls/judgement/flow-logs.ts).
    const active = (inv.flowLogs ?? []).filter((f) => f.status === 'ACTIVE');
    const logsRejected = new Set(active.filter((f) => logsRejectedTraffic(f.trafficType)).map((f) => f.resourceId));
    const acceptOnly = new Set(active.map((f) => f.resourceId));
    return (inv.vpcs ?? []).map((v) => {
      const id = arn(inv, 'ec2', `vpc/${v.vpcId}`);
      if (logsRejected.has(v.vpcId)) {
        return pass(id, 'active flow log of rejected traffic');
      }
      return acceptOnly.has(v.vpcId)
        ? fail(id, 'active flow logs record accepted traffic only; rejected traffic is not logged')
        : fail(id, 'no active flow log');
    });
  },
);
