/**
 * EC2.GatewayEndpointRouteTables as the library enforces it, one judgement for
 * `CompliancePack-VpcGatewayEndpointRouteTables` and the scanner's
 * `ec2-vpc-gateway-endpoint-route-tables`: a gateway VPC endpoint (S3, DynamoDB) is added to at
 * least one route table. Other endpoint types have no route tables: not applicable.
 */

/** The endpoint is a gateway endpoint (`VpcEndpointType`, `Gateway` when unset as CloudFormation defaults it). */
export function isGatewayEndpoint(type: unknown): boolean {
  return (type ?? 'Gateway') === 'Gateway';
}

/** The gateway endpoint is added to at least one route table. */
export function hasRouteTables(routeTableIds: unknown): boolean {
  return Array.isArray(routeTableIds) && routeTableIds.length > 0;
}
