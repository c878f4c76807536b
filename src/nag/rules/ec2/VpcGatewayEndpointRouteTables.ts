import { hasRouteTables, isGatewayEndpoint } from '../../../controls/judgement/gateway-endpoints';
import { isUnknown } from '../../../policy/template-values';
import { COMPLIANT, defineRule, ERROR, NON_COMPLIANT, NOT_APPLICABLE } from '../../private/rule';

/**
 * A gateway VPC endpoint (S3, DynamoDB) is attached to no route table.
 *
 * Seed failures: 004_5b6328fd8d3c63a0.txt #2 and #9 (`route_table_ids = []`). `VpcEndpointType`
 * defaults to Gateway. Route tables given as a token count as present.
 */
export default defineRule({
  name: 'VpcGatewayEndpointRouteTables',
  level: ERROR,
  resourceTypes: ['AWS::EC2::VPCEndpoint'],
  info: 'The gateway VPC endpoint is associated with no route table.',
  explanation: 'A gateway endpoint works only through the route tables it is added to; with none, traffic to S3 or DynamoDB keeps going over the NAT or internet gateway. List the route tables of every subnet that uses the service.',
  body: (_node, props) => {
    const type = props.VpcEndpointType;
    if (isUnknown(type)) {
      return NOT_APPLICABLE;
    }
    if (!isGatewayEndpoint(type)) {
      return NOT_APPLICABLE;
    }
    const tables = props.RouteTableIds;
    if (isUnknown(tables)) {
      return COMPLIANT;
    }
    return hasRouteTables(tables) ? COMPLIANT : NON_COMPLIANT;
  },
});
