import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/**
 * KMS action wildcards that aws-cdk-lib grants add, and the exact actions the pipeline's roles
 * need instead: they encrypt and decrypt data keys, and never re-encrypt.
 */
const KMS_WILDCARDS: Record<string, string[]> = {
  'kms:GenerateDataKey*': ['kms:GenerateDataKey'],
  'kms:ReEncrypt*': [],
};

/** Properties of a `ManagedPolicyRole`. */
export interface ManagedPolicyRoleProps extends iam.RoleProps {
  /**
   * Statements that are replaced by narrower ones the owner adds itself
   * (for example the `job-definition/*` statement of Step Functions' Batch integration).
   */
  readonly drop?: (statement: iam.PolicyStatement) => boolean;

  /**
   * Description of the customer managed policy.
   *
   * @default - "Permissions of <role path>"
   */
  readonly policyDescription?: string;
}

/**
 * A role whose every added permission lands in one customer managed policy attached to it,
 * never in an inline policy. Grants made by aws-cdk-lib (log drivers, Step Functions task
 * integrations, scheduler and event targets) all go through `addToPrincipalPolicy`, so they end up
 * in that managed policy too, with `kms:GenerateDataKey*` narrowed to `kms:GenerateDataKey` and
 * `kms:ReEncrypt*` left out.
 *
 * Internal to the library: the role is exposed as `iam.IRole`.
 */
export class ManagedPolicyRole extends iam.Role {
  private managedPolicy?: iam.ManagedPolicy;
  private readonly drop?: (statement: iam.PolicyStatement) => boolean;
  private readonly policyDescription?: string;

  constructor(scope: Construct, id: string, props: ManagedPolicyRoleProps) {
    const { drop, policyDescription, ...roleProps } = props;
    super(scope, id, roleProps);
    this.drop = drop;
    this.policyDescription = policyDescription;
  }

  /** The customer managed policy holding this role's permissions, once one was added. */
  public get permissions(): iam.ManagedPolicy | undefined {
    return this.managedPolicy;
  }

  public addToPrincipalPolicy(statement: iam.PolicyStatement): iam.AddToPrincipalPolicyResult {
    if (!this.managedPolicy) {
      this.managedPolicy = new iam.ManagedPolicy(this, 'Policy', {
        description: this.policyDescription ?? `Permissions of ${this.node.path}`,
        roles: [this],
      });
    }
    if (this.drop?.(statement)) {
      return { statementAdded: true, policyDependable: this.managedPolicy };
    }
    this.managedPolicy.addStatements(narrowKms(statement));
    return { statementAdded: true, policyDependable: this.managedPolicy };
  }
}

function narrowKms(statement: iam.PolicyStatement): iam.PolicyStatement {
  if (!statement.actions.some((a) => a in KMS_WILDCARDS)) {
    return statement;
  }
  const actions = [...new Set(statement.actions.flatMap((a) => KMS_WILDCARDS[a] ?? [a]))];
  const json = statement.toStatementJson();
  return iam.PolicyStatement.fromJson({ ...json, Action: actions });
}
