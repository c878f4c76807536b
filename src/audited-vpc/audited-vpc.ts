import { CustomResource, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { createBucketFlowLog, createCloudWatchFlowLog, createFlowLogRole } from './flow-logs';
import { GatewayEndpointAccess, GatewayPrefixListIds } from './gateway-endpoint-access';
import { NetworkDefaults } from './network-defaults';
import { planVpc, VpcPlan } from './vpc-plan';
import { ComplianceLogGroup } from '../core/compliance-log-group';
import { warnWeakened } from '../core/weakened';

/**
 * Properties of an `AuditedVpc`.
 */
export interface AuditedVpcProps {
  /**
   * Name of the VPC (its `Name` tag).
   *
   * @default - the construct path
   */
  readonly vpcName?: string;

  /**
   * The IPv4 CIDR block of the VPC, a literal from /16 to /28 with no host bits set.
   *
   * @default '10.0.0.0/16'
   */
  readonly cidr?: string;

  /**
   * CIDR blocks of the networks this VPC is or will be connected to (peered VPCs, transit
   * gateway attachments, on-premises ranges). The VPC's CIDR block must not overlap any of them;
   * this is checked at synth, because overlapping networks cannot be routed to each other.
   *
   * @default - no check against other networks
   */
  readonly peerCidrs?: string[];

  /**
   * The Availability Zones to use, by name. Overrides `azCount`.
   *
   * In a stack with a concrete account and Region, aws-cdk-lib still reads the Region's zones
   * (from `cdk.context.json`, or by a lookup in the account) to check these names against them.
   *
   * @default - the first `azCount` Availability Zones of the Region; in an environment-agnostic
   * stack, `azCount` zones picked at deploy time with `Fn::GetAZs`
   */
  readonly availabilityZones?: string[];

  /**
   * How many Availability Zones to spread the subnets over. Every subnet group gets one subnet per
   * zone, and every interface endpoint one network interface per zone.
   *
   * @default 2
   */
  readonly azCount?: number;

  /**
   * The subnet groups, each with one subnet per Availability Zone. A `PUBLIC` group works and leaves
   * a warning; its subnets never assign public IP addresses on launch unless the group sets
   * `mapPublicIpOnLaunch: true`. Groups without `cidrMask` share the space the others leave equally.
   *
   * @default - one `PRIVATE_ISOLATED` group named `Private`, or, when `natGateways` is above 0, a
   * `PUBLIC` group named `Public` and a `PRIVATE_WITH_EGRESS` group named `Private`
   */
  readonly subnetConfiguration?: ec2.SubnetConfiguration[];

  /**
   * Number of NAT gateways. Above 0 it gives the private subnets a route to the internet and
   * leaves a warning; it needs a `PUBLIC` subnet group to hold the gateways.
   *
   * @default 0
   */
  readonly natGateways?: number;

  /**
   * How long the flow log group keeps events. `RetentionDays.INFINITE` works and leaves a warning.
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly flowLogRetention?: logs.RetentionDays;

  /**
   * The KMS key that encrypts the flow log group.
   *
   * @default - a new `ComplianceKey` for the log group
   */
  readonly flowLogEncryptionKey?: kms.IKey;

  /**
   * Also deliver the flow logs to this bucket (for example a `ComplianceBucket`), under
   * `vpc-flow-logs/`. The bucket policy gets the statements log delivery needs, and a
   * `ComplianceKey` encrypting the bucket gets a statement that lets log delivery use it.
   *
   * @default - flow logs go to CloudWatch Logs only
   */
  readonly flowLogBucket?: s3.IBucket;

  /**
   * The fields of each flow log record, in order.
   *
   * @default - the default AWS format (version 2 fields)
   */
  readonly flowLogFormat?: ec2.LogFormat[];

  /**
   * Longest interval over which a flow is captured and aggregated into one record.
   *
   * @default ec2.FlowLogMaxAggregationInterval.TEN_MINUTES
   */
  readonly flowLogMaxAggregationInterval?: ec2.FlowLogMaxAggregationInterval;

  /**
   * Interface endpoints to create, by service name as it follows `com.amazonaws.<region>.`
   * (for example `logs`, `ecr.api`, `secretsmanager`). Each has private DNS on and sits in one
   * private subnet per Availability Zone, behind a security group that admits only HTTPS from the
   * VPC's CIDR block. An empty list creates none.
   *
   * @default - `AuditedVpc.DEFAULT_INTERFACE_ENDPOINTS`: what the constructs of this library call
   */
  readonly interfaceEndpoints?: string[];

  /**
   * Which resources the endpoints let traffic reach: the S3 and DynamoDB gateway endpoints, and the
   * interface endpoints created with the VPC. `GatewayEndpointAccess.anyAccount()` (the AWS default
   * endpoint policy) works and leaves a warning.
   *
   * @default GatewayEndpointAccess.ownAccount(): resources of the stack's account, and the Region's
   * Amazon ECR image layer bucket
   */
  readonly gatewayEndpointAccess?: GatewayEndpointAccess;

  /**
   * What happens to the log groups (flow logs, and the function behind the custom resources) and
   * the key the construct creates for them when they leave the stack.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Options for `AuditedVpc.addSecurityGroup`.
 */
export interface AuditedSecurityGroupOptions {
  /**
   * Description of the security group.
   *
   * @default - "Egress only to the endpoints of <VPC path>"
   */
  readonly description?: string;

  /**
   * Name of the security group.
   *
   * @default - a name generated by CloudFormation
   */
  readonly securityGroupName?: string;

  /**
   * Open HTTPS egress to the VPC's interface endpoints.
   *
   * @default true
   */
  readonly allowInterfaceEndpoints?: boolean;

  /**
   * Open HTTPS egress to S3 and DynamoDB through the gateway endpoints (their AWS-managed
   * prefix lists, see `allowGatewayEndpointEgress`).
   *
   * @default true
   */
  readonly allowGatewayEndpoints?: boolean;
}

/**
 * A VPC whose traffic is logged, whose AWS traffic stays private, and whose security groups deny
 * by default.
 *
 * - subnets are private and isolated unless public subnets or NAT gateways are asked for;
 * - flow logs of ALL traffic go to a KMS-encrypted CloudWatch log group with a retention period,
 *   written through a role with a customer managed policy limited to that log group, and
 *   optionally to a bucket as well;
 * - S3 and DynamoDB gateway endpoints are attached to the route table of every subnet, with
 *   policies that can be narrowed to your own accounts;
 * - interface endpoints (private DNS on) sit behind a security group that admits only HTTPS
 *   from inside the VPC;
 * - the default security group is stripped of all its rules, by a custom resource whose function
 *   has a customer managed policy limited to that security group and encrypted logs (not
 *   aws-cdk-lib's `restrictDefaultSecurityGroup`, whose provider has neither);
 * - `addSecurityGroup` makes security groups with no egress except towards the endpoints and
 *   the peers you name with `allowEgressTo`.
 *
 * It is an `ec2.Vpc`, so it can be passed wherever an `ec2.IVpc` is expected.
 *
 * @example
 * import { AuditedVpc } from 'cdk-compliance-constructs';
 *
 * // Private subnets in three AZs, flow logs, gateway and interface endpoints.
 * const network = new AuditedVpc(this, 'Network', { cidr: '10.20.0.0/16', azCount: 3 });
 * // A security group whose egress reaches only the VPC's endpoints.
 * const workers = network.addSecurityGroup('Workers');
 */
export class AuditedVpc extends ec2.Vpc {
  /**
   * The interface endpoints created when `interfaceEndpoints` is not given: what the constructs of
   * this library call from private subnets (CloudWatch Logs and metrics, KMS, STS, SNS, SQS,
   * EventBridge, ECR, Batch).
   */
  public static readonly DEFAULT_INTERFACE_ENDPOINTS: string[] = [
    'logs', 'monitoring', 'kms', 'sts', 'sns', 'sqs', 'events', 'ecr.api', 'ecr.dkr', 'batch',
  ];

  /** This VPC, as an `ec2.IVpc`. */
  public readonly vpc: ec2.IVpc;
  /** The S3 gateway endpoint, attached to every route table of the VPC. */
  public readonly s3Endpoint: ec2.GatewayVpcEndpoint;
  /** The DynamoDB gateway endpoint, attached to every route table of the VPC. */
  public readonly dynamoDbEndpoint: ec2.GatewayVpcEndpoint;
  /** The interface endpoints, in the order of `interfaceEndpoints`. */
  public readonly interfaceEndpoints: ec2.InterfaceVpcEndpoint[];
  /** The security group of the interface endpoints: HTTPS in from the VPC's CIDR block, nothing out. */
  public readonly endpointSecurityGroup: ec2.SecurityGroup;
  /** The flow log to CloudWatch Logs (traffic type ALL). */
  public readonly flowLog: ec2.FlowLog;
  /** The flow log to `flowLogBucket`, when one was given. */
  public readonly bucketFlowLog?: ec2.FlowLog;
  /** The log group that receives the flow logs. */
  public readonly flowLogGroup: ComplianceLogGroup;
  /** The role the flow log service assumes to write to the log group. */
  public readonly flowLogRole: iam.Role;
  /** The custom resource that strips the default security group of every rule. */
  public readonly defaultSecurityGroupRules: CustomResource;

  private readonly cidrText: string;
  private readonly endpointsByName = new Map<string, ec2.InterfaceVpcEndpoint>();
  private readonly endpointAccess: GatewayEndpointAccess;
  private readonly networkDefaults: NetworkDefaults;

  constructor(scope: Construct, id: string, props: AuditedVpcProps = {}) {
    const plan = planVpc(scope, id, props, AuditedVpc.DEFAULT_INTERFACE_ENDPOINTS);
    super(scope, id, {
      vpcName: props.vpcName,
      ipAddresses: ec2.IpAddresses.cidr(plan.cidr.text),
      availabilityZones: plan.availabilityZones,
      subnetConfiguration: plan.subnetConfiguration,
      natGateways: plan.natGateways,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      // Done by NetworkDefaults below, without the nag-invisible provider CDK would add.
      restrictDefaultSecurityGroup: false,
    });
    this.vpc = this;
    this.cidrText = plan.cidr.text;
    this.warnAboutWeakenedLayout(props, plan);
    this.acknowledgePublicRoutes();

    // Flow logs and the default security group (flow-logs.ts, network-defaults.ts).
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    this.flowLogGroup = new ComplianceLogGroup(this, 'FlowLogs', {
      retention: props.flowLogRetention,
      encryptionKey: props.flowLogEncryptionKey,
      removalPolicy,
    });
    this.flowLogRole = createFlowLogRole(this, this.flowLogGroup);
    this.networkDefaults = new NetworkDefaults(this, 'NetworkDefaults', {
      logEncryptionKey: this.flowLogGroup.key,
      removalPolicy,
    });
    this.defaultSecurityGroupRules = this.networkDefaults.closeDefaultSecurityGroup(this.vpcDefaultSecurityGroup);
    this.acknowledgeDefaultSecurityGroupRule();
    this.flowLog = createCloudWatchFlowLog(this, this.flowLogGroup, this.flowLogRole, props);
    if (props.flowLogBucket) {
      this.bucketFlowLog = createBucketFlowLog(this, props.flowLogBucket, props);
    }

    // Endpoints: gateway endpoints on every route table, interface endpoints behind one security group.
    this.endpointAccess = props.gatewayEndpointAccess ?? GatewayEndpointAccess.ownAccount();
    [this.s3Endpoint, this.dynamoDbEndpoint] = this.createGatewayEndpoints();
    this.endpointSecurityGroup = new ec2.SecurityGroup(this, 'EndpointSecurityGroup', {
      vpc: this,
      description: `Interface endpoints of ${this.node.path}: HTTPS from inside the VPC only`,
      allowAllOutbound: false,
    });
    this.endpointSecurityGroup.addIngressRule(ec2.Peer.ipv4(this.cidrText), ec2.Port.tcp(443), 'HTTPS from inside the VPC');
    this.interfaceEndpoints = plan.interfaceEndpoints.map((name) => this.createInterfaceEndpoint(name));
  }

  /**
   * The interface endpoint of a service, if this VPC has one.
   *
   * @param serviceName the name as given in `interfaceEndpoints`, for example `ecr.api`
   */
  public tryFindInterfaceEndpoint(serviceName: string): ec2.InterfaceVpcEndpoint | undefined {
    return this.endpointsByName.get(serviceName);
  }

  /**
   * A security group in this VPC that allows no egress except, by default, HTTPS to the interface
   * endpoints and to S3 and DynamoDB through the gateway endpoints. Open more with
   * `allowEgressTo`; ingress is added as usual (`addIngressRule`, `connections.allowFrom`).
   */
  public addSecurityGroup(id: string, options: AuditedSecurityGroupOptions = {}): ec2.SecurityGroup {
    const sg = new ec2.SecurityGroup(this, id, {
      vpc: this,
      description: options.description ?? `Egress only to the endpoints of ${this.node.path}`,
      securityGroupName: options.securityGroupName,
      allowAllOutbound: false,
      allowAllIpv6Outbound: false,
    });
    if (options.allowInterfaceEndpoints ?? true) {
      this.allowInterfaceEndpointEgress(sg);
    }
    if (options.allowGatewayEndpoints ?? true) {
      this.allowGatewayEndpointEgress(sg);
    }
    return sg;
  }

  /**
   * Let a security group send HTTPS to the interface endpoints of this VPC (through the endpoint
   * security group, not a CIDR block).
   */
  public allowInterfaceEndpointEgress(securityGroup: ec2.ISecurityGroup): void {
    if (this.interfaceEndpoints.length > 0) {
      securityGroup.addEgressRule(this.endpointSecurityGroup, ec2.Port.tcp(443), 'HTTPS to the interface endpoints');
    }
  }

  /**
   * Let a security group send HTTPS to S3 and DynamoDB through the gateway endpoints, that is to
   * the AWS-managed prefix lists `com.amazonaws.<region>.s3` and `com.amazonaws.<region>.dynamodb`.
   *
   * The first call adds a lookup of the prefix list ids (a read-only custom resource) to the
   * VPC, since CloudFormation cannot name these prefix lists by itself.
   */
  public allowGatewayEndpointEgress(securityGroup: ec2.ISecurityGroup): void {
    const lists = this.gatewayPrefixListIds();
    securityGroup.addEgressRule(ec2.Peer.prefixList(lists.s3PrefixListId), ec2.Port.tcp(443), 'HTTPS to S3 through the gateway endpoint');
    securityGroup.addEgressRule(ec2.Peer.prefixList(lists.dynamoDbPrefixListId), ec2.Port.tcp(443), 'HTTPS to DynamoDB through the gateway endpoint');
  }

  /**
   * The ids of the AWS-managed S3 and DynamoDB prefix lists of this Region, looked up at deploy
   * time (the lookup is added on first use), for egress rules of your own.
   */
  public gatewayPrefixListIds(): GatewayPrefixListIds {
    return this.networkDefaults.gatewayPrefixLists();
  }

  /**
   * Let a security group send traffic to a named peer on a port. A peer that is the whole IPv4 or
   * IPv6 internet works and leaves a warning.
   *
   * @param securityGroup the security group that sends
   * @param peer where to, for example `ec2.Peer.ipv4('10.1.0.0/16')` or another security group
   * @param port the port, for example `ec2.Port.tcp(5432)`
   * @param description what the rule is for
   */
  public allowEgressTo(securityGroup: ec2.ISecurityGroup, peer: ec2.IPeer, port: ec2.Port, description?: string): void {
    if (['0.0.0.0/0', '::/0'].includes(peer.uniqueId)) {
      warnWeakened(securityGroup, 'allowEgressTo', `egress to ${peer.uniqueId} lets the security group reach any address on the internet`);
    }
    securityGroup.addEgressRule(peer, port, description);
  }

  /**
   * Let a principal read the flow logs: the log group's events and the key that decrypts them.
   */
  public grantReadFlowLogs(grantee: iam.IGrantable): iam.Grant {
    this.flowLogGroup.key.grantDecrypt(grantee);
    return this.flowLogGroup.grantRead(grantee);
  }

  /** The S3 and DynamoDB gateway endpoints, attached to every subnet's route table, with `endpointAccess` policies. */
  private createGatewayEndpoints(): [ec2.GatewayVpcEndpoint, ec2.GatewayVpcEndpoint] {
    const access = this.endpointAccess;
    access._accountIds(this);
    if (!access.restricted) {
      warnWeakened(this, 'gatewayEndpointAccess', 'the endpoints let code in the VPC reach any account\'s buckets, tables, queues and topics, so data can leave through them');
    }
    const everySubnet: ec2.SubnetSelection = { subnets: [...this.publicSubnets, ...this.privateSubnets, ...this.isolatedSubnets] };
    const s3Endpoint = this.addGatewayEndpoint('S3Endpoint', { service: ec2.GatewayVpcEndpointAwsService.S3, subnets: [everySubnet] });
    const dynamoDbEndpoint = this.addGatewayEndpoint('DynamoDbEndpoint', { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB, subnets: [everySubnet] });
    access._s3Statements(this).forEach((s) => s3Endpoint.addToPolicy(s));
    access._dynamoDbStatements(this).forEach((s) => dynamoDbEndpoint.addToPolicy(s));
    return [s3Endpoint, dynamoDbEndpoint];
  }

  private createInterfaceEndpoint(name: string): ec2.InterfaceVpcEndpoint {
    const endpoint = new ec2.InterfaceVpcEndpoint(this, `${constructIdOf(name)}Endpoint`, {
      vpc: this,
      service: new ec2.InterfaceVpcEndpointAwsService(name),
      privateDnsEnabled: true,
      securityGroups: [this.endpointSecurityGroup],
      // The security group already admits HTTPS from the VPC's CIDR block and nothing else.
      open: false,
      subnets: this.endpointSubnets(),
    });
    this.endpointAccess._interfaceStatements(this, name).forEach((s) => endpoint.addToPolicy(s));
    this.endpointsByName.set(name, endpoint);
    return endpoint;
  }

  /** One subnet per AZ, from the most private subnet type the VPC has. */
  private endpointSubnets(): ec2.SubnetSelection {
    const subnetType = this.isolatedSubnets.length > 0 ? ec2.SubnetType.PRIVATE_ISOLATED
      : this.privateSubnets.length > 0 ? ec2.SubnetType.PRIVATE_WITH_EGRESS : ec2.SubnetType.PUBLIC;
    return { subnetType, onePerAz: true };
  }

  private warnAboutWeakenedLayout(props: AuditedVpcProps, plan: VpcPlan): void {
    if (plan.natGateways > 0) {
      warnWeakened(this, 'natGateways', 'private subnets get a route to the internet through NAT gateways');
    }
    const publicGroups = plan.subnetConfiguration.filter((c) => c.subnetType === ec2.SubnetType.PUBLIC && !c.reserved);
    if (publicGroups.length > 0 && props.subnetConfiguration) {
      warnWeakened(this, 'subnetConfiguration', `public subnets (${publicGroups.map((g) => g.name).join(', ')}) have a route to and from the internet`);
    }
    const mapped = publicGroups.filter((c) => c.mapPublicIpOnLaunch === true);
    if (mapped.length > 0) {
      warnWeakened(this, 'subnetConfiguration', `instances launched in ${mapped.map((g) => g.name).join(', ')} get a public IP address automatically`);
    }
  }

  /**
   * cdk-nag recognises a closed default security group only by aws-cdk-lib's own custom resource,
   * which this construct replaces with `NetworkDefaults` (see there for why).
   */
  private acknowledgeDefaultSecurityGroupRule(): void {
    const cfnVpc = this.node.defaultChild as ec2.CfnVPC;
    const reason = `The default security group is stripped of every rule by ${this.defaultSecurityGroupRules.node.path} (Custom::DefaultSecurityGroupRules), in place of aws-cdk-lib's restrictDefaultSecurityGroup, whose provider has an inline policy and unencrypted logs; the rule recognises only the aws-cdk-lib custom resource by its construct id.`;
    for (const pack of ['HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321']) {
      Validations.of(cfnVpc).acknowledge({ id: `${pack}-VPCDefaultSecurityGroupClosed`, reason });
    }
  }

  /**
   * A public subnet is public because its route table sends 0.0.0.0/0 to the internet gateway;
   * such routes exist only when public subnets were asked for, which leaves a warning.
   */
  private acknowledgePublicRoutes(): void {
    for (const subnet of this.publicSubnets) {
      const route = subnet.node.tryFindChild('DefaultRoute');
      if (route) {
        const reason = 'Public subnets were requested explicitly (subnetConfiguration or natGateways) and are reported as a weakened default; a route from 0.0.0.0/0 to the internet gateway is what makes a subnet public. Private subnets never get this route.';
        for (const ruleId of ['HIPAA.Security-VPCNoUnrestrictedRouteToIGW', 'NIST.800.53.R5-VPCNoUnrestrictedRouteToIGW', 'PCI.DSS.321-VPCNoUnrestrictedRouteToIGW']) {
          Validations.of(route).acknowledge({ id: ruleId, reason });
        }
      }
    }
  }
}

/** `ecr.api` -> `EcrApi`, for construct ids. */
function constructIdOf(serviceName: string): string {
  return serviceName.split(/[^A-Za-z0-9]+/).filter(Boolean).map((p) => p[0].toUpperCase() + p.slice(1)).join('');
}
