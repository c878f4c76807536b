/**
 * The scanner's data model: the inventory the collectors build and the checks read, and the
 * shape of a check. Checks never call AWS; they are pure functions over this inventory, so they
 * are unit-tested without any SDK and every inventory is collected once and shared. The records
 * of each service are declared in inventory/ and re-exported here.
 */

import {
  AccountSummaryInfo,
  AlarmInfo,
  AnalyzerInfo,
  AuthorizationDetails,
  BackupSelectionInfo,
  BucketInfo,
  ComputeEnvironmentInfo,
  ConfigSetupInfo,
  CredentialReportRow,
  DbInstanceInfo,
  DetectorInfo,
  EventRuleInfo,
  FlowLogInfo,
  InstanceInfo,
  JobDefinitionInfo,
  KmsKeyInfo,
  LambdaFunctionInfo,
  LogGroupInfo,
  NetworkAclInfo,
  PasswordPolicyInfo,
  PublicAccessBlock,
  QueueInfo,
  RouteTableInfo,
  ScheduleInfo,
  SecurityGroupInfo,
  SnapshotsInfo,
  StateMachineInfo,
  SubnetInfo,
  TableInfo,
  TopicInfo,
  TrailInfo,
  VolumeInfo,
  VpcEndpointInfo,
  VpcInfo,
} from './inventory';

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
// Inventory: the records of each service are in inventory/
// ---------------------------------------------------------------------------------------------

export * from './inventory';

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

/** The metadata of a check that its report and each of its findings repeat (declared once, here). */
export interface CheckMetadataFields {
  /** Stable id, `<service>-<what>` in kebab case. Used in finding ids: never rename. */
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly category: Category;
  /** CloudFormation-style resource type the results are about. */
  readonly resourceType: string;
  /** AWS Security Hub Foundational Security Best Practices control ids, e.g. `S3.1` (from the catalog). */
  readonly fsbp: readonly string[];
  /** CIS AWS Foundations Benchmark v3.0 recommendation numbers (from the catalog). */
  readonly cis: readonly string[];
}

export interface CheckMetadata extends CheckMetadataFields {
  /** Id of the control in the controls catalog (`src/controls`), e.g. `S3.1`. */
  readonly controlId?: string;
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
