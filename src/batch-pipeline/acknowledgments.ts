// What a BatchPipeline acknowledges to cdk-nag and why: each finding on the one resource it concerns, with its finding id.
import { Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { batchClusterArns, batchContainerInstanceArns } from './job-roles';
import { jobArns } from './orchestration';
import { acknowledgeFinding, nagResourceText } from '../core/acknowledge';
import { ManagedPolicyRole } from '../core/managed-policy-role';

/** The resources whose findings cannot be fixed by narrowing them further. */
export interface UnfixableFindings {
  /** The role the job's code runs with. */
  readonly jobRole: ManagedPolicyRole;
  /** The role of the state machine. */
  readonly stateMachineRole: ManagedPolicyRole;
  /** The role of EC2 instances, on EC2 compute. */
  readonly instanceRole?: ManagedPolicyRole;
  /** The execution role of the job. */
  readonly executionRole: ManagedPolicyRole;
  /** The bucket the job reads. */
  readonly inputBucket?: s3.IBucket;
  /** The bucket the job writes. */
  readonly outputBucket?: s3.IBucket;
  /** The backup plan, when backups are on. */
  readonly backupPlan?: backup.BackupPlan;
}

/** Acknowledge, on the one resource and finding each, what cannot be narrower. */
export function acknowledgeUnfixable(findings: UnfixableFindings): void {
  acknowledgeExecutionRole(findings.executionRole);
  acknowledgeStateMachineRole(findings.stateMachineRole);
  acknowledgeJobRole(findings.jobRole, findings.inputBucket, findings.outputBucket);
  if (findings.instanceRole) {
    acknowledgeInstanceRole(findings.instanceRole);
  }
  acknowledgeBackupRole(findings.backupPlan);
}

function policyOf(role: ManagedPolicyRole): IConstruct | undefined {
  return role.permissions?.node.defaultChild;
}

function acknowledgeExecutionRole(role: ManagedPolicyRole): void {
  const exec = policyOf(role);
  if (exec && JSON.stringify(Stack.of(exec).resolve((exec as iam.CfnManagedPolicy).policyDocument)).includes('ecr:GetAuthorizationToken')) {
    acknowledgeFinding(exec, 'AwsSolutions-IAM5[Resource::*]',
      'Only ecr:GetAuthorizationToken, which IAM cannot scope to a resource (it returns a registry login token); pulling layers and images is limited to the image\'s repository.');
  }
}

function acknowledgeStateMachineRole(role: ManagedPolicyRole): void {
  const sm = policyOf(role);
  if (!sm) {
    return;
  }
  acknowledgeFinding(sm, `AwsSolutions-IAM5[Resource::${nagResourceText(sm, jobArns(sm))}]`,
    'Step Functions stops the Batch job of a run that times out or is aborted (batch:TerminateJob); job ids exist only once a run submits its job, so the statement names the jobs of this account and Region, and allows nothing but terminating them.');
  acknowledgeFinding(sm, 'AwsSolutions-IAM5[Resource::*]',
    'Only the actions that IAM cannot scope to a resource: CloudWatch Logs log delivery (logs:CreateLogDelivery and related, which Step Functions needs to log to its log group) and X-Ray (xray:PutTraceSegments, PutTelemetryRecords, GetSamplingRules, GetSamplingTargets). Job submission, events and publishing are scoped to this pipeline\'s resources.');
  for (const action of ['logs:CreateLogDelivery', 'logs:UpdateLogDelivery', 'logs:DeleteLogDelivery', 'logs:PutResourcePolicy']) {
    acknowledgeFinding(sm, `CompliancePack-IamWriteOnWildcardResource[Action::${action}]`,
      `${action} is part of the log delivery Step Functions sets up for its execution log group; IAM supports no resource-level permission for it, so it can only be granted on "*".`);
  }
}

function acknowledgeJobRole(role: ManagedPolicyRole, inputBucket: s3.IBucket | undefined, outputBucket: s3.IBucket | undefined): void {
  const job = policyOf(role);
  if (!job) {
    return;
  }
  const buckets: Array<[s3.IBucket | undefined, string]> = [
    [inputBucket, 'The job reads (s3:GetObject) the objects of its input bucket, whose keys are not known at synth time; nothing outside that bucket.'],
    [outputBucket, 'The job writes (s3:PutObject, s3:AbortMultipartUpload) result objects under keys chosen at run time, in its output bucket only; it cannot read or delete them.'],
  ];
  const done = new Set<string>();
  for (const [bucket, reason] of buckets) {
    if (bucket) {
      const id = `AwsSolutions-IAM5[Resource::${nagResourceText(job, bucket.arnForObjects('*'))}]`;
      if (!done.has(id)) {
        done.add(id);
        acknowledgeFinding(job, id, inputBucket === outputBucket ? `${buckets[0][1]} ${buckets[1][1]}` : reason);
      }
    }
  }
}

function acknowledgeInstanceRole(role: ManagedPolicyRole): void {
  const instance = policyOf(role);
  if (!instance) {
    return;
  }
  acknowledgeFinding(instance, `AwsSolutions-IAM5[Resource::${nagResourceText(instance, batchClusterArns(instance))}]`,
    'The ECS agent registers and reports on the ECS cluster AWS Batch creates for the compute environment; its name (AWSBatch-<environment>-<uuid>) is chosen by Batch at deploy time, so the role is limited to clusters named AWSBatch-* in this account and Region.');
  acknowledgeFinding(instance, `AwsSolutions-IAM5[Resource::${nagResourceText(instance, batchContainerInstanceArns(instance))}]`,
    'The ECS agent polls for work and sends telemetry as its own container instance, whose id exists only after the instance registers in the AWSBatch-* cluster of the compute environment.');
  acknowledgeFinding(instance, 'AwsSolutions-IAM5[Resource::*]',
    'Only the actions that IAM cannot scope to a resource: ecs:DiscoverPollEndpoint, ec2:DescribeTags and ecr:GetAuthorizationToken, which the ECS agent calls when an instance starts.');
  acknowledgeFinding(instance, 'CompliancePack-IamWriteOnWildcardResource[Action::ecs:DiscoverPollEndpoint]',
    'ecs:DiscoverPollEndpoint only returns the endpoint the ECS agent polls; IAM supports no resource-level permission for it, so it can only be granted on "*". It changes nothing.');
}

function acknowledgeBackupRole(plan: backup.BackupPlan | undefined): void {
  const backupRole = plan?.node.tryFindChild('TrackingTable')?.node.tryFindChild('Role')?.node.defaultChild;
  if (backupRole) {
    acknowledgeFinding(backupRole, `AwsSolutions-IAM4[Policy::${nagResourceText(backupRole, 'arn:${AWS::Partition}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup')}]`,
      'AWS Backup\'s own service role policy, which AWS keeps in step with the backup APIs of each resource type (DynamoDB advanced backup included). The role can be assumed only by backup.amazonaws.com, and the backup selection limits what it backs up to the job-tracking table.');
  }
}
