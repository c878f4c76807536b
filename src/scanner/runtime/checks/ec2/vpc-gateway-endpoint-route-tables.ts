import { hasRouteTables, isGatewayEndpoint } from '../../../../controls/judgement/gateway-endpoints';
import { arn, fail, notApplicable, pass } from '../../model';
import { defineCheck } from '../define';

/**
 * EC2.GatewayEndpointRouteTables: the run-time side of `CompliancePack-VpcGatewayEndpointRouteTables`
 * (AuditedVpc's S3 and DynamoDB gateway endpoints), so a gateway endpoint removed from its route
 * tables is seen; the same judgement (`src/controls/judgement/gateway-endpoints.ts`).
 */
export const vpcGatewayEndpointRouteTables = defineCheck(
  {
    id: 'ec2-vpc-gateway-endpoint-route-tables',
    title: 'VPC gateway endpoints are added to at least one route table',
    severity: 'HIGH',
    category: 'vpc',
    resourceType: 'AWS::EC2::VPCEndpoint',
    remediation: 'Add the gateway endpoint to the route tables of every subnet that reaches the service (ModifyVpcEndpoint AddRouteTableIds), or delete the unused endpoint.',
    requiredActions: ['ec2:DescribeVpcEndpoints'],
    datasets: ['ec2.vpcEndpoints'],
    scope: 'regional',
  },
  (inv) =>
    (inv.vpcEndpoints ?? []).map((e) => {
      const id = arn(inv, 'ec2', `vpc-endpoint/${e.vpcEndpointId}`);
      const what = e.serviceName ? ` (${e.serviceName})` : '';
      if (!isGatewayEndpoint(e.type)) return notApplicable(id, `${e.type} endpoint${what}: no route tables`);
      return hasRouteTables(e.routeTableIds)
        ? pass(id, `gateway endpoint${what} in route tables ${e.routeTableIds.join(', ')}`)
        : fail(id, `gateway endpoint${what} is in no route table: traffic to the service does not use it`);
    }),
);
