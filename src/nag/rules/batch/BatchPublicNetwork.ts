import { CfnResource } from 'aws-cdk-lib';
import { assignPublicIpFlags, isDefaultRoute, isInternetGatewayId, isPublicSubnet as publicSubnet, publicIpVerdict } from '../../../controls/judgement/batch-network';
import { asList, isTrue, isUnknown, referencedId } from '../../../policy/template-values';
import { propertiesOf, stackResourcesOfType } from '../../private/context';
import { bodiesByType, COMPLIANT, defineRule, ERROR, NON_COMPLIANT, NOT_APPLICABLE } from '../../private/rule';
import { pointsAt, resolveReference } from '../shared';

/** True when the subnet (a resource of this stack) is public: it maps public IPs, or its route table routes to an internet gateway. */
function isPublicSubnet(subnet: CfnResource): boolean {
  const mapsPublicIps = isTrue(propertiesOf(subnet)?.MapPublicIpOnLaunch);
  const tables = stackResourcesOfType(subnet, 'AWS::EC2::SubnetRouteTableAssociation')
    .map(propertiesOf)
    .filter((a) => a && pointsAt(a.SubnetId, subnet))
    .map((a) => referencedId(a.RouteTableId))
    .filter((id): id is string => id !== undefined);
  if (tables.length === 0) {
    return publicSubnet(mapsPublicIps, false);
  }
  return publicSubnet(mapsPublicIps, stackResourcesOfType(subnet, 'AWS::EC2::Route').map(propertiesOf).some((route) => {
    if (!route || !tables.includes(referencedId(route.RouteTableId) ?? '')) {
      return false;
    }
    if (!isDefaultRoute(route.DestinationCidrBlock, route.DestinationIpv6CidrBlock)) {
      return false;
    }
    const gateway = route.GatewayId;
    if (typeof gateway === 'string') {
      return isInternetGatewayId(gateway);
    }
    return resolveReference(subnet, gateway, 'AWS::EC2::InternetGateway') !== undefined;
  }));
}

/**
 * AWS Batch with public network exposure: a job definition that assigns public IPs to its Fargate
 * tasks, or a compute environment placed in public subnets.
 *
 * Seed failure: 004_5b6328fd8d3c63a0.txt #17 and the Batch requirements of the same review (private
 * subnets). A subnet of the same stack is public when it maps public IPs on launch or its route table
 * sends 0.0.0.0/0 or ::/0 to an internet gateway; subnets outside the stack are not judged.
 */
export default defineRule({
  name: 'BatchPublicNetwork',
  level: ERROR,
  info: 'The AWS Batch job definition assigns public IPs, or the compute environment is in public subnets.',
  explanation: 'Batch workloads process internal data and need no inbound reachability; public IPs or public subnets expose the instances and tasks to the internet. Run them in private subnets with VPC endpoints or a NAT gateway, and keep assignPublicIp off.',
  ...bodiesByType({
    'AWS::Batch::JobDefinition': (_node, props) => {
      const verdict = publicIpVerdict(assignPublicIpFlags(props));
      return verdict === 'public' ? NON_COMPLIANT : verdict === 'unknown' ? NOT_APPLICABLE : COMPLIANT;
    },
    'AWS::Batch::ComputeEnvironment': (node, props) => {
      const subnets = props.ComputeResources?.Subnets;
      if (subnets === undefined || isUnknown(subnets)) {
        return NOT_APPLICABLE;
      }
      const known = asList(subnets).map((s) => resolveReference(node, s, 'AWS::EC2::Subnet')).filter((s): s is CfnResource => s !== undefined);
      if (known.some(isPublicSubnet)) {
        return NON_COMPLIANT;
      }
      return known.length > 0 ? COMPLIANT : NOT_APPLICABLE;
    },
  }),
});
