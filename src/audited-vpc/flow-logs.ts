/** The flow logs of an `AuditedVpc`: the role that writes them to CloudWatch Logs, and the flow logs to the log group and to an optional bucket. */
import { FeatureFlags, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';
import type { AuditedVpcProps } from './audited-vpc';
import { ComplianceKey } from '../core/compliance-key';
import { ManagedPolicyRole } from '../core/managed-policy-role';

/** The role VPC Flow Logs assumes, with a customer managed policy limited to the one log group. */
export function createFlowLogRole(vpc: Construct, logGroup: logs.ILogGroup): ManagedPolicyRole {
  const stack = Stack.of(vpc);
  const role = new ManagedPolicyRole(vpc, 'FlowLogRole', {
    description: `Lets VPC Flow Logs write the flow logs of ${vpc.node.path}`,
    assumedBy: new iam.ServicePrincipal('vpc-flow-logs.amazonaws.com', {
      conditions: {
        StringEquals: { 'aws:SourceAccount': stack.account },
        ArnLike: { 'aws:SourceArn': `arn:${stack.partition}:ec2:${stack.region}:${stack.account}:vpc-flow-log/*` },
      },
    }),
    policyDescription: `Write access to the flow log group of ${vpc.node.path}, and nothing else`,
  });
  role.addToPrincipalPolicy(new iam.PolicyStatement({
    sid: 'WriteFlowLogGroup',
    actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
    resources: [logGroup.logGroupArn],
  }));
  return role;
}

/** The flow log of ALL traffic to the log group, written with the role's customer managed policy. */
export function createCloudWatchFlowLog(vpc: ec2.Vpc, logGroup: logs.ILogGroup, role: iam.Role, props: AuditedVpcProps): ec2.FlowLog {
  return new ec2.FlowLog(vpc, 'FlowLog', {
    resourceType: ec2.FlowLogResourceType.fromVpc(vpc),
    trafficType: ec2.FlowLogTrafficType.ALL,
    // Permissions come from the role's customer managed policy; the immutable view keeps CDK
    // from adding an inline policy of its own.
    destination: ec2.FlowLogDestination.toCloudWatchLogs(logGroup, role.withoutPolicyUpdates()),
    logFormat: props.flowLogFormat,
    maxAggregationInterval: props.flowLogMaxAggregationInterval,
  });
}

/**
 * The flow log of ALL traffic to a bucket, under `vpc-flow-logs/`, with the bucket and key policy
 * statements log delivery needs.
 */
export function createBucketFlowLog(vpc: ec2.Vpc, bucket: s3.IBucket, props: AuditedVpcProps): ec2.FlowLog {
  const stack = Stack.of(vpc);
  const prefix = 'vpc-flow-logs/';
  const source = { 'aws:SourceArn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:*` };
  // CDK adds these statements itself only under a feature flag.
  if (!FeatureFlags.of(vpc).isEnabled(cxapi.S3_CREATE_DEFAULT_LOGGING_POLICY)) {
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'FlowLogDeliveryWrite',
      principals: [new iam.ServicePrincipal('delivery.logs.amazonaws.com')],
      actions: ['s3:PutObject'],
      resources: [bucket.arnForObjects(`${prefix}AWSLogs/${stack.account}/*`)],
      conditions: {
        StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': stack.account },
        ArnLike: source,
      },
    }));
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'FlowLogDeliveryAclCheck',
      principals: [new iam.ServicePrincipal('delivery.logs.amazonaws.com')],
      actions: ['s3:GetBucketAcl', 's3:ListBucket'],
      resources: [bucket.bucketArn],
      conditions: { StringEquals: { 'aws:SourceAccount': stack.account }, ArnLike: source },
    }));
  }
  const keyActions = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKey', 'kms:DescribeKey'];
  const keyConditions = { StringEquals: { 'aws:SourceAccount': stack.account }, ArnLike: source };
  if (bucket.encryptionKey instanceof ComplianceKey) {
    bucket.encryptionKey.grantServiceUse('delivery.logs.amazonaws.com', keyActions, { conditions: keyConditions });
  } else if (bucket.encryptionKey) {
    bucket.encryptionKey.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal('delivery.logs.amazonaws.com')],
      actions: keyActions,
      resources: ['*'],
      conditions: keyConditions,
    }), true);
  }
  return new ec2.FlowLog(vpc, 'BucketFlowLog', {
    resourceType: ec2.FlowLogResourceType.fromVpc(vpc),
    trafficType: ec2.FlowLogTrafficType.ALL,
    destination: ec2.FlowLogDestination.toS3(bucket, prefix),
    logFormat: props.flowLogFormat,
    maxAggregationInterval: props.flowLogMaxAggregationInterval,
  });
}
