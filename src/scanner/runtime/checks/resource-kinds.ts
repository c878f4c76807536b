/** The resource kinds several checks judge one at a time: their shared metadata, listing and naming. */
import {
  arn, BucketInfo, ComputeEnvironmentInfo, LambdaFunctionInfo, JobDefinitionInfo, KmsKeyInfo, LogGroupInfo, NetworkAclInfo,
  notApplicable, QueueInfo, SecurityGroupInfo, TableInfo, TopicInfo, TrailInfo, VpcInfo,
} from '../model';
import { ResourceKind } from './define';

/** CloudTrail trails (DescribeTrails); a multi-Region trail appears in every Region and is judged once, in its home Region. */
export const TRAILS: ResourceKind<TrailInfo> = {
  meta: { category: 'cloudtrail', resourceType: 'AWS::CloudTrail::Trail', requiredActions: ['cloudtrail:DescribeTrails'], datasets: ['cloudtrail.trails'], scope: 'regional' },
  list: (inv) => inv.trails,
  id: (t) => t.arn,
  notJudgedHere: (t, inv) => (t.homeRegion !== inv.region ? notApplicable(t.arn, `evaluated in its home region ${t.homeRegion}`) : undefined),
};

/** The Region's security groups (DescribeSecurityGroups). */
export const SECURITY_GROUPS: ResourceKind<SecurityGroupInfo> = {
  meta: { category: 'ec2', resourceType: 'AWS::EC2::SecurityGroup', requiredActions: ['ec2:DescribeSecurityGroups'], datasets: ['ec2.securityGroups'], scope: 'regional' },
  list: (inv) => inv.securityGroups,
  id: (sg, inv) => arn(inv, 'ec2', `security-group/${sg.groupId}`),
};

/** The Region's VPCs (DescribeVpcs). */
export const VPCS: ResourceKind<VpcInfo> = {
  meta: { category: 'vpc', resourceType: 'AWS::EC2::VPC', requiredActions: ['ec2:DescribeVpcs'], datasets: ['ec2.vpcs'], scope: 'regional' },
  list: (inv) => inv.vpcs,
  id: (v, inv) => arn(inv, 'ec2', `vpc/${v.vpcId}`),
};

/** The Region's network ACLs (DescribeNetworkAcls). */
export const NETWORK_ACLS: ResourceKind<NetworkAclInfo> = {
  meta: { category: 'vpc', resourceType: 'AWS::EC2::NetworkAcl', requiredActions: ['ec2:DescribeNetworkAcls'], datasets: ['ec2.networkAcls'], scope: 'regional' },
  list: (inv) => inv.networkAcls,
  id: (acl, inv) => arn(inv, 'ec2', `network-acl/${acl.networkAclId}`),
};

/** The Region's DynamoDB tables (ListTables); each check names the further calls it needs. */
export const DYNAMODB_TABLES: ResourceKind<TableInfo> = {
  meta: { category: 'dynamodb', resourceType: 'AWS::DynamoDB::Table', requiredActions: ['dynamodb:ListTables'], datasets: ['dynamodb.tables'], scope: 'regional' },
  list: (inv) => inv.dynamoDbTables,
  id: (t) => t.arn,
};

/** The account's S3 buckets (ListAllMyBuckets), judged once for the account, each result in the bucket's Region. */
export const BUCKETS: ResourceKind<BucketInfo> = {
  meta: { category: 's3', resourceType: 'AWS::S3::Bucket', requiredActions: ['s3:ListAllMyBuckets'], datasets: ['s3.buckets'], scope: 'global' },
  list: (inv) => inv.s3Buckets,
  id: (b) => b.arn,
  region: (b) => b.region,
};

/** The Region's KMS keys (ListKeys, DescribeKey). */
export const KMS_KEYS: ResourceKind<KmsKeyInfo> = {
  meta: { category: 'kms', resourceType: 'AWS::KMS::Key', requiredActions: ['kms:ListKeys', 'kms:DescribeKey'], datasets: ['kms.keys'], scope: 'regional' },
  list: (inv) => inv.kmsKeys,
  id: (k) => k.arn,
};

/** The Region's Lambda functions (ListFunctions). */
export const LAMBDA_FUNCTIONS: ResourceKind<LambdaFunctionInfo> = {
  meta: { category: 'lambda', resourceType: 'AWS::Lambda::Function', requiredActions: ['lambda:ListFunctions'], datasets: ['lambda.functions'], scope: 'regional' },
  list: (inv) => inv.lambdaFunctions,
  id: (f) => f.arn,
};

/** The Region's CloudWatch Logs log groups (DescribeLogGroups). */
export const LOG_GROUPS: ResourceKind<LogGroupInfo> = {
  meta: { category: 'logs', resourceType: 'AWS::Logs::LogGroup', requiredActions: ['logs:DescribeLogGroups'], datasets: ['logs.logGroups'], scope: 'regional' },
  list: (inv) => inv.logGroups,
  id: (g) => g.arn,
};

/** The Region's SNS topics (ListTopics, GetTopicAttributes). */
export const SNS_TOPICS: ResourceKind<TopicInfo> = {
  meta: { category: 'sns', resourceType: 'AWS::SNS::Topic', requiredActions: ['sns:ListTopics', 'sns:GetTopicAttributes'], datasets: ['sns.topics'], scope: 'regional' },
  list: (inv) => inv.snsTopics,
  id: (t) => t.arn,
};

/** The Region's SQS queues (ListQueues, GetQueueAttributes). */
export const SQS_QUEUES: ResourceKind<QueueInfo> = {
  meta: { category: 'sqs', resourceType: 'AWS::SQS::Queue', requiredActions: ['sqs:ListQueues', 'sqs:GetQueueAttributes'], datasets: ['sqs.queues'], scope: 'regional' },
  list: (inv) => inv.sqsQueues,
  id: (q) => q.arn,
};

/** The Region's Batch job definitions, ACTIVE revisions (DescribeJobDefinitions). */
export const BATCH_JOB_DEFINITIONS: ResourceKind<JobDefinitionInfo> = {
  meta: { category: 'batch', resourceType: 'AWS::Batch::JobDefinition', requiredActions: ['batch:DescribeJobDefinitions'], datasets: ['batch.jobDefinitions'], scope: 'regional' },
  list: (inv) => inv.batchJobDefinitions,
  id: (d) => d.arn,
};

/** The Region's Batch compute environments (DescribeComputeEnvironments). */
export const BATCH_COMPUTE_ENVIRONMENTS: ResourceKind<ComputeEnvironmentInfo> = {
  meta: { category: 'batch', resourceType: 'AWS::Batch::ComputeEnvironment', requiredActions: ['batch:DescribeComputeEnvironments'], datasets: ['batch.computeEnvironments'], scope: 'regional' },
  list: (inv) => inv.batchComputeEnvironments,
  id: (c) => c.arn,
};
