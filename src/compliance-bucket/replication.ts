/** Cross-Region replication of a `ComplianceBucket`: the role S3 assumes and its least-privilege customer managed policy. */
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { ComplianceBucketReplication } from './compliance-bucket';
import { acknowledgeFinding, nagResourceText } from '../core/acknowledge';
import { ManagedPolicyRole } from '../core/managed-policy-role';

/**
 * The role S3 replicates with. Our own role with a customer managed policy: the role aws-cdk-lib
 * would create carries an inline policy. Its statements are added by `grantReplication` once the
 * bucket exists.
 */
export function createReplicationRole(scope: Construct): ManagedPolicyRole {
  return new ManagedPolicyRole(scope, 'ReplicationRole', {
    assumedBy: new iam.ServicePrincipal('s3.amazonaws.com'),
    description: `Replicates ${scope.node.path} to another Region`,
    policyDescription: `Replication of ${scope.node.path}`,
  });
}

/** Least-privilege replication permissions, in the role's customer managed policy. */
export function grantReplication(
  scope: Construct, role: ManagedPolicyRole,
  source: { bucket: s3.IBucket; key: kms.IKey }, replication: ComplianceBucketReplication,
): void {
  const destination = replication.destinationBucket;
  const destinationKey = replication.destinationKey ?? destination.encryptionKey;
  const region = Stack.of(scope).region;
  const statements = [
    new iam.PolicyStatement({
      sid: 'ReadReplicationConfiguration',
      actions: ['s3:GetReplicationConfiguration', 's3:ListBucket'],
      resources: [source.bucket.bucketArn],
    }),
    new iam.PolicyStatement({
      sid: 'ReadSourceVersions',
      actions: ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging'],
      resources: [source.bucket.arnForObjects('*')],
    }),
    new iam.PolicyStatement({
      sid: 'WriteReplicas',
      actions: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags', 's3:ObjectOwnerOverrideToBucketOwner'],
      resources: [destination.arnForObjects('*')],
    }),
    new iam.PolicyStatement({
      sid: 'DecryptSource',
      actions: ['kms:Decrypt'],
      resources: [source.key.keyArn],
      conditions: { StringLike: { 'kms:ViaService': `s3.${region}.amazonaws.com` } },
    }),
  ];
  if (destinationKey) {
    statements.push(new iam.PolicyStatement({
      sid: 'EncryptReplicas',
      actions: ['kms:Encrypt', 'kms:GenerateDataKey'],
      resources: [destinationKey.keyArn],
    }));
  }
  statements.forEach((statement) => role.addToPrincipalPolicy(statement));
  const reason = 'S3 replication reads and writes every object version; object keys are not known in advance, so the statement names the bucket ARN with an object wildcard and nothing wider.';
  for (const objects of [source.bucket.arnForObjects('*'), destination.arnForObjects('*')]) {
    acknowledgeFinding(role.permissions!, `AwsSolutions-IAM5[Resource::${nagResourceText(scope, objects)}]`, reason);
  }
}
