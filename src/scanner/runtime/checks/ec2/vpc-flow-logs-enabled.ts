import { arn, fail, pass } from '../../model';
import { defineCheck } from '../define';

export const vpcFlowLogsEnabled = defineCheck(
  {
    id: 'ec2-vpc-flow-logs-enabled',
    title: 'Every VPC has an active flow log',
    severity: 'MEDIUM',
    category: 'vpc',
    resourceType: 'AWS::EC2::VPC',
    fsbp: ['EC2.6'],
    cis: ['3.7'],
    remediation: 'Create a flow log (traffic type ALL or REJECT) for the VPC to CloudWatch Logs or S3.',
    requiredActions: ['ec2:DescribeVpcs', 'ec2:DescribeFlowLogs'],
    datasets: ['ec2.vpcs', 'ec2.flowLogs'],
    scope: 'regional',
  },
  (inv) => {
    // One DescribeFlowLogs listing for the region, joined here: never one call per VPC.
    const active = new Set((inv.flowLogs ?? []).filter((f) => f.status === 'ACTIVE').map((f) => f.resourceId));
    return (inv.vpcs ?? []).map((v) => {
      const id = arn(inv, 'ec2', `vpc/${v.vpcId}`);
      return active.has(v.vpcId) ? pass(id, 'active flow log') : fail(id, 'no active flow log');
    });
  },
);
