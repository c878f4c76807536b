/**
 * The scanner's data model: the inventory the collectors build and the checks read, and the
 * shape of a check. Checks never call AWS; they are pure functions over this inventory, so they
 * are unit-tested without any SDK and every inventory is collected once and shared.
 */

export type Severity = 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW';
export const SEVERITIES: readonly Severity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];

/** Service category a check is scored under. */
export type Category = 's3' | 'ec2' | 'vpc' | 'ebs' | 'iam' | 'cloudtrail' | 'kms' | 'lambda' | 'rds' | 'sns' | 'dynamodb' | 'batch' | 'logs' | 'config' | 'sqs' | 'events' | 'cloudwatch' | 'stepfunctions' | 'guardduty' | 'scheduler' | 'backup';

/** Result of one check for one resource. ERROR: the data this resource needs could not be collected. */
export type ResultStatus = 'PASS' | 'FAIL' | 'NOT_APPLICABLE' | 'ERROR';

export interface CheckResult {
  /** ARN where the resource has one, else a stable identifier (e.g. `arn:aws:ec2:...:security-group/sg-1`). */
  readonly resourceId: string;
  readonly status: ResultStatus;
  /** Why: names the rule, port, field or value that decided the status. */
  readonly reason: string;
  /** Region of the resource, when it differs from the region the check was evaluated in (S3). */
  readonly region?: string;
}

/**
 * Datasets: the unit of collection. Each is collected at most once per (dataset, region) and
 * shared by every check that needs it. Global datasets (IAM, S3 listing) use region `global`.
 */
export type DatasetKey =
  | 's3.buckets'
  | 's3.accountPublicAccessBlock'
  | 'ec2.securityGroups'
  | 'ec2.networkAcls'
  | 'ec2.volumes'
  | 'ec2.ebsEncryptionByDefault'
  | 'ec2.snapshots'
  | 'ec2.vpcs'
  | 'ec2.flowLogs'
  | 'ec2.vpcEndpoints'
  | 'ec2.subnets'
  | 'ec2.routeTables'
  | 'iam.authorizationDetails'
  | 'iam.credentialReport'
  | 'iam.passwordPolicy'
  | 'iam.accountSummary'
  | 'cloudtrail.trails'
  | 'kms.keys'
  | 'lambda.functions'
  | 'rds.instances'
  | 'sns.topics'
  | 'dynamodb.tables'
  | 'batch.jobDefinitions'
  | 'batch.computeEnvironments'
  | 'ec2.instances'
  | 'logs.logGroups'
  | 'accessanalyzer.analyzers'
  | 'config.recorders'
  | 'sqs.queues'
  | 'cloudwatch.alarms'
  | 'events.rules'
  | 'backup.protectedResources'
  | 'guardduty.detectors'
  | 'scheduler.schedules'
  | 'sfn.stateMachines';

export const GLOBAL_DATASETS: ReadonlySet<DatasetKey> = new Set<DatasetKey>([
  's3.buckets',
  's3.accountPublicAccessBlock',
  'iam.authorizationDetails',
  'iam.credentialReport',
  'iam.passwordPolicy',
  'iam.accountSummary',
]);

/** The AWS service whose API a dataset is collected from (clients, limits and breakers are per service). */
export function serviceOf(dataset: DatasetKey): string {
  return dataset.split('.')[0];
}

// ---------------------------------------------------------------------------------------------
// Inventory records (SDK-independent)
// ---------------------------------------------------------------------------------------------

export interface PublicAccessBlock {
  readonly blockPublicAcls: boolean;
  readonly ignorePublicAcls: boolean;
  readonly blockPublicPolicy: boolean;
  readonly restrictPublicBuckets: boolean;
}

export interface AclGrant {
  /** Grantee URI for groups (AllUsers, AuthenticatedUsers), or canonical id. */
  readonly grantee: string;
  readonly permission: string;
}

/**
 * One bucket. A field that is `undefined` could not be collected (its error is in the report);
 * `null` means the bucket has none (no policy, no encryption configuration, no public access block).
 */
export interface BucketInfo {
  readonly name: string;
  readonly arn: string;
  readonly region: string;
  readonly publicAccessBlock?: PublicAccessBlock | null;
  readonly policy?: string | null;
  readonly acl?: readonly AclGrant[];
  /** SSE algorithm of the default encryption rule: `aws:kms`, `aws:kms:dsse`, `AES256`. */
  readonly encryption?: string | null;
  readonly loggingTarget?: string | null;
  /** Server access logging's `TargetPrefix` (`''` when none); `undefined` when logging is off or could not be read. */
  readonly loggingPrefix?: string;
  readonly objectOwnership?: string | null;
  /** `Enabled`, `Suspended` or `null` (never enabled). */
  readonly versioning?: string | null;
  /** Lifecycle rules (GetBucketLifecycleConfiguration); `null`: no lifecycle configuration. */
  readonly lifecycleRules?: readonly BucketRuleInfo[] | null;
  /** Replication rules (GetBucketReplication); `null`: no replication configuration. */
  readonly replicationRules?: readonly BucketRuleInfo[] | null;
}

/** One lifecycle or replication rule of a bucket. */
export interface BucketRuleInfo {
  readonly id?: string;
  /** `Enabled` or `Disabled`. */
  readonly status: string;
  /** Replication: the destination bucket's ARN. */
  readonly destination?: string;
}

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

export interface IamPolicyStatement {
  readonly Effect?: string;
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly Principal?: unknown;
  readonly Condition?: unknown;
}

export interface IamManagedPolicyInfo {
  readonly arn: string;
  readonly name: string;
  readonly awsManaged: boolean;
  readonly attachmentCount: number;
  /** Default version document, URL-decoded JSON text. */
  readonly document: string;
}

export interface IamUserInfo {
  readonly userName: string;
  readonly arn: string;
  readonly attachedPolicyArns: readonly string[];
  readonly inlinePolicyNames: readonly string[];
}

export interface IamInlinePolicyInfo {
  readonly name: string;
  /** URL-decoded JSON text. */
  readonly document: string;
}

export interface IamRoleInfo {
  readonly roleName: string;
  readonly arn: string;
  readonly path: string;
  /** Trust policy (`AssumeRolePolicyDocument`), URL-decoded JSON text. */
  readonly trustPolicy: string;
  readonly inlinePolicies: readonly IamInlinePolicyInfo[];
  readonly attachedPolicyArns: readonly string[];
}

export interface AuthorizationDetails {
  readonly users: readonly IamUserInfo[];
  readonly policies: readonly IamManagedPolicyInfo[];
  /** Roles with their trust, inline and attached policies. */
  readonly roles?: readonly IamRoleInfo[];
}

/** One row of the IAM credential report (only the columns the checks read). */
export interface CredentialReportRow {
  readonly user: string;
  readonly arn: string;
  readonly passwordEnabled: boolean;
  /** ISO date or undefined (N/A / no_information). */
  readonly passwordLastUsed?: string;
  readonly passwordLastChanged?: string;
  readonly mfaActive: boolean;
  readonly accessKey1Active: boolean;
  readonly accessKey1LastRotated?: string;
  readonly accessKey1LastUsed?: string;
  readonly accessKey2Active: boolean;
  readonly accessKey2LastRotated?: string;
  readonly accessKey2LastUsed?: string;
}

export interface PasswordPolicyInfo {
  readonly minimumPasswordLength: number;
  readonly requireSymbols: boolean;
  readonly requireNumbers: boolean;
  readonly requireUppercaseCharacters: boolean;
  readonly requireLowercaseCharacters: boolean;
  readonly passwordReusePrevention?: number;
  readonly maxPasswordAge?: number;
}

export interface AccountSummaryInfo {
  readonly accountMfaEnabled: boolean;
  readonly accountAccessKeysPresent: boolean;
}

export interface TrailInfo {
  readonly name: string;
  readonly arn: string;
  readonly homeRegion: string;
  readonly isMultiRegion: boolean;
  readonly isLogging: boolean;
  readonly kmsKeyId?: string;
  readonly logFileValidationEnabled: boolean;
  /** `S3BucketName`: the bucket the trail delivers to. */
  readonly s3BucketName?: string;
  /** `S3KeyPrefix`. */
  readonly s3KeyPrefix?: string;
  /** `CloudWatchLogsLogGroupArn` (the group's ARN with `:*`). */
  readonly cloudWatchLogsLogGroupArn?: string;
  /** `CloudWatchLogsRoleArn`: the role CloudTrail assumes to write the log group. */
  readonly cloudWatchLogsRoleArn?: string;
  /** GetTrailStatus' `LatestDeliveryError`: the last error of delivery to the bucket (`AccessDenied`, ...). */
  readonly latestDeliveryError?: string;
  /** GetTrailStatus' `LatestCloudWatchLogsDeliveryError`. */
  readonly latestCloudWatchLogsDeliveryError?: string;
}

export interface KmsKeyInfo {
  readonly keyId: string;
  readonly arn: string;
  readonly keyManager: 'AWS' | 'CUSTOMER';
  readonly keyState: string;
  readonly keySpec: string;
  readonly origin: string;
  /** `undefined` when not asked (AWS-managed, asymmetric or disabled keys). */
  readonly rotationEnabled?: boolean;
  /** The key policy (GetKeyPolicy, JSON) of a customer managed key; `undefined` for AWS managed keys, when not read or when it could not be read. */
  readonly policy?: string;
}

export interface LambdaFunctionInfo {
  readonly functionName: string;
  readonly arn: string;
  /** Undefined for container-image functions. */
  readonly runtime?: string;
  /** Resource-based policy JSON, `null` when the function has none. */
  readonly policy?: string | null;
  /** `VpcConfig.VpcId` (ListFunctions); `null` when the function is not attached to a VPC. */
  readonly vpcId?: string | null;
  /** `TracingConfig.Mode` (`Active`, `PassThrough`); `null` when none is reported. */
  readonly tracingMode?: string | null;
  /** `DeadLetterConfig.TargetArn`; `null` when the function has no dead-letter queue. */
  readonly deadLetterTargetArn?: string | null;
  /**
   * On-failure destinations of the function's event invoke configurations (every qualifier,
   * ListFunctionEventInvokeConfigs); empty when none has one, `undefined` when they could not be read
   * (not read when a dead-letter queue is set).
   */
  readonly onFailureDestinations?: readonly string[];
  /** Reserved concurrent executions (GetFunctionConcurrency); `null` when none is reserved, `undefined` when it could not be read. */
  readonly reservedConcurrency?: number | null;
  /** The execution role's ARN (`Role`, ListFunctions). */
  readonly role?: string;
  /** `LoggingConfig.LogGroup` (ListFunctions; `/aws/lambda/<name>` when the function names none); `null` when no LoggingConfig is reported. */
  readonly logGroup?: string | null;
  /**
   * The on-success and on-failure destinations of every event invoke configuration (every qualifier);
   * empty when none has one, `undefined` when they could not be read or were not read (with a
   * dead-letter queue, they are read only when a selected check also reads the roles' policies).
   */
  readonly invokeDestinations?: readonly string[];
}

export interface DbInstanceInfo {
  readonly dbInstanceIdentifier: string;
  readonly arn: string;
  readonly engine: string;
  readonly publiclyAccessible: boolean;
  readonly storageEncrypted: boolean;
}

export interface TopicInfo {
  readonly name: string;
  readonly arn: string;
  /** The topic's KMS key (`KmsMasterKeyId`); `null` when it has none, `undefined` when its attributes could not be read. */
  readonly kmsMasterKeyId?: string | null;
  /** The topic policy (`Policy`, JSON); `null` when none is reported, `undefined` when its attributes could not be read. */
  readonly policy?: string | null;
}

export interface TableInfo {
  readonly name: string;
  readonly arn: string;
  /** `PointInTimeRecoveryStatus` (`ENABLED`, `DISABLED`); `null` when none is reported, `undefined` when it could not be read. */
  readonly pointInTimeRecovery?: string | null;
  /**
   * The KMS key the table is encrypted with (`SSEDescription.KMSMasterKeyArn` when `SSEType` is `KMS`);
   * `null` for the AWS owned key (no `SSEDescription`, or SSE disabled), `undefined` when DescribeTable failed
   * (or no check being run reads it; so for the point-in-time recovery status).
   */
  readonly kmsMasterKeyArn?: string | null;
}

export interface LogGroupInfo {
  readonly name: string;
  /** The log group's ARN without the trailing `:*` (`logGroupArn`). */
  readonly arn: string;
  /** The KMS key ARN (`kmsKeyId`); `null` when the log group is not encrypted with a KMS key. */
  readonly kmsKeyId: string | null;
  /** `retentionInDays`; `null` when events never expire. */
  readonly retentionInDays: number | null;
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

/** An ACTIVE revision of an AWS Batch job definition (DescribeJobDefinitions), with what the Batch controls judge. */
export interface JobDefinitionInfo {
  readonly name: string;
  /** The revision's ARN (`...:job-definition/<name>:<revision>`). */
  readonly arn: string;
  readonly revision: number;
  /** `retryStrategy.attempts`; `undefined` when the definition has no retry strategy. */
  readonly retryAttempts?: number;
  /** `timeout.attemptDurationSeconds`; `undefined` when the definition has no timeout. */
  readonly attemptDurationSeconds?: number;
  /** The `privileged` flag of each container (container, multi-node, ECS and EKS properties); `undefined` where unset. */
  readonly privilegedFlags: readonly (boolean | undefined)[];
  /** `platformCapabilities` (`EC2`, `FARGATE`). */
  readonly platformCapabilities?: readonly string[];
  /** `networkConfiguration.assignPublicIp` of each task block (container and ECS task properties); `undefined` where unset. */
  readonly assignPublicIp?: readonly (string | undefined)[];
  /** The roles each task block names (`jobRoleArn`, `executionRoleArn`, `taskRoleArn`), in that order, unset ones left out. */
  readonly taskRoles?: readonly { readonly jobRoleArn?: string; readonly executionRoleArn?: string; readonly taskRoleArn?: string }[];
  /** Each container with what its execution role must do before it starts: the role, the image, the log configuration, the secrets. */
  readonly executionContainers?: readonly ExecutionContainerInfo[];
}

/** A container of a Batch job definition as its execution role serves it (`containerProperties`, or a container of `ecsProperties.taskProperties` with its task's role). */
export interface ExecutionContainerInfo {
  readonly executionRoleArn?: string;
  readonly image?: string;
  /** `logConfiguration.logDriver`. */
  readonly logDriver?: string;
  /** `logConfiguration.options['awslogs-group']`. */
  readonly logGroup?: string;
  /** `secrets`: their names and `valueFrom` (a Secrets Manager ARN, or an SSM parameter name or ARN). */
  readonly secrets: readonly { readonly name?: string; readonly valueFrom?: string }[];
}

/** An AWS Batch compute environment (DescribeComputeEnvironments), with the launch template version it names. */
export interface ComputeEnvironmentInfo {
  readonly name: string;
  readonly arn: string;
  /** `computeResources.type` (`EC2`, `SPOT`, `FARGATE`, `FARGATE_SPOT`); `undefined` for an unmanaged environment. */
  readonly computeType?: string;
  /** `computeResources.launchTemplate`, its version `$Default` when unset; `undefined` when it names none. */
  readonly launchTemplate?: { readonly id?: string; readonly name?: string; readonly version: string };
  /**
   * `MetadataOptions.HttpTokens` of that launch template version; `null` when the version sets none;
   * `undefined` when there is no launch template, or when it could not be read (see `launchTemplateError`).
   */
  readonly httpTokens?: string | null;
  /** Why the launch template version could not be read (the API's error code). */
  readonly launchTemplateError?: string;
  /** `computeResources.subnets`; `undefined` for an unmanaged environment. */
  readonly subnets?: readonly string[];
  /** `serviceRole` (the role Batch assumes); `undefined` when none is reported. */
  readonly serviceRole?: string;
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

/** An IAM Access Analyzer analyzer of the region (ListAnalyzers). */
export interface AnalyzerInfo {
  readonly name: string;
  readonly arn: string;
  /** `ACCOUNT`, `ORGANIZATION` (external access), `ACCOUNT_UNUSED_ACCESS`, ... */
  readonly type: string;
  /** `ACTIVE`, `CREATING`, `DISABLED`, `FAILED`. */
  readonly status: string;
}

/** A configuration recorder of the region with its status (DescribeConfigurationRecorders, -RecorderStatus). */
export interface ConfigRecorderInfo {
  readonly name: string;
  readonly roleArn?: string;
  /** `recordingGroup.allSupported`. */
  readonly allSupported?: boolean;
  /** `recording` of its status; undefined when no status was returned for it. */
  readonly recording?: boolean;
  /** `lastStatus` of its status: `Pending`, `Success`, `Failure`. */
  readonly lastStatus?: string;
}

/** A delivery channel of the region (DescribeDeliveryChannels). */
export interface ConfigDeliveryChannelInfo {
  readonly name: string;
  readonly s3BucketName?: string;
  readonly s3KeyPrefix?: string;
  readonly s3KmsKeyArn?: string;
  readonly snsTopicArn?: string;
}

/** AWS Config in one region: its recorders and delivery channels. */
export interface ConfigSetupInfo {
  readonly recorders: readonly ConfigRecorderInfo[];
  readonly deliveryChannels: readonly ConfigDeliveryChannelInfo[];
}

/** The redrive policy of a queue (`RedrivePolicy`): where its messages go after `maxReceiveCount` failed receives. */
export interface RedrivePolicyInfo {
  /** `deadLetterTargetArn`; `undefined` when the policy names none (or could not be parsed). */
  readonly deadLetterTargetArn?: string;
  readonly maxReceiveCount?: number;
}

/**
 * An SQS queue of the region (ListQueues, GetQueueAttributes). A field that is `undefined` could not
 * be read (its error is in the report); `null`: the queue has none.
 */
export interface QueueInfo {
  readonly name: string;
  readonly url: string;
  /** `QueueArn`, or built from the URL when the attributes could not be read. */
  readonly arn: string;
  /** The queue policy (`Policy`, JSON). */
  readonly policy?: string | null;
  /** `RedrivePolicy`: the queue's dead-letter queue. */
  readonly redrivePolicy?: RedrivePolicyInfo | null;
  /** `KmsMasterKeyId`. */
  readonly kmsMasterKeyId?: string | null;
  /** `SqsManagedSseEnabled`. */
  readonly sqsManagedSseEnabled?: boolean;
}

/** A CloudWatch alarm of the region (DescribeAlarms, metric and composite alarms) with its actions. */
export interface AlarmInfo {
  readonly name: string;
  readonly arn: string;
  /** `MetricAlarm` or `CompositeAlarm`. */
  readonly type: string;
  readonly alarmActions: readonly string[];
  readonly okActions: readonly string[];
  readonly insufficientDataActions: readonly string[];
}

/** One target of an EventBridge rule (ListTargetsByRule). */
export interface EventTargetInfo {
  readonly id: string;
  readonly arn: string;
  /** The role EventBridge delivers with (`RoleArn`); `undefined` when none. */
  readonly roleArn?: string;
  /** `DeadLetterConfig.Arn`; `undefined` when none. */
  readonly deadLetterArn?: string;
}

/** An EventBridge rule of one of the region's event buses (ListEventBuses, ListRules), with its targets. */
export interface EventRuleInfo {
  readonly name: string;
  readonly arn: string;
  readonly eventBusName: string;
  /** `ENABLED`, `DISABLED`, `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS`. */
  readonly state?: string;
  /** `EventPattern` (JSON); `undefined` for a scheduled rule. */
  readonly eventPattern?: string;
  /** Its targets; `undefined` when they could not be listed. */
  readonly targets?: readonly EventTargetInfo[];
}

/** One resource assignment (backup selection) of an AWS Backup plan (ListBackupPlans, ListBackupSelections, GetBackupSelection). */
export interface BackupSelectionInfo {
  readonly planId: string;
  readonly planName: string;
  readonly selectionId: string;
  readonly selectionName: string;
  /** `Resources`: ARNs, or ARN patterns with `*`; `undefined` when the selection could not be read (GetBackupSelection). */
  readonly resources?: readonly string[];
  /** `NotResources`: ARNs or ARN patterns excluded from the selection. */
  readonly notResources?: readonly string[];
  /** `ListOfTags` (`key=value`): a resource with any of these tags is selected. */
  readonly listOfTags?: readonly string[];
  /** `Conditions` (`StringEquals key=value`, ...): every one must hold for a resource to be selected. */
  readonly conditions?: readonly string[];
  /** Why the selection could not be read (the API's error code). */
  readonly error?: string;
}

/** A GuardDuty detector of the region (ListDetectors, GetDetector). */
export interface DetectorInfo {
  readonly id: string;
  readonly arn: string;
  /** `ENABLED` or `DISABLED`; `undefined` when GetDetector failed. */
  readonly status?: string;
}

/** An EventBridge Scheduler schedule (ListSchedules, GetSchedule). */
export interface ScheduleInfo {
  readonly name: string;
  readonly groupName: string;
  /** `arn:...:scheduler:<region>:<account>:schedule/<group>/<name>`. */
  readonly arn: string;
  /** `ENABLED`, `DISABLED`. */
  readonly state?: string;
  /**
   * Its target (GetSchedule): the target's ARN (a templated target's resource, or
   * `arn:aws:scheduler:::aws-sdk:<service>:<action>`), the execution role, the dead-letter queue
   * (`null`: none); `undefined` when GetSchedule failed.
   */
  readonly target?: { readonly arn: string; readonly roleArn: string; readonly deadLetterArn: string | null };
  /** `KmsKeyArn`; `null` when the schedule uses an AWS owned key, `undefined` when not read. */
  readonly kmsKeyArn?: string | null;
}

/** A Step Functions state machine (ListStateMachines, DescribeStateMachine). */
export interface StateMachineInfo {
  readonly name: string;
  readonly arn: string;
  /** `STANDARD` or `EXPRESS`. */
  readonly type?: string;
  /** The role the state machine runs with (`roleArn`); `undefined` when it could not be described. */
  readonly roleArn?: string;
  /** The Amazon States Language definition (JSON text); `undefined` when it could not be described. */
  readonly definition?: string;
  /** `loggingConfiguration.destinations` (log group ARNs); empty when it logs nowhere, `undefined` when it could not be described. */
  readonly logDestinations?: readonly string[];
  /** Why DescribeStateMachine failed (the API's error code). */
  readonly describeError?: string;
}

/** Everything the checks can read. A check only reads the datasets it declares. */
export interface Inventory {
  readonly accountId: string;
  readonly partition: string;
  /** The region evaluated, or `global` for global checks. */
  readonly region: string;
  /** Regions of the scan (global checks filter by these). */
  readonly regions: readonly string[];
  /** Evaluation time (ISO), so age-based checks are pure. */
  readonly now: string;
  readonly s3Buckets?: readonly BucketInfo[];
  readonly s3AccountPublicAccessBlock?: PublicAccessBlock | null;
  readonly securityGroups?: readonly SecurityGroupInfo[];
  readonly networkAcls?: readonly NetworkAclInfo[];
  readonly volumes?: readonly VolumeInfo[];
  readonly ebsEncryptionByDefault?: boolean;
  readonly snapshots?: SnapshotsInfo;
  readonly vpcs?: readonly VpcInfo[];
  readonly flowLogs?: readonly FlowLogInfo[];
  readonly vpcEndpoints?: readonly VpcEndpointInfo[];
  readonly subnets?: readonly SubnetInfo[];
  readonly routeTables?: readonly RouteTableInfo[];
  readonly authorizationDetails?: AuthorizationDetails;
  readonly credentialReport?: readonly CredentialReportRow[];
  readonly passwordPolicy?: PasswordPolicyInfo | null;
  readonly accountSummary?: AccountSummaryInfo;
  readonly trails?: readonly TrailInfo[];
  readonly kmsKeys?: readonly KmsKeyInfo[];
  readonly lambdaFunctions?: readonly LambdaFunctionInfo[];
  readonly dbInstances?: readonly DbInstanceInfo[];
  readonly snsTopics?: readonly TopicInfo[];
  readonly dynamoDbTables?: readonly TableInfo[];
  readonly batchJobDefinitions?: readonly JobDefinitionInfo[];
  readonly batchComputeEnvironments?: readonly ComputeEnvironmentInfo[];
  readonly ec2Instances?: readonly InstanceInfo[];
  readonly logGroups?: readonly LogGroupInfo[];
  readonly accessAnalyzers?: readonly AnalyzerInfo[];
  readonly configSetup?: ConfigSetupInfo;
  readonly sqsQueues?: readonly QueueInfo[];
  readonly cloudwatchAlarms?: readonly AlarmInfo[];
  readonly eventRules?: readonly EventRuleInfo[];
  /** The backup selections of every AWS Backup plan of the region. */
  readonly backupSelections?: readonly BackupSelectionInfo[];
  readonly guardDutyDetectors?: readonly DetectorInfo[];
  /** The EventBridge Scheduler schedules of the region. */
  readonly schedules?: readonly ScheduleInfo[];
  readonly stateMachines?: readonly StateMachineInfo[];
}

/** Maps a dataset to the Inventory field it fills. */
export const DATASET_FIELD: Record<DatasetKey, keyof Inventory> = {
  's3.buckets': 's3Buckets',
  's3.accountPublicAccessBlock': 's3AccountPublicAccessBlock',
  'ec2.securityGroups': 'securityGroups',
  'ec2.networkAcls': 'networkAcls',
  'ec2.volumes': 'volumes',
  'ec2.ebsEncryptionByDefault': 'ebsEncryptionByDefault',
  'ec2.snapshots': 'snapshots',
  'ec2.vpcs': 'vpcs',
  'ec2.flowLogs': 'flowLogs',
  'ec2.vpcEndpoints': 'vpcEndpoints',
  'ec2.subnets': 'subnets',
  'ec2.routeTables': 'routeTables',
  'iam.authorizationDetails': 'authorizationDetails',
  'iam.credentialReport': 'credentialReport',
  'iam.passwordPolicy': 'passwordPolicy',
  'iam.accountSummary': 'accountSummary',
  'cloudtrail.trails': 'trails',
  'kms.keys': 'kmsKeys',
  'lambda.functions': 'lambdaFunctions',
  'rds.instances': 'dbInstances',
  'sns.topics': 'snsTopics',
  'dynamodb.tables': 'dynamoDbTables',
  'batch.jobDefinitions': 'batchJobDefinitions',
  'batch.computeEnvironments': 'batchComputeEnvironments',
  'ec2.instances': 'ec2Instances',
  'logs.logGroups': 'logGroups',
  'accessanalyzer.analyzers': 'accessAnalyzers',
  'config.recorders': 'configSetup',
  'sqs.queues': 'sqsQueues',
  'cloudwatch.alarms': 'cloudwatchAlarms',
  'events.rules': 'eventRules',
  'backup.protectedResources': 'backupSelections',
  'guardduty.detectors': 'guardDutyDetectors',
  'scheduler.schedules': 'schedules',
  'sfn.stateMachines': 'stateMachines',
};

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

export interface CheckMetadata {
  /** Stable id, `<service>-<what>` in kebab case. Used in finding ids: never rename. */
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly category: Category;
  /** CloudFormation-style resource type the results are about. */
  readonly resourceType: string;
  /** Id of the control in the controls catalog (`src/controls`), e.g. `S3.1`. */
  readonly controlId?: string;
  /** AWS Security Hub Foundational Security Best Practices control ids, e.g. `S3.1` (from the catalog). */
  readonly fsbp: readonly string[];
  /** CIS AWS Foundations Benchmark v3.0 recommendation numbers (from the catalog). */
  readonly cis: readonly string[];
  readonly remediation: string;
  /** IAM actions the collectors need for this check; the construct builds its policy from these. */
  readonly requiredActions: readonly string[];
  /** Datasets read by `evaluate`. */
  readonly datasets: readonly DatasetKey[];
  /** `global`: evaluated once (IAM, S3); `regional`: once per scanned region. */
  readonly scope: 'global' | 'regional';
}

export interface Check extends CheckMetadata {
  /** Pure: same inventory, same results. Never throws on missing optional fields. */
  evaluate(inventory: Inventory): CheckResult[];
}

export function pass(resourceId: string, reason: string, region?: string): CheckResult {
  return region ? { resourceId, status: 'PASS', reason, region } : { resourceId, status: 'PASS', reason };
}
export function fail(resourceId: string, reason: string, region?: string): CheckResult {
  return region ? { resourceId, status: 'FAIL', reason, region } : { resourceId, status: 'FAIL', reason };
}
export function notApplicable(resourceId: string, reason: string, region?: string): CheckResult {
  return region
    ? { resourceId, status: 'NOT_APPLICABLE', reason, region }
    : { resourceId, status: 'NOT_APPLICABLE', reason };
}
export function errored(resourceId: string, reason: string, region?: string): CheckResult {
  return region ? { resourceId, status: 'ERROR', reason, region } : { resourceId, status: 'ERROR', reason };
}

export function arn(inv: Inventory, service: string, resource: string, region = inv.region, account = inv.accountId): string {
  return `arn:${inv.partition}:${service}:${region === 'global' ? '' : region}:${account}:${resource}`;
}

export function asArray<T>(v: T | readonly T[] | undefined): readonly T[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? (v as readonly T[]) : [v as T];
}
