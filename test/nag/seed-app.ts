import { App, Duration, Size, Stack } from 'aws-cdk-lib';
import * as batch from 'aws-cdk-lib/aws-batch';
import * as config from 'aws-cdk-lib/aws-config';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';

/**
 * A stack written with plain aws-cdk-lib that repeats, once each, the failures of the seed reviews
 * the CompliancePack targets. Construct ids name the seed failure.
 */
export function seedFailureStack(app: App = new App()): Stack {
  const stack = new Stack(app, 'Seeds', { env: { account: '123456789012', region: 'us-east-1' } });

  // 002 #1 and 004 #11: a Lambda role with an inline policy granting writes on "*".
  // 004 #10, #29, #30 and 000 #2: deprecated runtime, no DLQ, no tracing, a log group named by literal.
  const remediation = new lambda.Function(stack, 'Remediation', {
    runtime: new lambda.Runtime('nodejs14.x', lambda.RuntimeFamily.NODEJS, { supportsInlineCode: true }),
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
  });
  remediation.addToRolePolicy(new iam.PolicyStatement({
    actions: ['s3:PutEncryptionConfiguration', 's3:GetBucketEncryption', 's3:ListAllMyBuckets'],
    resources: ['*'],
  }));
  // 000 #2 / 004 #8, #21: a log group matched to the function by a literal name, not encrypted, kept forever.
  new logs.LogGroup(stack, 'ScannerLogs', { logGroupName: '/aws/lambda/compliance-scanner-dev', retention: logs.RetentionDays.INFINITE });

  // 000 #1 and 004 #4, #6, #14, #18, #20: a report bucket without public-access blocks, TLS-only
  // policy, encryption-enforcing policy, access logs or lifecycle rules.
  new s3.CfnBucket(stack, 'Reports');

  // 004 #2, #9: a gateway endpoint with no route tables. #7: a VPC without flow logs.
  const vpc = new ec2.Vpc(stack, 'Network', {
    maxAzs: 1,
    natGateways: 0,
    restrictDefaultSecurityGroup: false,
    subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC }],
  });
  new ec2.CfnVPCEndpoint(stack, 'S3Endpoint', { vpcId: vpc.vpcId, serviceName: 'com.amazonaws.us-east-1.s3', routeTableIds: [] });
  // 004 #3: all outbound traffic to 0.0.0.0/0.
  new ec2.SecurityGroup(stack, 'WorkerSg', { vpc });

  // 004 #12: kms:* to the account root. #24: a log group whose key does not grant CloudWatch Logs.
  const key = new kms.Key(stack, 'DataKey', { enableKeyRotation: true });
  new logs.LogGroup(stack, 'AppLogs', { encryptionKey: key, retention: logs.RetentionDays.ONE_YEAR });

  // 004 #13: a Config rule, no recorder or delivery channel.
  new config.ManagedRule(stack, 'VersioningRule', { identifier: config.ManagedRuleIdentifiers.S3_BUCKET_VERSIONING_ENABLED });

  // 004 #16: an SNS topic without a topic policy or KMS.
  new sns.Topic(stack, 'Alerts');

  // 004 #17: a Fargate job whose job role only trusts EC2 (the execution role CDK makes is fine).
  new batch.EcsJobDefinition(stack, 'FargateJob', {
    container: new batch.EcsFargateContainerDefinition(stack, 'FargateContainer', {
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox:latest'),
      cpu: 1,
      memory: Size.gibibytes(2),
      jobRole: new iam.Role(stack, 'Ec2OnlyRole', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') }),
    }),
    timeout: Duration.hours(4),
    retryAttempts: 3,
  });
  // AWS Batch: a privileged EC2 container, with neither timeout nor retries.
  new batch.EcsJobDefinition(stack, 'PrivilegedJob', {
    container: new batch.EcsEc2ContainerDefinition(stack, 'PrivilegedContainer', {
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox:latest'),
      cpu: 1,
      memory: Size.gibibytes(2),
      privileged: true,
    }),
  });
  // AWS Batch: EC2 compute in a public subnet, without a launch template that requires IMDSv2.
  new batch.CfnComputeEnvironment(stack, 'PublicCompute', {
    type: 'MANAGED',
    computeResources: {
      type: 'EC2',
      maxvCpus: 16,
      subnets: vpc.publicSubnets.map((s) => s.subnetId),
      securityGroupIds: ['sg-0123456789abcdef0'],
      instanceTypes: ['optimal'],
      instanceRole: 'arn:aws:iam::123456789012:instance-profile/ecsInstanceRole',
    },
  });

  // 004 #22: a table without point-in-time recovery or a customer managed key.
  new dynamodb.Table(stack, 'Transactions', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });

  // 004 #25: GuardDuty on, findings routed nowhere.
  new guardduty.CfnDetector(stack, 'Detector', { enable: true });

  return stack;
}
