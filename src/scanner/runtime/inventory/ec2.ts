/**
 * Inventory records of EC2 and VPC (SDK-independent): security groups, network ACLs, volumes, snapshots, VPCs, flow logs, endpoints, subnets, route tables, instances.
 */

export interface IpPermission {
  /** `-1` (all), `tcp`, `udp`, `icmp`, `icmpv6` or a protocol number. */
  readonly protocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly ipv4Ranges: readonly string[];
  readonly ipv6Ranges: readonly string[];
  readonly sourceGroups: readonly string[];
  readonly prefixLists: readonly string[];
}

export interface SecurityGroupInfo {
  readonly groupId: string;
  readonly groupName: string;
  readonly vpcId?: string;
  readonly ingress: readonly IpPermission[];
  readonly egress: readonly IpPermission[];
}

export interface NaclEntry {
  readonly ruleNumber: number;
  /** `-1` or an IANA protocol number as a string (`6` tcp, `17` udp). */
  readonly protocol: string;
  readonly ruleAction: 'allow' | 'deny';
  readonly egress: boolean;
  readonly cidrBlock?: string;
  readonly ipv6CidrBlock?: string;
  readonly fromPort?: number;
  readonly toPort?: number;
}

export interface NetworkAclInfo {
  readonly networkAclId: string;
  readonly vpcId?: string;
  readonly isDefault: boolean;
  readonly entries: readonly NaclEntry[];
  readonly associatedSubnets: readonly string[];
}

export interface VolumeInfo {
  readonly volumeId: string;
  readonly encrypted: boolean;
  readonly attachedTo: readonly string[];
}

export interface SnapshotsInfo {
  /** Snapshots owned by the account. */
  readonly owned: readonly string[];
  /** Of those, the ones restorable by everyone (public). */
  readonly publicIds: readonly string[];
}

export interface VpcInfo {
  readonly vpcId: string;
  readonly isDefault: boolean;
}

export interface FlowLogInfo {
  readonly flowLogId: string;
  readonly resourceId: string;
  readonly status: string;
  /** `ACCEPT`, `REJECT` or `ALL`; empty when the API gave none. */
  readonly trafficType: string;
  /** `cloud-watch-logs`, `s3` or `kinesis-data-firehose`. */
  readonly logDestinationType?: string;
  /** `LogDestination`: the log group's or bucket's (with its prefix) ARN. */
  readonly logDestination?: string;
  /** `LogGroupName` (CloudWatch Logs destinations). */
  readonly logGroupName?: string;
  /** `DeliverLogsPermissionArn`: the role the service assumes to write the log group. */
  readonly deliverLogsPermissionArn?: string;
  /** `DeliverLogsStatus`: `SUCCESS` or `FAILED`. */
  readonly deliverLogsStatus?: string;
  /** `DeliverLogsErrorMessage` (`Access error`, `Rate limited`, ...). */
  readonly deliverLogsErrorMessage?: string;
}

/** A VPC endpoint (DescribeVpcEndpoints), with the route tables a gateway endpoint is added to. */
export interface VpcEndpointInfo {
  readonly vpcEndpointId: string;
  readonly vpcId?: string;
  /** `VpcEndpointType`: `Gateway`, `Interface`, `GatewayLoadBalancer`, ... */
  readonly type?: string;
  readonly serviceName?: string;
  /** `State`: `available`, `pending`, `deleting`, ... */
  readonly state?: string;
  readonly routeTableIds: readonly string[];
}

/** A subnet (DescribeSubnets), with what tells whether it is public. */
export interface SubnetInfo {
  readonly subnetId: string;
  readonly vpcId: string;
  readonly mapPublicIpOnLaunch: boolean;
}

/** A route of a route table: its destination and target gateway (`GatewayId`, e.g. `igw-...`, `vgw-...`, `local`). */
export interface RouteInfo {
  readonly destinationCidrBlock?: string;
  readonly destinationIpv6CidrBlock?: string;
  readonly gatewayId?: string;
}

/** A route table (DescribeRouteTables), with its routes and the subnets explicitly associated with it. */
export interface RouteTableInfo {
  readonly routeTableId: string;
  readonly vpcId: string;
  /** The VPC's main route table (used by every subnet without an explicit association). */
  readonly main: boolean;
  readonly subnetIds: readonly string[];
  readonly routes: readonly RouteInfo[];
}

/** An EC2 instance that is not terminated (DescribeInstances), with its instance metadata options. */
export interface InstanceInfo {
  readonly instanceId: string;
  readonly arn: string;
  readonly state?: string;
  /** `MetadataOptions.HttpTokens` (`required`, `optional`); `null` when not reported. */
  readonly httpTokens?: string | null;
  /** `MetadataOptions.HttpEndpoint` (`enabled`, `disabled`). */
  readonly httpEndpoint?: string;
}
