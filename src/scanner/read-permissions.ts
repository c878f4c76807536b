import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { acknowledgeFinding, nagResourceText } from '../core/acknowledge';

/**
 * How the scanner's read actions are granted. Not part of the public API.
 *
 * The actions themselves come from the checks catalog (`requiredActions` of each enabled check);
 * this module only knows, per action, which resources IAM lets a policy name for it.
 */

/** Read actions IAM accepts only with `Resource: "*"` (no resource-level permissions). */
export const ACCOUNT_WIDE_ACTIONS: ReadonlySet<string> = new Set([
  'batch:DescribeComputeEnvironments',
  'batch:DescribeJobDefinitions',
  'cloudtrail:DescribeTrails',
  'dynamodb:ListTables',
  'ec2:DescribeFlowLogs',
  'ec2:DescribeInstances',
  'ec2:DescribeLaunchTemplateVersions',
  'ec2:DescribeNetworkAcls',
  'ec2:DescribeRegions',
  'ec2:DescribeRouteTables',
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeSnapshots',
  'ec2:DescribeSubnets',
  'ec2:DescribeVolumes',
  'ec2:DescribeVpcEndpoints',
  'ec2:DescribeVpcs',
  'ec2:GetEbsEncryptionByDefault',
  'iam:GenerateCredentialReport',
  'iam:GetAccountAuthorizationDetails',
  'iam:GetAccountPasswordPolicy',
  'iam:GetAccountSummary',
  'iam:GetCredentialReport',
  'kms:ListKeys',
  'lambda:ListFunctions',
  'logs:DescribeLogGroups',
  's3:GetAccountPublicAccessBlock',
  's3:ListAllMyBuckets',
  'access-analyzer:ListAnalyzers',
  'config:DescribeDeliveryChannels',
  'sns:ListTopics',
  'sqs:ListQueues',
  'events:ListEventBuses',
  'events:ListRules',
  'backup:ListBackupPlans',
  'guardduty:ListDetectors',
  'scheduler:ListSchedules',
  'states:ListStateMachines',
]);

/** Resource types whose read actions accept a resource ARN: every resource of the type in the account is audited. */
interface ResourceScope {
  readonly sid: string;
  readonly arn: (stack: Stack) => string;
}

const S3_BUCKETS: ResourceScope = { sid: 'ReadEveryBucket', arn: (s) => `arn:${s.partition}:s3:::*` };
const KMS_KEYS: ResourceScope = { sid: 'ReadEveryKey', arn: (s) => `arn:${s.partition}:kms:*:${s.account}:key/*` };
const LAMBDA_FUNCTIONS: ResourceScope = { sid: 'ReadEveryFunction', arn: (s) => `arn:${s.partition}:lambda:*:${s.account}:function:*` };
const CLOUDTRAIL_TRAILS: ResourceScope = { sid: 'ReadEveryTrail', arn: (s) => `arn:${s.partition}:cloudtrail:*:${s.account}:trail/*` };
const DYNAMODB_TABLES: ResourceScope = { sid: 'ReadEveryTable', arn: (s) => `arn:${s.partition}:dynamodb:*:${s.account}:table/*` };
const SNS_TOPICS: ResourceScope = { sid: 'ReadEveryTopic', arn: (s) => `arn:${s.partition}:sns:*:${s.account}:*` };
const CONFIG_RECORDERS: ResourceScope = { sid: 'ReadEveryConfigRecorder', arn: (s) => `arn:${s.partition}:config:*:${s.account}:configuration-recorder/*` };
const SQS_QUEUES: ResourceScope = { sid: 'ReadEveryQueue', arn: (s) => `arn:${s.partition}:sqs:*:${s.account}:*` };
const CLOUDWATCH_ALARMS: ResourceScope = { sid: 'ReadEveryAlarm', arn: (s) => `arn:${s.partition}:cloudwatch:*:${s.account}:alarm:*` };
const EVENT_RULES: ResourceScope = { sid: 'ReadEveryEventRule', arn: (s) => `arn:${s.partition}:events:*:${s.account}:rule/*` };
const BACKUP_PLANS: ResourceScope = { sid: 'ReadEveryBackupPlan', arn: (s) => `arn:${s.partition}:backup:*:${s.account}:backup-plan:*` };
const GUARDDUTY_DETECTORS: ResourceScope = { sid: 'ReadEveryDetector', arn: (s) => `arn:${s.partition}:guardduty:*:${s.account}:detector/*` };
const SCHEDULES: ResourceScope = { sid: 'ReadEverySchedule', arn: (s) => `arn:${s.partition}:scheduler:*:${s.account}:schedule/*` };
const STATE_MACHINES: ResourceScope = { sid: 'ReadEveryStateMachine', arn: (s) => `arn:${s.partition}:states:*:${s.account}:stateMachine:*` };
const RDS_INSTANCES: ResourceScope = { sid: 'ReadEveryDbInstance', arn: (s) => `arn:${s.partition}:rds:*:${s.account}:db:*` };

/** Read actions that accept a resource ARN, and the resource type they read. */
export const RESOURCE_SCOPED_ACTIONS: ReadonlyMap<string, ResourceScope> = new Map([
  ['s3:GetBucketAcl', S3_BUCKETS],
  ['s3:GetBucketLocation', S3_BUCKETS],
  ['s3:GetBucketLogging', S3_BUCKETS],
  ['s3:GetLifecycleConfiguration', S3_BUCKETS],
  ['s3:GetReplicationConfiguration', S3_BUCKETS],
  ['s3:GetBucketOwnershipControls', S3_BUCKETS],
  ['s3:GetBucketPolicy', S3_BUCKETS],
  ['s3:GetBucketPublicAccessBlock', S3_BUCKETS],
  ['s3:GetBucketVersioning', S3_BUCKETS],
  ['s3:GetEncryptionConfiguration', S3_BUCKETS],
  ['kms:DescribeKey', KMS_KEYS],
  ['kms:GetKeyRotationStatus', KMS_KEYS],
  ['kms:GetKeyPolicy', KMS_KEYS],
  ['lambda:GetPolicy', LAMBDA_FUNCTIONS],
  ['lambda:GetFunctionConcurrency', LAMBDA_FUNCTIONS],
  ['lambda:ListFunctionEventInvokeConfigs', LAMBDA_FUNCTIONS],
  ['cloudtrail:GetTrailStatus', CLOUDTRAIL_TRAILS],
  ['rds:DescribeDBInstances', RDS_INSTANCES],
  ['sns:GetTopicAttributes', SNS_TOPICS],
  ['sqs:GetQueueAttributes', SQS_QUEUES],
  ['cloudwatch:DescribeAlarms', CLOUDWATCH_ALARMS],
  ['events:ListTargetsByRule', EVENT_RULES],
  ['guardduty:GetDetector', GUARDDUTY_DETECTORS],
  ['dynamodb:DescribeContinuousBackups', DYNAMODB_TABLES],
  ['dynamodb:DescribeTable', DYNAMODB_TABLES],
  ['config:DescribeConfigurationRecorders', CONFIG_RECORDERS],
  ['config:DescribeConfigurationRecorderStatus', CONFIG_RECORDERS],
  ['backup:ListBackupSelections', BACKUP_PLANS],
  ['backup:GetBackupSelection', BACKUP_PLANS],
  ['scheduler:GetSchedule', SCHEDULES],
  ['states:DescribeStateMachine', STATE_MACHINES],
]);

/** The statements that allow `actions` (read-only), each on the narrowest resource IAM accepts for it. */
export function readStatements(scope: IConstruct, actions: readonly string[]): iam.PolicyStatement[] {
  const stack = Stack.of(scope);
  const unknown = actions.filter((a) => !ACCOUNT_WIDE_ACTIONS.has(a) && !RESOURCE_SCOPED_ACTIONS.has(a));
  if (unknown.length > 0) {
    // A check declared an action this module cannot place: refuse rather than guess a resource.
    throw new Error(`${scope.node.path}: the checks catalog requires IAM actions the scanner cannot scope: ${unknown.join(', ')}. Add them to src/scanner/read-permissions.ts.`);
  }
  const statements: iam.PolicyStatement[] = [];
  const accountWide = actions.filter((a) => ACCOUNT_WIDE_ACTIONS.has(a)).sort();
  if (accountWide.length > 0) {
    statements.push(new iam.PolicyStatement({ sid: 'ReadAccountWide', actions: accountWide, resources: ['*'] }));
  }
  const byScope = new Map<ResourceScope, string[]>();
  for (const action of actions) {
    const scoped = RESOURCE_SCOPED_ACTIONS.get(action);
    if (scoped) {
      byScope.set(scoped, [...(byScope.get(scoped) ?? []), action]);
    }
  }
  for (const [scoped, scopedActions] of byScope) {
    statements.push(new iam.PolicyStatement({ sid: scoped.sid, actions: scopedActions.sort(), resources: [scoped.arn(stack)] }));
  }
  return statements;
}

/**
 * Acknowledge, on the managed policy that holds `readStatements(scope, actions)`, the wildcard
 * findings those statements cannot avoid: actions IAM accepts only on "*", the resource types
 * audited in full, and iam:GenerateCredentialReport.
 */
export function acknowledgeReadPolicy(policy: iam.ManagedPolicy, actions: readonly string[]): void {
  const cfn = policy.node.defaultChild!;
  acknowledgeFinding(cfn, 'AwsSolutions-IAM5[Resource::*]',
    'Only actions that IAM accepts with Resource "*" alone (no resource-level permissions) are granted on "*": the List, Describe and account-level Get actions the enabled checks declare, all read-only.');
  if (actions.includes('iam:GenerateCredentialReport')) {
    acknowledgeFinding(cfn, 'CompliancePack-IamWriteOnWildcardResource[Action::iam:GenerateCredentialReport]',
      'iam:GenerateCredentialReport only asks IAM to build the account\'s credential report, which the IAM checks then read (iam:GetCredentialReport); it changes no resource, and IAM supports no resource-level permission for it.');
  }
  for (const statement of readStatements(policy, actions)) {
    const resource = statement.resources[0];
    if (resource !== '*') {
      acknowledgeFinding(cfn, `AwsSolutions-IAM5[Resource::${nagResourceText(policy, resource)}]`,
        `The scanner audits every resource of this type in the account (statement ${statement.sid}: ${statement.actions.join(', ')}), all read-only; resources are discovered at scan time, so they cannot be listed in the policy.`);
    }
  }
}
