import { Check } from '../model';
import { dynamodbTableInBackupPlan } from './backup/dynamodb-table-in-backup-plan';
import { batchComputeEnvironmentImdsv2 } from './batch/compute-environment-imdsv2';
import { batchComputeEnvironmentPrivateSubnets } from './batch/compute-environment-private-subnets';
import { batchExecutionRoleAuthorized } from './batch/execution-role-authorized';
import { batchFargateRoleTrust } from './batch/fargate-role-trust';
import { batchJobNoPublicIp } from './batch/job-no-public-ip';
import { batchJobRetryStrategy } from './batch/job-retry-strategy';
import { batchJobTimeout } from './batch/job-timeout';
import { batchNoPrivilegedContainers } from './batch/no-privileged-containers';
import { cloudtrailDeliveryAuthorized } from './cloudtrail/delivery-authorized';
import { cloudtrailMultiRegionLogging } from './cloudtrail/multi-region-logging';
import { cloudtrailKmsEncryption } from './cloudtrail/trail-kms-encryption';
import { cloudtrailLogValidation } from './cloudtrail/trail-log-validation';
import { cloudwatchAlarmActionAuthorized } from './cloudwatch/alarm-action-authorized';
import { configDeliveryAuthorized } from './config/delivery-authorized';
import { configRecorderRecording } from './config/recorder-recording';
import { dynamodbPitrEnabled } from './dynamodb/pitr-enabled';
import { dynamodbTableKmsCmk } from './dynamodb/table-kms-cmk';
import { defaultSecurityGroupClosed } from './ec2/default-security-group-closed';
import { ebsAttachedVolumeEncrypted } from './ec2/ebs-attached-volume-encrypted';
import { ebsEncryptionByDefault } from './ec2/ebs-encryption-by-default';
import { ebsSnapshotNotPublic } from './ec2/ebs-snapshot-not-public';
import { ec2FlowLogDeliveryAuthorized } from './ec2/flow-log-delivery-authorized';
import { ec2InstanceImdsv2 } from './ec2/instance-imdsv2';
import { naclNoPublicAdminPorts } from './ec2/nacl-no-public-admin-ports';
import { naclUnused } from './ec2/nacl-unused';
import { sgNoIpv4AdminPorts } from './ec2/sg-no-ipv4-admin-ports';
import { sgNoIpv6AdminPorts } from './ec2/sg-no-ipv6-admin-ports';
import { sgNoOpenEgress } from './ec2/sg-no-open-egress';
import { sgNoPublicAllTraffic } from './ec2/sg-no-public-all-traffic';
import { sgNoPublicHighRiskPorts } from './ec2/sg-no-public-high-risk-ports';
import { sgNoPublicRdp } from './ec2/sg-no-public-rdp';
import { sgNoPublicSsh } from './ec2/sg-no-public-ssh';
import { vpcFlowLogsEnabled } from './ec2/vpc-flow-logs-enabled';
import { vpcGatewayEndpointRouteTables } from './ec2/vpc-gateway-endpoint-route-tables';
import { eventsTargetAuthorized } from './events/target-authorized';
import { guardDutyEnabledFindingsRouted } from './guardduty/enabled-findings-routed';
import { iamAccessAnalyzerEnabled } from './iam/access-analyzer-enabled';
import { iamAccessKeyRotation } from './iam/access-key-rotation';
import { iamConsoleUserMfa } from './iam/console-user-mfa';
import { iamLambdaRoleNoInlinePolicy } from './iam/lambda-role-no-inline-policy';
import { iamNoAdminStarPolicy } from './iam/no-admin-star-policy';
import { iamNoWriteOnWildcardResource } from './iam/no-write-on-wildcard-resource';
import { iamPasswordPolicyLength } from './iam/password-policy-length';
import { iamPasswordPolicyReuse } from './iam/password-policy-reuse';
import { iamPasswordPolicyStrong } from './iam/password-policy-strong';
import { iamRoleTrustAuthorized } from './iam/role-trust-authorized';
import { iamRootMfa } from './iam/root-mfa';
import { iamRootNoAccessKeys } from './iam/root-no-access-keys';
import { iamUnusedCredentials } from './iam/unused-credentials';
import { iamUserNoDirectPolicies } from './iam/user-no-direct-policies';
import { kmsKeyNotPendingDeletion } from './kms/key-not-pending-deletion';
import { kmsKeyPolicyNoKmsStar } from './kms/key-policy-no-kms-star';
import { kmsKeyRotation } from './kms/key-rotation';
import { kmsKeyUseAuthorized } from './kms/key-use-authorized';
import { lambdaActiveTracing } from './lambda/active-tracing';
import { lambdaDestinationAuthorized } from './lambda/destination-authorized';
import { lambdaExplicitLogGroup } from './lambda/explicit-log-group';
import { lambdaFailureDestination } from './lambda/failure-destination';
import { lambdaInsideVpc } from './lambda/inside-vpc';
import { lambdaNoPublicAccess } from './lambda/no-public-access';
import { lambdaReservedConcurrency } from './lambda/reserved-concurrency';
import { lambdaSupportedRuntime } from './lambda/supported-runtime';
import { logsKeyAllowsLogs } from './logs/key-allows-logs';
import { logsLogGroupKmsEncrypted } from './logs/log-group-kms-encrypted';
import { logsLogGroupRetention } from './logs/log-group-retention';
import { rdsInstanceNotPublic } from './rds/instance-not-public';
import { rdsStorageEncrypted } from './rds/storage-encrypted';
import { s3AccessLogDeliveryAuthorized } from './s3/access-log-delivery-authorized';
import { s3AccountPublicAccessBlock } from './s3/account-public-access-block';
import { s3BucketAccessLogging } from './s3/bucket-access-logging';
import { s3BucketAclsDisabled } from './s3/bucket-acls-disabled';
import { s3BucketDenyWrongEncryption } from './s3/bucket-deny-wrong-encryption';
import { s3BucketKmsEncryption } from './s3/bucket-kms-encryption';
import { s3BucketLifecycleRules } from './s3/bucket-lifecycle-rules';
import { s3BucketNoPublicRead } from './s3/bucket-no-public-read';
import { s3BucketNoPublicWrite } from './s3/bucket-no-public-write';
import { s3BucketPublicAccessBlock } from './s3/bucket-public-access-block';
import { s3BucketReplication } from './s3/bucket-replication';
import { s3BucketTlsOnly } from './s3/bucket-tls-only';
import { s3BucketVersioning } from './s3/bucket-versioning';
import { schedulerTargetAuthorized } from './scheduler/target-authorized';
import { snsTopicKmsEncryption } from './sns/topic-kms-encryption';
import { snsTopicPolicy } from './sns/topic-policy';
import { sqsDeadLetterQueue } from './sqs/dead-letter-queue';
import { stepfunctionsTasksAuthorized } from './stepfunctions/tasks-authorized';

/** Every check the engine can run. Ids are stable: they are part of finding ids. */
export const ALL_CHECKS: readonly Check[] = [
  batchComputeEnvironmentImdsv2,
  batchComputeEnvironmentPrivateSubnets,
  batchExecutionRoleAuthorized,
  batchFargateRoleTrust,
  batchJobNoPublicIp,
  batchJobRetryStrategy,
  batchJobTimeout,
  batchNoPrivilegedContainers,
  cloudtrailMultiRegionLogging,
  cloudwatchAlarmActionAuthorized,
  cloudtrailKmsEncryption,
  cloudtrailLogValidation,
  cloudtrailDeliveryAuthorized,
  configRecorderRecording,
  configDeliveryAuthorized,
  dynamodbPitrEnabled,
  dynamodbTableKmsCmk,
  dynamodbTableInBackupPlan,
  defaultSecurityGroupClosed,
  ebsAttachedVolumeEncrypted,
  ebsEncryptionByDefault,
  ebsSnapshotNotPublic,
  ec2InstanceImdsv2,
  naclNoPublicAdminPorts,
  naclUnused,
  sgNoIpv4AdminPorts,
  sgNoIpv6AdminPorts,
  sgNoPublicAllTraffic,
  sgNoOpenEgress,
  sgNoPublicHighRiskPorts,
  sgNoPublicRdp,
  sgNoPublicSsh,
  vpcFlowLogsEnabled,
  vpcGatewayEndpointRouteTables,
  eventsTargetAuthorized,
  guardDutyEnabledFindingsRouted,
  ec2FlowLogDeliveryAuthorized,
  iamAccessAnalyzerEnabled,
  iamAccessKeyRotation,
  iamConsoleUserMfa,
  iamNoAdminStarPolicy,
  iamLambdaRoleNoInlinePolicy,
  iamNoWriteOnWildcardResource,
  iamPasswordPolicyLength,
  iamPasswordPolicyReuse,
  iamPasswordPolicyStrong,
  iamRoleTrustAuthorized,
  iamRootMfa,
  iamRootNoAccessKeys,
  iamUnusedCredentials,
  iamUserNoDirectPolicies,
  kmsKeyNotPendingDeletion,
  kmsKeyPolicyNoKmsStar,
  kmsKeyRotation,
  kmsKeyUseAuthorized,
  lambdaNoPublicAccess,
  lambdaSupportedRuntime,
  lambdaActiveTracing,
  lambdaInsideVpc,
  lambdaReservedConcurrency,
  lambdaDestinationAuthorized,
  lambdaExplicitLogGroup,
  lambdaFailureDestination,
  logsLogGroupKmsEncrypted,
  logsLogGroupRetention,
  logsKeyAllowsLogs,
  rdsInstanceNotPublic,
  rdsStorageEncrypted,
  s3AccountPublicAccessBlock,
  s3BucketAccessLogging,
  s3AccessLogDeliveryAuthorized,
  s3BucketAclsDisabled,
  s3BucketDenyWrongEncryption,
  s3BucketKmsEncryption,
  s3BucketLifecycleRules,
  s3BucketNoPublicRead,
  s3BucketNoPublicWrite,
  s3BucketPublicAccessBlock,
  s3BucketReplication,
  s3BucketTlsOnly,
  s3BucketVersioning,
  schedulerTargetAuthorized,
  snsTopicKmsEncryption,
  snsTopicPolicy,
  sqsDeadLetterQueue,
  stepfunctionsTasksAuthorized,
];

const BY_ID = new Map(ALL_CHECKS.map((c) => [c.id, c]));

export function checkById(id: string): Check | undefined {
  return BY_ID.get(id);
}

/**
 * Actions the engine itself needs whatever the checks: region discovery when no regions are
 * given, and the bucket-region fallback when ListBuckets does not return BucketRegion.
 * (sts:GetCallerIdentity needs no permission.)
 */
export const ENGINE_ACTIONS: readonly string[] = ['ec2:DescribeRegions', 's3:GetBucketLocation'];

/**
 * The read-only IAM actions needed to scan with `checks` (sorted, unique): the scanner role's
 * least privilege for scanning. Writing the outputs (s3:PutObject, dynamodb:BatchWriteItem,
 * sns:Publish, kms:GenerateDataKey) is granted on the specific resources by the construct.
 */
export function requiredActions(checks: readonly Check[] = ALL_CHECKS): string[] {
  return [...new Set([...ENGINE_ACTIONS, ...checks.flatMap((c) => c.requiredActions)])].sort();
}
