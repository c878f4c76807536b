import { logsRejectedTraffic } from '../../../../controls/judgement/flow-logs';
import { defineResourceCheck } from '../define';
import { VPCS } from '../resource-kinds';

export const vpcFlowLogsEnabled = defineResourceCheck(
  VPCS,
  {
    id: 'ec2-vpc-flow-logs-enabled',
    title: 'Every VPC has an active flow log of rejected traffic (traffic type ALL or REJECT)',
    severity: 'MEDIUM',
    remediation: 'Create a flow log (traffic type ALL or REJECT) for the VPC to CloudWatch Logs or S3.',
    requiredActions: ['ec2:DescribeVpcs', 'ec2:DescribeFlowLogs'],
    datasets: ['ec2.vpcs', 'ec2.flowLogs'],
  },
  (v, _id, inv) => {
    // One DescribeFlowLogs listing for the region, joined here: never one call per VPC. FSBP EC2.6
    // asks for rejected traffic to be logged, so a flow log of accepted traffic only does not count
    // (the same rule as CompliancePack-VpcFlowLogs, src/controls/judgement/flow-logs.ts).
    const active = (inv.flowLogs ?? []).filter((f) => f.status === 'ACTIVE' && f.resourceId === v.vpcId);
    if (active.some((f) => logsRejectedTraffic(f.trafficType))) return { ok: true, reason: 'active flow log of rejected traffic' };
    return { ok: false, reason: active.length > 0 ? 'active flow logs record accepted traffic only; rejected traffic is not logged' : 'no active flow log' };
  },
);
