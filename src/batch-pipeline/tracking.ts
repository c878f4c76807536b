// The optional job-tracking table of a BatchPipeline, the job role's access to it, and its AWS Backup plan.
import { RemovalPolicy } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { ManagedPolicyRole } from '../core/managed-policy-role';
import { ComplianceValidationError } from '../core/validation';
import { warnWeakened } from '../core/weakened';

/** What `jobTracking` and `backup` create; each is undefined when off. */
export interface JobTracking {
  /** The job-tracking table. */
  readonly trackingTable?: dynamodb.Table;
  /** The backup plan of the table. */
  readonly backupPlan?: backup.BackupPlan;
  /** The vault of that plan. */
  readonly backupVault?: backup.BackupVault;
}

/** The switches of job tracking, as the pipeline's props give them. */
export interface JobTrackingOptions {
  /** Create the table. */
  readonly jobTracking?: boolean;
  /** Back it up; defaults to on when the table exists. */
  readonly backup?: boolean;
}

/**
 * `TrackingTable` (partition key `runId`, sort key `arrayIndex`), readable and writable by `jobRole`,
 * and `BackupVault` and `BackupPlan` for it unless `backup` is false, all encrypted with `key`.
 */
export function buildJobTracking(scope: Construct, options: JobTrackingOptions, key: kms.IKey, jobRole: ManagedPolicyRole): JobTracking {
  const trackingTable = options.jobTracking ? trackingTableWithAccess(scope, key, jobRole) : undefined;
  if (options.backup === true && trackingTable === undefined) {
    throw new ComplianceValidationError(scope, 'backup', true, 'Backups cover the job-tracking table: turn on jobTracking too, or leave backup unset.');
  }
  if (options.backup === false && trackingTable !== undefined) {
    warnWeakened(scope, 'backup', 'the job-tracking table has point-in-time recovery (35 days) only, and no backups in a separate, encrypted vault');
  }
  if (trackingTable === undefined || options.backup === false) {
    return { trackingTable };
  }
  const backupVault = new backup.BackupVault(scope, 'BackupVault', {
    encryptionKey: key,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const backupPlan = new backup.BackupPlan(scope, 'BackupPlan', {
    backupVault,
    backupPlanRules: [backup.BackupPlanRule.daily(), backup.BackupPlanRule.monthly1Year()],
  });
  backupPlan.addSelection('TrackingTable', {
    resources: [backup.BackupResource.fromDynamoDbTable(trackingTable)],
  });
  return { trackingTable, backupPlan, backupVault };
}

function trackingTableWithAccess(scope: Construct, key: kms.IKey, jobRole: ManagedPolicyRole): dynamodb.Table {
  const table = new dynamodb.Table(scope, 'TrackingTable', {
    partitionKey: { name: 'runId', type: dynamodb.AttributeType.STRING },
    sortKey: { name: 'arrayIndex', type: dynamodb.AttributeType.NUMBER },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
    encryptionKey: key,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  jobRole.addToPrincipalPolicy(new iam.PolicyStatement({
    sid: 'TrackProgress',
    actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query'],
    resources: [table.tableArn],
  }));
  jobRole.addToPrincipalPolicy(new iam.PolicyStatement({
    sid: 'UseTrackingTableKey',
    actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
    resources: [key.keyArn],
  }));
  return table;
}
