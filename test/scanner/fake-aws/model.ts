/** The state of the fake account served by FakeAws (wire-level records, AWS field names). */

export interface FakeSecurityGroup {
  GroupId: string;
  GroupName: string;
  VpcId?: string;
  ingress: FakePermission[];
  egress: FakePermission[];
}
export interface FakePermission {
  IpProtocol: string;
  FromPort?: number;
  ToPort?: number;
  cidrs?: string[];
  cidrsV6?: string[];
  groups?: string[];
}
export interface FakeNacl {
  NetworkAclId: string;
  VpcId: string;
  IsDefault: boolean;
  entries: Array<{ RuleNumber: number; Protocol: string; RuleAction: 'allow' | 'deny'; Egress: boolean; CidrBlock?: string; Ipv6CidrBlock?: string; From?: number; To?: number }>;
  subnets: string[];
}
export interface FakeBucket {
  Name: string;
  Region: string;
  publicAccessBlock?: [boolean, boolean, boolean, boolean];
  policy?: string;
  aclGrants?: Array<{ uri?: string; id?: string; permission: string }>;
  sse?: string;
  loggingTarget?: string;
  ownership?: string;
  versioning?: string;
  /** Lifecycle rule statuses (`Enabled`, `Disabled`); absent: no lifecycle configuration. */
  lifecycle?: string[];
  /** Replication rules; absent: no replication configuration. */
  replication?: Array<{ status: string; destination: string }>;
}
export interface FakeKey {
  KeyId: string;
  KeyManager: 'AWS' | 'CUSTOMER';
  KeyState: string;
  KeySpec?: string;
  Origin?: string;
  rotation?: boolean;
  /** The key policy (GetKeyPolicy); none: administration and use in separate statements, as ComplianceKey writes it. */
  policy?: string;
}

/**
 * A Lambda function. Settings left out are the library's defaults (ComplianceScanner's function), so
 * the fixture accounts give the Lambda configuration checks nothing to report: attached to `vpc-1`,
 * tracing `Active`, a dead-letter queue, 1 reserved concurrent execution.
 */
export interface FakeFunction {
  FunctionName: string;
  Runtime?: string;
  policy?: string;
  /** `null`: not attached to a VPC. */
  VpcId?: string | null;
  /** `null`: no TracingConfig. */
  TracingMode?: string | null;
  /** `null`: no dead-letter queue. */
  DeadLetterTargetArn?: string | null;
  /** `null`: none reserved. */
  ReservedConcurrency?: number | null;
  /** Event invoke configurations by qualifier, with their on-failure (and on-success) destination. */
  eventInvokeConfigs?: Array<{ Qualifier: string; OnFailure?: string; OnSuccess?: string }>;
  /** `LoggingConfig.LogGroup`; `null`: Lambda's implicit `/aws/lambda/<name>`. @default `<name>-logs` (a log group of its own) */
  LogGroup?: string | null;
  /** The execution role's name. @default `lambda-exec` (the fixture account's role trusting Lambda) */
  RoleName?: string;
}

/** A Batch job definition revision in the API's own (camelCase) shape; `status` defaults to ACTIVE. */
export interface FakeJobDefinition {
  jobDefinitionName: string;
  revision: number;
  status?: 'ACTIVE' | 'INACTIVE';
  type?: string;
  platformCapabilities?: string[];
  containerProperties?: Record<string, unknown>;
  nodeProperties?: Record<string, unknown>;
  ecsProperties?: Record<string, unknown>;
  eksProperties?: Record<string, unknown>;
  retryStrategy?: { attempts?: number };
  timeout?: { attemptDurationSeconds?: number };
}

export interface FakeConfigSetup {
  recorders: Array<{ name: string; recording: boolean; roleARN?: string }>;
  channels: Array<{ name: string; s3BucketName: string; snsTopicARN?: string; s3KmsKeyArn?: string }>;
}

export interface FakeAnalyzer {
  name: string;
  type: string;
  status: string;
}

/** An SQS queue (served by services/sqs.ts). */
export interface FakeQueue {
  QueueName: string;
  /** The queue policy (JSON). @default none */
  policy?: string;
  /** The dead-letter queue (name of a queue of the Region, or an ARN), after 3 receives. @default none */
  deadLetterQueue?: string;
  KmsMasterKeyId?: string;
  /** SSE-SQS when no KMS key is set. @default true */
  sqsManagedSse?: boolean;
}

export interface FakeRegionState {
  securityGroups: FakeSecurityGroup[];
  networkAcls: FakeNacl[];
  volumes: Array<{ VolumeId: string; Encrypted: boolean; attachedTo: string[] }>;
  ebsEncryptionByDefault: boolean;
  snapshots: Array<{ SnapshotId: string; public: boolean }>;
  vpcs: Array<{ VpcId: string; IsDefault: boolean }>;
  flowLogs: Array<{
    FlowLogId: string;
    ResourceId: string;
    FlowLogStatus: string;
    TrafficType: 'ACCEPT' | 'REJECT' | 'ALL';
    /** Where it delivers (none: as the fixture accounts leave it out), and its delivery status. */
    LogDestinationType?: string;
    LogDestination?: string;
    LogGroupName?: string;
    DeliverLogsPermissionArn?: string;
    DeliverLogsStatus?: string;
    DeliverLogsErrorMessage?: string;
  }>;
  kmsKeys: FakeKey[];
  trails: Array<{
    Name: string;
    HomeRegion: string;
    IsMultiRegionTrail: boolean;
    KmsKeyId?: string;
    LogFileValidationEnabled: boolean;
    IsLogging: boolean;
    /** Where it delivers, and GetTrailStatus' delivery errors. */
    S3BucketName?: string;
    S3KeyPrefix?: string;
    CloudWatchLogsLogGroupArn?: string;
    CloudWatchLogsRoleArn?: string;
    LatestDeliveryError?: string;
    LatestCloudWatchLogsDeliveryError?: string;
  }>;
  functions: FakeFunction[];
  dbInstances: Array<{ DBInstanceIdentifier: string; Engine: string; PubliclyAccessible: boolean; StorageEncrypted: boolean }>;
  /** SNS topics; `policy` absent: a policy as ComplianceTopic writes it (TLS only, services scoped to the account); `null`: SNS's default policy. */
  topics: Array<{ Name: string; KmsMasterKeyId?: string; policy?: string | null }>;
  /** `kmsKeyArn`: SSE with that KMS key; none: the AWS owned key (DescribeTable reports no `SSEDescription`). */
  tables: Array<{ TableName: string; pitr: boolean; kmsKeyArn?: string }>;
  /** CloudWatch Logs log groups (served by services/logs.ts). */
  logGroups?: Array<{ logGroupName: string; kmsKeyId?: string; retentionInDays?: number }>;
  /** AWS Batch job definition revisions, as DescribeJobDefinitions returns them (its ARN is derived). @default none */
  jobDefinitions?: FakeJobDefinition[];
  /** AWS Batch compute environments, as DescribeComputeEnvironments returns them (ARN, state and status derived). @default none */
  computeEnvironments?: Array<{
    computeEnvironmentName: string;
    type: 'MANAGED' | 'UNMANAGED';
    /** The role Batch assumes (`serviceRole`). @default none reported */
    serviceRole?: string;
    computeResources?: {
      type: string;
      launchTemplate?: { launchTemplateId?: string; launchTemplateName?: string; version?: string };
      subnets?: string[];
      securityGroupIds?: string[];
    };
  }>;
  /** VPC endpoints (DescribeVpcEndpoints), `VpcEndpointType` Gateway and state available unless set. @default none */
  vpcEndpoints?: Array<{ VpcEndpointId: string; VpcId: string; ServiceName: string; VpcEndpointType?: string; RouteTableIds?: string[] }>;
  /** Subnets (DescribeSubnets); MapPublicIpOnLaunch false unless set. @default none */
  subnets?: Array<{ SubnetId: string; VpcId: string; MapPublicIpOnLaunch?: boolean }>;
  /** Route tables (DescribeRouteTables) with their routes and explicitly associated subnets; `main`: the VPC's main route table. @default none */
  routeTables?: Array<{
    RouteTableId: string;
    VpcId: string;
    main?: boolean;
    subnets?: string[];
    routes: Array<{ DestinationCidrBlock?: string; DestinationIpv6CidrBlock?: string; GatewayId?: string; NatGatewayId?: string }>;
  }>;
  /** EC2 instances (one reservation each) with their metadata options; HttpTokens `optional` and the endpoint enabled unless set. @default none */
  instances?: Array<{ InstanceId: string; State?: string; HttpTokens?: string; HttpEndpoint?: string }>;
  /** EC2 launch templates with their versions (numbered from 1) and which is the default. @default none */
  launchTemplates?: Array<{ LaunchTemplateId: string; LaunchTemplateName: string; defaultVersion: number; versions: Array<{ HttpTokens?: string }> }>;
  /** IAM Access Analyzer analyzers; absent: the external access analyzer AccountAudit creates, active. */
  analyzers?: FakeAnalyzer[];
  /** AWS Config; absent: the recorder and channel AccountAudit creates, recording. */
  config?: FakeConfigSetup;
  /** SQS queues. @default none */
  queues?: FakeQueue[];
  /** CloudWatch alarms (metric ones unless `composite`). @default none */
  alarms?: Array<{ AlarmName: string; composite?: boolean; AlarmActions?: string[]; OKActions?: string[]; InsufficientDataActions?: string[] }>;
  /** AWS Backup plans; absent: BatchPipeline's plan, whose selection names every table of the Region. */
  backupPlans?: FakeBackupPlan[];
  /**
   * EventBridge rules (on the default bus unless `EventBusName`; scheduled unless `EventPattern`) with their targets.
   * Absent: AccountAudit's rule routing GuardDuty findings to its alert topic, which SNS then also lists (services/events.ts).
   */
  eventRules?: Array<{
    Name: string;
    EventBusName?: string;
    State?: string;
    EventPattern?: string;
    targets: Array<{ Id: string; Arn: string; RoleArn?: string; DeadLetterArn?: string }>;
  }>;
  /** GuardDuty detectors. Absent: the detector AccountAudit creates, enabled. */
  detectors?: Array<{ id: string; status: 'ENABLED' | 'DISABLED' }>;
  /** EventBridge Scheduler schedules (group `default` unless set). @default none */
  schedules?: FakeSchedule[];
  /** Step Functions state machines: the role (by name), the definition (object or text), the log group logged to. @default none */
  stateMachines?: Array<{ name: string; roleName: string; definition: object | string; type?: string; logGroupArn?: string }>;
}

/** An EventBridge Scheduler schedule. */
export interface FakeSchedule {
  Name: string;
  GroupName?: string;
  State?: string;
  Target: { Arn: string; RoleArn: string; DeadLetterArn?: string };
  KmsKeyArn?: string;
}

/** An AWS Backup plan with its backup selections (ids derived from the names). */
export interface FakeBackupPlan {
  name: string;
  selections: Array<{ name: string; resources: string[]; notResources?: string[]; tags?: Record<string, string> }>;
}

export interface FakeAccountState {
  accountId: string;
  regions: Record<string, FakeRegionState>;
  /** Opt-in Regions of the partition the account has not enabled (listed by DescribeRegions with AllRegions). */
  notOptedInRegions?: string[];
  buckets: FakeBucket[];
  accountPublicAccessBlock?: [boolean, boolean, boolean, boolean];
  users: Array<{ UserName: string; attached: string[]; inline: string[] }>;
  policies: Array<{ PolicyName: string; AttachmentCount: number; document: object }>;
  /** Roles, with their trust policy and inline policies (name: document). */
  roles?: Array<{ RoleName: string; Path?: string; trust: object; inline?: Record<string, object>; attached?: string[] }>;
  credentialReportCsv: string;
  passwordPolicy?: Record<string, number | boolean>;
  summary: { AccountMFAEnabled: number; AccountAccessKeysPresent: number };
  /** Items received by BatchWriteItem, by table. */
  dynamoItems: Record<string, Array<Record<string, unknown>>>;
  /** Objects received by PutObject, by `bucket/key`. */
  s3Objects: Record<string, { body: string; headers: Record<string, string | string[] | undefined> }>;
  snsMessages: Array<{ TopicArn: string; Subject?: string; Message: string }>;
}

export function emptyRegion(): FakeRegionState {
  return {
    securityGroups: [],
    networkAcls: [],
    volumes: [],
    ebsEncryptionByDefault: true,
    snapshots: [],
    vpcs: [],
    flowLogs: [],
    kmsKeys: [],
    trails: [],
    functions: [],
    dbInstances: [],
    topics: [],
    tables: [],
  };
}

export function emptyAccount(regions: string[], accountId = '123456789012'): FakeAccountState {
  return {
    accountId,
    regions: Object.fromEntries(regions.map((r) => [r, emptyRegion()])),
    buckets: [],
    users: [],
    policies: [],
    credentialReportCsv: 'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,' +
      'access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,' +
      'access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,' +
      'cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated\n',
    summary: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0 },
    dynamoItems: {},
    s3Objects: {},
    snsMessages: [],
  };
}
