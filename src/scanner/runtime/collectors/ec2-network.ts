import { paginateDescribeRouteTables, paginateDescribeSubnets, paginateDescribeVpcEndpoints } from '@aws-sdk/client-ec2';
import { RouteTableInfo, SubnetInfo, VpcEndpointInfo } from '../model';
import { CollectContext, pageSize } from './context';

/** Every VPC endpoint of the region (DescribeVpcEndpoints pages of up to 1000), with its type and route tables. */
export async function vpcEndpoints(ctx: CollectContext, region: string): Promise<VpcEndpointInfo[]> {
  const pages = await ctx.clients.paginate({ service: 'ec2', region, api: 'DescribeVpcEndpoints' }, paginateDescribeVpcEndpoints, {}, pageSize(ctx, 5, 1000));
  return pages.flatMap((p) => p.VpcEndpoints ?? []).map((e) => ({
    vpcEndpointId: e.VpcEndpointId ?? '',
    vpcId: e.VpcId,
    type: e.VpcEndpointType,
    serviceName: e.ServiceName,
    state: e.State,
    routeTableIds: (e.RouteTableIds ?? []).filter(Boolean),
  }));
}

/** Every subnet of the region (DescribeSubnets pages of up to 1000), shared subnets included. */
export async function subnets(ctx: CollectContext, region: string): Promise<SubnetInfo[]> {
  const pages = await ctx.clients.paginate({ service: 'ec2', region, api: 'DescribeSubnets' }, paginateDescribeSubnets, {}, pageSize(ctx, 5, 1000));
  return pages.flatMap((p) => p.Subnets ?? []).map((s) => ({
    subnetId: s.SubnetId ?? '',
    vpcId: s.VpcId ?? '',
    mapPublicIpOnLaunch: !!s.MapPublicIpOnLaunch,
  }));
}

/** Every route table of the region (DescribeRouteTables pages of up to 100), with its routes and subnet associations. */
export async function routeTables(ctx: CollectContext, region: string): Promise<RouteTableInfo[]> {
  const pages = await ctx.clients.paginate({ service: 'ec2', region, api: 'DescribeRouteTables' }, paginateDescribeRouteTables, {}, pageSize(ctx, 5, 100));
  return pages.flatMap((p) => p.RouteTables ?? []).map((t) => ({
    routeTableId: t.RouteTableId ?? '',
    vpcId: t.VpcId ?? '',
    main: (t.Associations ?? []).some((a) => !!a.Main),
    subnetIds: (t.Associations ?? []).map((a) => a.SubnetId ?? '').filter(Boolean),
    routes: (t.Routes ?? []).map((r) => ({
      destinationCidrBlock: r.DestinationCidrBlock,
      destinationIpv6CidrBlock: r.DestinationIpv6CidrBlock,
      gatewayId: r.GatewayId,
    })),
  }));
}
