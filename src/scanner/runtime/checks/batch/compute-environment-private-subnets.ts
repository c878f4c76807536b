import { isDefaultRoute, isInternetGatewayId, isPublicSubnet } from '../../../../controls/judgement/batch-network';
import { errored, fail, Inventory, notApplicable, pass, RouteTableInfo } from '../../model';
import { defineResourceCheck } from '../define';
import { BATCH_COMPUTE_ENVIRONMENTS } from '../resource-kinds';

/** How one subnet is judged: `public`, `private`, or why it could not be (not described, no route table). */
type SubnetVerdict = { readonly verdict: 'public' | 'private'; readonly why: string } | { readonly verdict: 'unknown'; readonly why: string };

/** The route table a subnet uses: the one explicitly associated with it, else its VPC's main route table. */
function tableOf(tables: readonly RouteTableInfo[], subnetId: string, vpcId: string): RouteTableInfo | undefined {
  return tables.find((t) => t.subnetIds.includes(subnetId)) ?? tables.find((t) => t.main && t.vpcId === vpcId);
}

function judgeSubnet(inv: Inventory, subnetId: string): SubnetVerdict {
  const subnet = (inv.subnets ?? []).find((s) => s.subnetId === subnetId);
  if (!subnet) return { verdict: 'unknown', why: `${subnetId} is not described in the Region` };
  const table = tableOf(inv.routeTables ?? [], subnetId, subnet.vpcId);
  if (!table) return { verdict: 'unknown', why: `${subnetId} has no route table that could be read` };
  const igw = table.routes.find((r) => isDefaultRoute(r.destinationCidrBlock, r.destinationIpv6CidrBlock) && isInternetGatewayId(r.gatewayId));
  if (isPublicSubnet(subnet.mapPublicIpOnLaunch, igw !== undefined)) {
    const why = subnet.mapPublicIpOnLaunch ? 'maps public IPs on launch' : `${table.routeTableId} routes ${igw!.destinationCidrBlock ?? igw!.destinationIpv6CidrBlock} to ${igw!.gatewayId}`;
    return { verdict: 'public', why: `${subnetId} ${why}` };
  }
  return { verdict: 'private', why: subnetId };
}

/**
 * Batch.PrivateNetwork for compute environments: the run-time side of `CompliancePack-BatchPublicNetwork`
 * (BatchPipeline's private subnets), so a compute environment moved to a public subnet, or a route
 * to an internet gateway added to its route table, is seen; the same judgement
 * (`src/controls/judgement/batch-network.ts`).
 */
export const batchComputeEnvironmentPrivateSubnets = defineResourceCheck(
  BATCH_COMPUTE_ENVIRONMENTS,
  {
    id: 'batch-compute-environment-private-subnets',
    title: 'Batch compute environments run in private subnets',
    severity: 'HIGH',
    remediation: 'Move the compute environment to private subnets (no default route to an internet gateway, MapPublicIpOnLaunch off) that reach AWS through VPC endpoints or a NAT gateway.',
    requiredActions: ['batch:DescribeComputeEnvironments', 'ec2:DescribeLaunchTemplateVersions', 'ec2:DescribeSubnets', 'ec2:DescribeRouteTables'],
    datasets: ['batch.computeEnvironments', 'ec2.subnets', 'ec2.routeTables'],
  },
  (c, _id, inv) => {
    if (c.subnets === undefined) return notApplicable(c.arn, 'unmanaged compute environment: no subnets of its own');
    if (c.subnets.length === 0) return notApplicable(c.arn, 'no subnets');
    if (inv.subnets === undefined || inv.routeTables === undefined) return errored(c.arn, 'the Region\'s subnets or route tables could not be read');
    const verdicts = c.subnets.map((s) => judgeSubnet(inv, s));
    const open = verdicts.filter((v) => v.verdict === 'public');
    if (open.length > 0) return fail(c.arn, `public subnets: ${open.map((v) => v.why).join('; ')}`);
    const unknown = verdicts.filter((v) => v.verdict === 'unknown');
    if (unknown.length > 0) return errored(c.arn, `could not judge ${unknown.map((v) => v.why).join('; ')}`);
    return pass(c.arn, `private subnets ${c.subnets.join(', ')}`);
  },
);
