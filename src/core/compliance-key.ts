import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { requireRange } from './validation';
import { warnWeakened } from './weakened';

/**
 * Key administration actions. Listed one by one: no `kms:*` and no `kms:Create*`-style
 * wildcards, so that administering a key never implies using it.
 */
const KEY_ADMIN_ACTIONS: string[] = [
  'kms:CancelKeyDeletion',
  'kms:CreateAlias',
  'kms:DeleteAlias',
  'kms:DescribeKey',
  'kms:DisableKey',
  'kms:DisableKeyRotation',
  'kms:EnableKey',
  'kms:EnableKeyRotation',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListAliases',
  'kms:ListGrants',
  'kms:ListKeyPolicies',
  'kms:ListKeyRotations',
  'kms:ListResourceTags',
  'kms:PutKeyPolicy',
  'kms:RevokeGrant',
  'kms:RotateKeyOnDemand',
  'kms:ScheduleKeyDeletion',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:UpdateAlias',
  'kms:UpdateKeyDescription',
];

/**
 * Cryptographic use of a symmetric key, delegated to IAM policies in the key's own account.
 */
const KEY_USAGE_ACTIONS: string[] = [
  'kms:Decrypt',
  'kms:DescribeKey',
  'kms:Encrypt',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
];

/**
 * Properties of a `ComplianceKey`.
 */
export interface ComplianceKeyProps {
  /**
   * Description of the key.
   *
   * @default - "Customer managed key for <construct path>"
   */
  readonly description?: string;

  /**
   * An alias for the key, for example `alias/audit-data`.
   *
   * @default - no alias
   */
  readonly alias?: string;

  /**
   * Principals allowed to administer the key (but not to use it).
   *
   * @default - the account root, so that IAM policies in the account decide who administers the key
   */
  readonly admins?: iam.IPrincipal[];

  /**
   * Waiting period before a key scheduled for deletion is deleted, 7 to 30 days.
   *
   * @default Duration.days(30)
   */
  readonly pendingWindow?: Duration;

  /**
   * What happens to the key when it leaves the stack.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Options for `ComplianceKey.grantServiceUse`.
 */
export interface ServiceKeyUseOptions {
  /**
   * Condition block for the statement, in IAM JSON form
   * (for example `{ StringEquals: { 'aws:SourceAccount': '123456789012' } }`).
   *
   * @default - scoped to the key's own account through `aws:SourceAccount`
   */
  readonly conditions?: Record<string, any>;
}

/**
 * A customer managed, symmetric KMS key with rotation on, whose key policy never grants `kms:*`.
 *
 * The policy has one statement for administration, one for cryptographic use (delegated to IAM
 * in the key's account), grants only for AWS resources, and a deny of every other grant unless an
 * AWS service asks for it; AWS services are added one at a time with `grantServiceUse`, each with
 * only the actions it needs and scoped by conditions.
 *
 * @example
 * import { ComplianceKey } from 'cdk-compliance-constructs';
 *
 * const key = new ComplianceKey(this, 'ReportsKey', { alias: 'alias/compliance-reports' });
 * // SNS of this account may use the key for messages it delivers, and for nothing else.
 * key.grantServiceUse('sns.amazonaws.com', ['kms:Decrypt', 'kms:GenerateDataKey*'], {
 *   conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
 * });
 */
export class ComplianceKey extends kms.Key {
  private serviceStatementCount = 0;

  constructor(scope: Construct, id: string, props: ComplianceKeyProps = {}) {
    const pendingDays = props.pendingWindow?.isUnresolved() ? undefined : props.pendingWindow?.toDays();
    requireRange(scope, `${id}.pendingWindow`, pendingDays, 7, 30, ' days');
    const policy = new iam.PolicyDocument();
    super(scope, id, {
      description: props.description ?? `Customer managed key for ${scope.node.path}/${id}`,
      alias: props.alias,
      enableKeyRotation: true,
      pendingWindow: props.pendingWindow ?? Duration.days(30),
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      policy,
    });
    if (props.removalPolicy !== undefined && props.removalPolicy !== RemovalPolicy.RETAIN) {
      warnWeakened(this, 'removalPolicy', `the key is ${props.removalPolicy === RemovalPolicy.DESTROY ? 'deleted' : 'not retained'} when it leaves the stack, and data encrypted with it becomes unreadable`);
    }
    policy.addStatements(
      new iam.PolicyStatement({
        sid: 'KeyAdministration',
        principals: props.admins ?? [new iam.AccountRootPrincipal()],
        actions: KEY_ADMIN_ACTIONS,
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        sid: 'KeyUseThroughIamInThisAccount',
        principals: [new iam.AccountRootPrincipal()],
        actions: KEY_USAGE_ACTIONS,
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        sid: 'GrantsOnlyForAwsResources',
        principals: [new iam.AccountRootPrincipal()],
        actions: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'],
        resources: ['*'],
        conditions: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
      }),
      // No principal, whatever its IAM policies allow, creates a grant that is not for an AWS
      // resource, unless it is an AWS service itself (AWS Control Tower CT.KMS.PR.3).
      new iam.PolicyStatement({
        sid: 'DenyGrantsExceptForAwsResources',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['kms:CreateGrant'],
        resources: ['*'],
        conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
      }),
    );
  }

  /**
   * Let an AWS service principal use the key for the given actions, scoped by conditions.
   *
   * @param servicePrincipal the service, for example `logs.us-east-1.amazonaws.com`
   * @param actions the KMS actions the service needs, for example `['kms:Decrypt', 'kms:GenerateDataKey*']`
   */
  public grantServiceUse(servicePrincipal: string, actions: string[], options: ServiceKeyUseOptions = {}): void {
    if (actions.length === 0 || actions.some((a) => a === 'kms:*' || a === '*')) {
      throw new Error(`${this.node.path}: grantServiceUse actions for ${servicePrincipal} must list specific KMS actions, got ${JSON.stringify(actions)}`);
    }
    this.addToResourcePolicy(new iam.PolicyStatement({
      sid: `Allow${servicePrincipal.split('.')[0].replace(/[^A-Za-z0-9]/g, '')}Use${this.serviceStatementCount++}`,
      principals: [new iam.ServicePrincipal(servicePrincipal)],
      actions,
      resources: ['*'],
      conditions: options.conditions ?? { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
    }));
  }
}
