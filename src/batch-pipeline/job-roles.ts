// The roles of a BatchPipeline's jobs and EC2 instances, and each permission they get beyond aws-cdk-lib's own grants.
import { Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct, IConstruct } from 'constructs';
import { ManagedPolicyRole } from '../core/managed-policy-role';

/** The role the job's code runs with and the role ECS starts its container with. */
export interface JobRoles {
  /** The role the job's code runs with. */
  readonly jobRole: ManagedPolicyRole;
  /** The role ECS uses to pull the image, read the secrets and write logs. */
  readonly executionRole: ManagedPolicyRole;
}

/** `service`, trusted only when it acts for this stack's account (`aws:SourceAccount`). */
export function accountServicePrincipal(scope: IConstruct, service: string): iam.ServicePrincipal {
  return new iam.ServicePrincipal(service, {
    conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(scope).account } },
  });
}

/**
 * `JobRole` and `ExecutionRole` in `scope`, both assumed by `ecs-tasks.amazonaws.com`. An image
 * given by URI in a private ECR repository is pulled with the execution role (an
 * `ecs.ContainerImage` from an ECR repository grants this itself).
 */
export function buildJobRoles(scope: Construct, imageUri: string | undefined): JobRoles {
  const jobRole = new ManagedPolicyRole(scope, 'JobRole', {
    assumedBy: accountServicePrincipal(scope, 'ecs-tasks.amazonaws.com'),
    description: `Code of the jobs of ${scope.node.path}`,
  });
  const executionRole = new ManagedPolicyRole(scope, 'ExecutionRole', {
    assumedBy: accountServicePrincipal(scope, 'ecs-tasks.amazonaws.com'),
    description: `Pulls the image, reads the secrets and writes the logs of the jobs of ${scope.node.path}`,
  });
  const repository = imageUri === undefined ? undefined : ecrRepositoryOf(imageUri);
  if (repository) {
    executionRole.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'PullTheJobImage',
      actions: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
      resources: [`arn:${Stack.of(scope).partition}:ecr:${repository.region}:${repository.account}:repository/${repository.name}`],
    }));
    executionRole.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'LogInToTheRegistry',
      actions: ['ecr:GetAuthorizationToken'],
      resources: ['*'],
    }));
  }
  return { jobRole, executionRole };
}

/** The account, Region and repository of an image URI in a private ECR registry, if it is one. */
export function ecrRepositoryOf(uri: string): { account: string; region: string; name: string } | undefined {
  if (Token.isUnresolved(uri)) {
    return undefined;
  }
  const m = /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([a-z0-9][a-z0-9._\/-]*?)(?::[\w.-]+|@sha256:[a-f0-9]{64})?$/.exec(uri);
  return m ? { account: m[1], region: m[2], name: m[3] } : undefined;
}

/** Listing the input bucket, reading its objects, and decrypting them with its key. */
export function grantReadInput(role: ManagedPolicyRole, bucket: s3.IBucket): void {
  role.addToPrincipalPolicy(new iam.PolicyStatement({
    sid: 'ListInput',
    actions: ['s3:ListBucket'],
    resources: [bucket.bucketArn],
  }));
  role.addToPrincipalPolicy(new iam.PolicyStatement({
    sid: 'ReadInput',
    actions: ['s3:GetObject'],
    resources: [bucket.arnForObjects('*')],
  }));
  if (bucket.encryptionKey) {
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'DecryptInput',
      actions: ['kms:Decrypt'],
      resources: [bucket.encryptionKey.keyArn],
    }));
  }
}

/** Writing objects (single and multipart) to the output bucket, encrypted with its key; never reading them. */
export function grantWriteOutput(role: ManagedPolicyRole, bucket: s3.IBucket): void {
  role.addToPrincipalPolicy(new iam.PolicyStatement({
    sid: 'WriteOutput',
    actions: ['s3:PutObject', 's3:AbortMultipartUpload'],
    resources: [bucket.arnForObjects('*')],
  }));
  if (bucket.encryptionKey) {
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'EncryptOutput',
      // Decrypt is needed to complete multipart uploads of SSE-KMS objects.
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resources: [bucket.encryptionKey.keyArn],
    }));
  }
}

/** The ECS clusters AWS Batch creates for its compute environments (`AWSBatch-<environment>-<uuid>`). */
export function batchClusterArns(scope: IConstruct): string {
  return Stack.of(scope).formatArn({ service: 'ecs', resource: 'cluster', resourceName: 'AWSBatch-*' });
}

/** The container instances of those clusters (`container-instance/<cluster>/<id>`). */
export function batchContainerInstanceArns(scope: IConstruct): string {
  return Stack.of(scope).formatArn({ service: 'ecs', resource: 'container-instance', resourceName: 'AWSBatch-*' });
}

/** What the ECS agent on a container instance does, limited to AWS Batch's clusters where IAM allows. */
export function grantEcsAgent(role: ManagedPolicyRole): void {
  role.addToPrincipalPolicy(new iam.PolicyStatement({
    sid: 'EcsAgentOnBatchClusters',
    actions: [
      'ecs:DeregisterContainerInstance',
      'ecs:RegisterContainerInstance',
      'ecs:SubmitAttachmentStateChanges',
      'ecs:SubmitContainerStateChange',
      'ecs:SubmitTaskStateChange',
    ],
    resources: [batchClusterArns(role)],
  }));
  role.addToPrincipalPolicy(new iam.PolicyStatement({
    sid: 'EcsAgentOnContainerInstances',
    // UpdateContainerInstancesState acts on container instances (ARN container-instance/<cluster>/<id>), not on the cluster.
    actions: ['ecs:Poll', 'ecs:StartTelemetrySession', 'ecs:PutSystemLogEvents', 'ecs:UpdateContainerInstancesState'],
    resources: [batchContainerInstanceArns(role)],
  }));
  role.addToPrincipalPolicy(new iam.PolicyStatement({
    sid: 'EcsAgentDiscovery',
    actions: ['ecs:DiscoverPollEndpoint', 'ec2:DescribeTags', 'ecr:GetAuthorizationToken'],
    resources: ['*'],
  }));
}
