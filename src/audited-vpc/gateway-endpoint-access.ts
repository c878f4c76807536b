import { Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { ComplianceValidationError } from '../core/validation';

const ACCOUNT_ID = /^\d{12}$/;

/**
 * The ids of the AWS-managed prefix lists of the S3 and DynamoDB gateway endpoints.
 */
export interface GatewayPrefixListIds {
  /** Id of the `com.amazonaws.<region>.s3` prefix list (a deploy-time value). */
  readonly s3PrefixListId: string;
  /** Id of the `com.amazonaws.<region>.dynamodb` prefix list (a deploy-time value). */
  readonly dynamoDbPrefixListId: string;
}

/**
 * What the S3 and DynamoDB gateway endpoints of an `AuditedVpc` let traffic reach.
 *
 * A gateway endpoint keeps traffic to S3 and DynamoDB off the internet; its policy decides which
 * buckets and tables that traffic may reach. Narrowing it to your own accounts stops code inside
 * the VPC from copying data to a bucket or table in someone else's account.
 */
export class GatewayEndpointAccess {
  /**
   * Any bucket or table the caller's IAM permissions allow (the AWS default endpoint policy).
   */
  public static anyAccount(): GatewayEndpointAccess {
    return new GatewayEndpointAccess([], false);
  }

  /**
   * Only buckets and tables owned by the account of the stack. Buckets of other accounts (public
   * data sets, package repositories hosted on S3) can no longer be reached from the VPC.
   *
   * Also allows reading the Amazon ECR image layer bucket of the Region
   * (`prod-<region>-starport-layer-bucket`), without which image pulls from private subnets fail.
   */
  public static ownAccount(): GatewayEndpointAccess {
    return new GatewayEndpointAccess([], true);
  }

  /**
   * Only buckets and tables owned by the account of the stack and the given accounts.
   *
   * Also allows reading the Amazon ECR image layer bucket of the Region.
   *
   * @param accountIds twelve-digit AWS account ids
   */
  public static accounts(accountIds: string[]): GatewayEndpointAccess {
    return new GatewayEndpointAccess(accountIds, true);
  }

  /** Accounts other than the stack's own whose resources may be reached. */
  public readonly additionalAccounts: string[];
  /** Whether the policy is narrowed to a list of accounts. */
  public readonly restricted: boolean;

  private constructor(additionalAccounts: string[], restricted: boolean) {
    this.additionalAccounts = additionalAccounts;
    this.restricted = restricted;
  }

  /**
   * The policy statements for the S3 endpoint, or none when access is not narrowed.
   * @internal
   */
  public _s3Statements(scope: IConstruct): iam.PolicyStatement[] {
    if (!this.restricted) {
      return [];
    }
    const stack = Stack.of(scope);
    return [
      new iam.PolicyStatement({
        sid: 'OwnAccountsBucketsOnly',
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:ResourceAccount': this._accountIds(scope) } },
      }),
      new iam.PolicyStatement({
        sid: 'EcrImageLayers',
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:GetObject'],
        resources: [`arn:${stack.partition}:s3:::prod-${stack.region}-starport-layer-bucket/*`],
      }),
    ];
  }

  /**
   * The policy statements for the DynamoDB endpoint, or none when access is not narrowed.
   * @internal
   */
  public _dynamoDbStatements(scope: IConstruct): iam.PolicyStatement[] {
    if (!this.restricted) {
      return [];
    }
    const stack = Stack.of(scope);
    return [
      new iam.PolicyStatement({
        sid: 'OwnAccountsTablesOnly',
        principals: [new iam.AnyPrincipal()],
        actions: ['dynamodb:*'],
        resources: this._accountIds(scope).map((account) => `arn:${stack.partition}:dynamodb:${stack.region}:${account}:*`),
      }),
    ];
  }

  /**
   * The stack's account followed by the additional accounts, validated.
   * @internal
   */
  public _accountIds(scope: IConstruct): string[] {
    for (const account of this.additionalAccounts) {
      if (!Token.isUnresolved(account) && !ACCOUNT_ID.test(account)) {
        throw new ComplianceValidationError(scope, 'gatewayEndpointAccess', account, 'Account ids are twelve digits, for example "123456789012".');
      }
    }
    const own = Stack.of(scope).account;
    return [own, ...this.additionalAccounts.filter((a) => a !== own)];
  }
}
