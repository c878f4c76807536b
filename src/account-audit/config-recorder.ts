/** The AWS Config part of an `AccountAudit`: the recorder, its role and delivery channel when created, and the managed rules. */
import { Stack } from 'aws-cdk-lib';
import * as config from 'aws-cdk-lib/aws-config';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { AuditStorage } from './trail';
import { acknowledgeFinding, nagResourceText } from '../core/acknowledge';
import { ManagedPolicyRole } from '../core/managed-policy-role';

/** What AWS Config is set up with. */
export interface AuditConfigOptions {
  /** Create a recorder and a delivery channel (`ConfigRecorderMode.CREATE`). */
  readonly createRecorder: boolean;
  /** The account's own recorder evaluates the rules (`ConfigRecorderMode.ADOPT_EXISTING`). */
  readonly adoptRecorder: boolean;
  /** Record global resources (IAM) with a created recorder. */
  readonly recordGlobalResources: boolean;
  /** AWS managed rule identifiers to deploy, when there is a recorder. */
  readonly ruleIds: string[];
  readonly storage: AuditStorage;
}

/** The Config resources created. */
export interface AuditConfig {
  readonly role?: ManagedPolicyRole;
  readonly recorder?: config.CfnConfigurationRecorder;
  readonly deliveryChannel?: config.CfnDeliveryChannel;
  readonly rules: config.ManagedRule[];
}

/**
 * A recorder and delivery channel (when one is created here) and the managed rules (when a
 * recorder is there, created or adopted).
 */
export function createAuditConfig(scope: Construct, options: AuditConfigOptions): AuditConfig {
  const created = options.createRecorder ? createRecorder(scope, options) : undefined;
  const rules = options.createRecorder || options.adoptRecorder
    ? options.ruleIds.map((identifier) => createRule(scope, identifier, created, options.adoptRecorder))
    : [];
  return { ...created, rules };
}

/** A recorder of all supported resources, its role and a delivery channel to the audit bucket. */
function createRecorder(scope: Construct, options: AuditConfigOptions): Required<Omit<AuditConfig, 'rules'>> {
  const { bucket, key } = options.storage;
  const role = createConfigRole(scope, options.storage);
  const recorder = new config.CfnConfigurationRecorder(scope, 'ConfigRecorder', {
    roleArn: role.roleArn,
    recordingGroup: {
      allSupported: true,
      includeGlobalResourceTypes: options.recordGlobalResources,
    },
  });
  const deliveryChannel = new config.CfnDeliveryChannel(scope, 'ConfigDeliveryChannel', {
    s3BucketName: bucket.bucketName,
    s3KmsKeyArn: key.keyArn,
    configSnapshotDeliveryProperties: { deliveryFrequency: 'TwentyFour_Hours' },
  });
  // Config needs the recorder, the role's policies and the bucket policy before the channel.
  deliveryChannel.node.addDependency(recorder, role.permissions!);
  if (bucket.policy) {
    deliveryChannel.node.addDependency(bucket.policy);
  }
  return { role, recorder, deliveryChannel };
}

/** The role of a created Config recorder: the AWS managed Config role plus delivery to the bucket. */
export function createConfigRole(scope: Construct, storage: AuditStorage): ManagedPolicyRole {
  const stack = Stack.of(scope);
  const { bucket, key } = storage;
  const role = new ManagedPolicyRole(scope, 'ConfigRole', {
    assumedBy: new iam.ServicePrincipal('config.amazonaws.com', {
      conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
    }),
    description: `Role of the AWS Config recorder of ${scope.node.path}`,
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWS_ConfigRole')],
    policyDescription: `AWS Config delivery to the audit bucket of ${scope.node.path}`,
  });
  acknowledgeFinding(role, 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWS_ConfigRole]',
    'AWS_ConfigRole is the AWS-maintained read-only policy for the Config recorder; it follows every resource type Config adds, which a hand-written copy would not.');
  const deliveryPrefix = bucket.arnForObjects(`AWSLogs/${stack.account}/Config/*`);
  role.addToPrincipalPolicy(new iam.PolicyStatement({
    sid: 'CheckBucket',
    actions: ['s3:GetBucketAcl', 's3:ListBucket'],
    resources: [bucket.bucketArn],
  }));
  role.addToPrincipalPolicy(new iam.PolicyStatement({
    sid: 'DeliverSnapshotsAndHistory',
    actions: ['s3:PutObject'],
    resources: [deliveryPrefix],
  }));
  role.addToPrincipalPolicy(new iam.PolicyStatement({
    sid: 'EncryptDeliveries',
    actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
    resources: [key.keyArn],
    conditions: { StringEquals: { 'kms:ViaService': `s3.${stack.region}.amazonaws.com` } },
  }));
  acknowledgeFinding(role.permissions!, `AwsSolutions-IAM5[Resource::${nagResourceText(scope, deliveryPrefix)}]`,
    'AWS Config writes snapshot and history objects with names it chooses under AWSLogs/<account>/Config/; the statement allows puts only there, only in this bucket.');
  return role;
}

function createRule(
  scope: Construct, identifier: string,
  created: { recorder: config.CfnConfigurationRecorder; deliveryChannel: config.CfnDeliveryChannel } | undefined,
  adopted: boolean,
): config.ManagedRule {
  const rule = new config.ManagedRule(scope, `Rule${identifier}`, { identifier });
  if (created) {
    // Rules created before the recorder exist but never evaluate.
    rule.node.addDependency(created.recorder, created.deliveryChannel);
  }
  if (adopted) {
    // The recorder is the account's own, outside the app: CompliancePack cannot see it and would
    // report every rule as one that never evaluates.
    acknowledgeFinding(rule.node.defaultChild!, 'CompliancePack-ConfigRuleWithoutRecorder',
      'configRecorderMode is ADOPT_EXISTING: the AWS Config recorder and delivery channel the account already has in this Region (outside this app; one recorder per Region is allowed) evaluate this rule.');
  }
  return rule;
}
