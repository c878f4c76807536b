import {
  GetEbsEncryptionByDefaultCommand,
  IpPermission as SdkIpPermission,
  paginateDescribeFlowLogs,
  paginateDescribeNetworkAcls,
  paginateDescribeSecurityGroups,
  paginateDescribeSnapshots,
  paginateDescribeVolumes,
  paginateDescribeVpcs,
} from '@aws-sdk/client-ec2';
import { FlowLogInfo, IpPermission, NetworkAclInfo, SecurityGroupInfo, SnapshotsInfo, VolumeInfo, VpcInfo } from '../model';
import { CollectContext, pageSize } from './context';

function permission(p: SdkIpPermission): IpPermission {
  return {
    protocol: p.IpProtocol ?? '-1',
    fromPort: p.FromPort,
    toPort: p.ToPort,
    ipv4Ranges: (p.IpRanges ?? []).map((r) => r.CidrIp ?? '').filter(Boolean),
    ipv6Ranges: (p.Ipv6Ranges ?? []).map((r) => r.CidrIpv6 ?? '').filter(Boolean),
    sourceGroups: (p.UserIdGroupPairs ?? []).map((g) => g.GroupId ?? '').filter(Boolean),
    prefixLists: (p.PrefixListIds ?? []).map((g) => g.PrefixListId ?? '').filter(Boolean),
  };
}

export async function securityGroups(ctx: CollectContext, region: string): Promise<SecurityGroupInfo[]> {
  const pages = await ctx.clients.paginate(
    { service: 'ec2', region, api: 'DescribeSecurityGroups' }, paginateDescribeSecurityGroups, {}, pageSize(ctx, 5, 1000));
  return pages.flatMap((p) => p.SecurityGroups ?? []).map((g) => ({
    groupId: g.GroupId ?? '',
    groupName: g.GroupName ?? '',
    vpcId: g.VpcId,
    ingress: (g.IpPermissions ?? []).map(permission),
    egress: (g.IpPermissionsEgress ?? []).map(permission),
  }));
}

export async function networkAcls(ctx: CollectContext, region: string): Promise<NetworkAclInfo[]> {
  const pages = await ctx.clients.paginate(
    { service: 'ec2', region, api: 'DescribeNetworkAcls' }, paginateDescribeNetworkAcls, {}, pageSize(ctx, 5, 100));
  return pages.flatMap((p) => p.NetworkAcls ?? []).map((a) => ({
    networkAclId: a.NetworkAclId ?? '',
    vpcId: a.VpcId,
    isDefault: !!a.IsDefault,
    associatedSubnets: (a.Associations ?? []).map((s) => s.SubnetId ?? '').filter(Boolean),
    entries: (a.Entries ?? []).map((e) => ({
      ruleNumber: e.RuleNumber ?? 0,
      protocol: e.Protocol ?? '-1',
      ruleAction: e.RuleAction === 'allow' ? ('allow' as const) : ('deny' as const),
      egress: !!e.Egress,
      cidrBlock: e.CidrBlock,
      ipv6CidrBlock: e.Ipv6CidrBlock,
      fromPort: e.PortRange?.From,
      toPort: e.PortRange?.To,
    })),
  }));
}

export async function volumes(ctx: CollectContext, region: string): Promise<VolumeInfo[]> {
  const pages = await ctx.clients.paginate({ service: 'ec2', region, api: 'DescribeVolumes' }, paginateDescribeVolumes, {}, pageSize(ctx, 5, 500));
  return pages.flatMap((p) => p.Volumes ?? []).map((v) => ({
    volumeId: v.VolumeId ?? '',
    encrypted: !!v.Encrypted,
    attachedTo: (v.Attachments ?? []).map((a) => a.InstanceId ?? '').filter(Boolean),
  }));
}

export async function ebsEncryptionByDefault(ctx: CollectContext, region: string): Promise<boolean> {
  const out = await ctx.clients.send({ service: 'ec2', region, api: 'GetEbsEncryptionByDefault' }, (c, abortSignal) =>
    c.send(new GetEbsEncryptionByDefaultCommand({}), { abortSignal }));
  return !!out.EbsEncryptionByDefault;
}

/**
 * Own snapshots, and which of them are public, in two paginated listings
 * (`RestorableByUserIds=all` returns exactly the public ones) instead of one attribute call per snapshot.
 */
export async function snapshots(ctx: CollectContext, region: string): Promise<SnapshotsInfo> {
  const size = pageSize(ctx, 5, 1000);
  const [owned, open] = await Promise.all([
    ctx.clients.paginate({ service: 'ec2', region, api: 'DescribeSnapshots' }, paginateDescribeSnapshots, { OwnerIds: ['self'] }, size),
    ctx.clients.paginate({ service: 'ec2', region, api: 'DescribeSnapshots' }, paginateDescribeSnapshots,
      { OwnerIds: ['self'], RestorableByUserIds: ['all'] }, size),
  ]);
  return {
    owned: owned.flatMap((p) => p.Snapshots ?? []).map((s) => s.SnapshotId ?? ''),
    publicIds: open.flatMap((p) => p.Snapshots ?? []).map((s) => s.SnapshotId ?? ''),
  };
}

export async function vpcs(ctx: CollectContext, region: string): Promise<VpcInfo[]> {
  const pages = await ctx.clients.paginate({ service: 'ec2', region, api: 'DescribeVpcs' }, paginateDescribeVpcs, {}, pageSize(ctx, 5, 1000));
  return pages.flatMap((p) => p.Vpcs ?? []).map((v) => ({ vpcId: v.VpcId ?? '', isDefault: !!v.IsDefault }));
}

/** All flow logs of the region in one listing, joined to VPCs by the check. */
export async function flowLogs(ctx: CollectContext, region: string): Promise<FlowLogInfo[]> {
  const pages = await ctx.clients.paginate({ service: 'ec2', region, api: 'DescribeFlowLogs' }, paginateDescribeFlowLogs, {}, pageSize(ctx, 1, 1000));
  return pages.flatMap((p) => p.FlowLogs ?? []).map((f) => ({
    flowLogId: f.FlowLogId ?? '',
    resourceId: f.ResourceId ?? '',
    status: f.FlowLogStatus ?? '',
    trafficType: f.TrafficType ?? '',
    logDestinationType: f.LogDestinationType,
    logDestination: f.LogDestination,
    logGroupName: f.LogGroupName,
    deliverLogsPermissionArn: f.DeliverLogsPermissionArn,
    deliverLogsStatus: f.DeliverLogsStatus,
    deliverLogsErrorMessage: f.DeliverLogsErrorMessage,
  }));
}
