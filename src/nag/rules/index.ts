import { RuleDefinition } from '../private/rule';
import BatchEc2Imdsv2 from './batch/BatchEc2Imdsv2';
import BatchExecutionRoleAuthorized from './batch/BatchExecutionRoleAuthorized';
import BatchFargateRoleTrust from './batch/BatchFargateRoleTrust';
import BatchJobRetryStrategy from './batch/BatchJobRetryStrategy';
import BatchJobTimeout from './batch/BatchJobTimeout';
import BatchPrivilegedContainer from './batch/BatchPrivilegedContainer';
import BatchPublicNetwork from './batch/BatchPublicNetwork';
import CloudTrailDeliveryAuthorized from './cloudtrail/CloudTrailDeliveryAuthorized';
import AlarmActionAuthorized from './cloudwatch/AlarmActionAuthorized';
import ConfigDeliveryAuthorized from './config/ConfigDeliveryAuthorized';
import ConfigRuleWithoutRecorder from './config/ConfigRuleWithoutRecorder';
import DynamoDbCustomerManagedKey from './dynamodb/DynamoDbCustomerManagedKey';
import DynamoDbPointInTimeRecovery from './dynamodb/DynamoDbPointInTimeRecovery';
import FlowLogDeliveryAuthorized from './ec2/FlowLogDeliveryAuthorized';
import SecurityGroupOpenEgress from './ec2/SecurityGroupOpenEgress';
import VpcFlowLogs from './ec2/VpcFlowLogs';
import VpcGatewayEndpointRouteTables from './ec2/VpcGatewayEndpointRouteTables';
import EventsRuleTargetAuthorized from './events/EventsRuleTargetAuthorized';
import GuardDutyFindingsRoute from './guardduty/GuardDutyFindingsRoute';
import IamWriteOnWildcardResource from './iam/IamWriteOnWildcardResource';
import LambdaRoleInlinePolicy from './iam/LambdaRoleInlinePolicy';
import RoleTrustAuthorized from './iam/RoleTrustAuthorized';
import KmsKeyPolicyNoKmsStar from './kms/KmsKeyPolicyNoKmsStar';
import KmsKeyUseAuthorized from './kms/KmsKeyUseAuthorized';
import LambdaActiveTracing from './lambda/LambdaActiveTracing';
import LambdaDeprecatedRuntime from './lambda/LambdaDeprecatedRuntime';
import LambdaDestinationAuthorized from './lambda/LambdaDestinationAuthorized';
import LambdaExplicitLogGroup from './lambda/LambdaExplicitLogGroup';
import LambdaFailureDestination from './lambda/LambdaFailureDestination';
import LambdaReservedConcurrency from './lambda/LambdaReservedConcurrency';
import LogGroupKeyAllowsLogs from './logs/LogGroupKeyAllowsLogs';
import LogGroupKmsEncrypted from './logs/LogGroupKmsEncrypted';
import LogGroupRetention from './logs/LogGroupRetention';
import S3AccessLogDeliveryAuthorized from './s3/S3AccessLogDeliveryAuthorized';
import S3AccessLogging from './s3/S3AccessLogging';
import S3DenyWrongEncryptionPolicy from './s3/S3DenyWrongEncryptionPolicy';
import S3LifecycleRules from './s3/S3LifecycleRules';
import S3PublicAccessBlock from './s3/S3PublicAccessBlock';
import S3TlsOnlyPolicy from './s3/S3TlsOnlyPolicy';
import SchedulerTargetAuthorized from './scheduler/SchedulerTargetAuthorized';
import SnsTopicKms from './sns/SnsTopicKms';
import SnsTopicPolicy from './sns/SnsTopicPolicy';
import StateMachineTasksAuthorized from './stepfunctions/StateMachineTasksAuthorized';

/** Every rule of the CompliancePack, in the order they run and are listed. */
export const ALL_RULES: RuleDefinition[] = [
  BatchEc2Imdsv2,
  BatchExecutionRoleAuthorized,
  BatchFargateRoleTrust,
  BatchJobRetryStrategy,
  BatchJobTimeout,
  BatchPrivilegedContainer,
  BatchPublicNetwork,
  CloudTrailDeliveryAuthorized,
  AlarmActionAuthorized,
  ConfigDeliveryAuthorized,
  ConfigRuleWithoutRecorder,
  DynamoDbCustomerManagedKey,
  DynamoDbPointInTimeRecovery,
  FlowLogDeliveryAuthorized,
  SecurityGroupOpenEgress,
  VpcFlowLogs,
  VpcGatewayEndpointRouteTables,
  EventsRuleTargetAuthorized,
  GuardDutyFindingsRoute,
  IamWriteOnWildcardResource,
  LambdaRoleInlinePolicy,
  RoleTrustAuthorized,
  KmsKeyPolicyNoKmsStar,
  KmsKeyUseAuthorized,
  LambdaActiveTracing,
  LambdaDeprecatedRuntime,
  LambdaDestinationAuthorized,
  LambdaExplicitLogGroup,
  LambdaFailureDestination,
  LambdaReservedConcurrency,
  LogGroupKeyAllowsLogs,
  LogGroupKmsEncrypted,
  LogGroupRetention,
  S3AccessLogDeliveryAuthorized,
  S3AccessLogging,
  S3DenyWrongEncryptionPolicy,
  S3LifecycleRules,
  S3PublicAccessBlock,
  S3TlsOnlyPolicy,
  SchedulerTargetAuthorized,
  SnsTopicKms,
  SnsTopicPolicy,
  StateMachineTasksAuthorized,
];
