import { Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { ComplianceValidationError } from '../core/validation';

const ACCOUNT_ID = /^\d{12}$/;
const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;
/**
 * Interface endpoint services (`com.amazonaws.<region>.<name>`) whose endpoints take a policy: the
 * library's defaults and the services users add most. An endpoint of any other service keeps the AWS
 * default policy, since CloudFormation refuses a policy on an endpoint whose service takes none.
 */
const SERVICES_WITH_ENDPOINT_POLICIES = new Set([
  'logs', 'monitoring', 'kms', 'sts', 'sns', 'sqs', 'events', 'ecr.api', 'ecr.dkr', 'batch',
  'secretsmanager', 'ssm', 'ec2', 'ecs', 'lambda', 'states',
]);

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
 * What the endpoints of an `AuditedVpc` let traffic reach: the S3 and DynamoDB gateway endpoints and
 * the interface endpoints.
 *
 * An endpoint keeps traffic to an AWS service off the internet; its policy decides which resources
 * that traffic may reach. Narrowing it to your own accounts (or organization) is a data perimeter:
 * code inside the VPC cannot copy data to a bucket, table, queue or topic in someone else's account
 * through the endpoints, whatever credentials it holds. The default is `ownAccount()`.
 */
export class GatewayEndpointAccess {
  /**
   * Any bucket or table the caller's IAM permissions allow (the AWS default endpoint policy). Code
   * in the VPC can then reach other accounts' resources through the endpoints; choosing it leaves a
   * warning.
   */
  public static anyAccount(): GatewayEndpointAccess {
    return new GatewayEndpointAccess([], false);
  }

  /**
   * Only resources owned by the account of the stack (`aws:ResourceAccount`). Buckets of other
   * accounts (public data sets, package repositories hosted on S3) can no longer be reached from the VPC.
   *
   * Also allows reading the Amazon ECR image layer bucket of the Region
   * (`prod-<region>-starport-layer-bucket`), without which image pulls from private subnets fail.
   */
  public static ownAccount(): GatewayEndpointAccess {
    return new GatewayEndpointAccess([], true);
  }

  /**
   * Only resources owned by the account of the stack and the given accounts.
   *
   * Also allows reading the Amazon ECR image layer bucket of the Region.
   *
   * @param accountIds twelve-digit AWS account ids
   */
  public static accounts(accountIds: string[]): GatewayEndpointAccess {
    return new GatewayEndpointAccess(accountIds, true);
  }

  /**
   * Only resources owned by accounts of the given AWS Organizations organization (`aws:ResourceOrgID`).
   *
   * Also allows reading the Amazon ECR image layer bucket of the Region.
   *
   * @param organizationId the organization's id, `o-` followed by 10 to 32 lowercase letters or digits
   */
  public static organization(organizationId: string): GatewayEndpointAccess {
    return new GatewayEndpointAccess([], true, organizationId);
  }

  /** Accounts other than the stack's own whose resources may be reached. */
  public readonly additionalAccounts: string[];
  /** Whether the policy is narrowed to a list of accounts or an organization. */
  public readonly restricted: boolean;
  /**
   * The organization whose resources may be reached, when narrowed to one.
   *
   * @default - not narrowed to an organization
   */
  public readonly organizationId?: string;

  private constructor(additionalAccounts: string[], restricted: boolean, organizationId?: string) {
    this.additionalAccounts = additionalAccounts;
    this.restricted = restricted;
    this.organizationId = organizationId;
  }

  /**
   * The condition that a resource is inside the perimeter: of the organization, or of the accounts.
   * @internal
   */
  public _perimeter(scope: IConstruct, operator: string): Record<string, Record<string, string | string[]>> {
    return this.organizationId !== undefined
      ? { [operator]: { 'aws:ResourceOrgID': this.organizationId } }
      : { [operator]: { 'aws:ResourceAccount': this._accountIds(scope) } };
  }

  /**
   * The policy statements for an interface endpoint, or none when access is not narrowed: any action
   * on resources inside the perimeter, and actions that name no resource (`ecr:GetAuthorizationToken`,
   * `cloudwatch:PutMetricData`, `sts:GetCallerIdentity`), which carry no resource account.
   * @internal
   */
  public _interfaceStatements(scope: IConstruct, serviceName: string): iam.PolicyStatement[] {
    if (!this.restricted || !SERVICES_WITH_ENDPOINT_POLICIES.has(serviceName)) {
      return [];
    }
    return [
      new iam.PolicyStatement({
        sid: 'OwnResourcesOnly',
        principals: [new iam.AnyPrincipal()],
        actions: ['*'],
        resources: ['*'],
        conditions: this._perimeter(scope, 'StringEqualsIfExists'),
      }),
    ];
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
        conditions: this._perimeter(scope, 'StringEquals'),
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
        ...(this.organizationId !== undefined
          ? { resources: ['*'], conditions: this._perimeter(scope, 'StringEquals') }
          : { resources: this._accountIds(scope).map((account) => `arn:${stack.partition}:dynamodb:${stack.region}:${account}:*`) }),
      }),
    ];
  }

  /**
   * The stack's account followed by the additional accounts, validated.
   * @internal
   */
  public _accountIds(scope: IConstruct): string[] {
    if (this.organizationId !== undefined && !Token.isUnresolved(this.organizationId) && !ORGANIZATION_ID.test(this.organizationId)) {
      throw new ComplianceValidationError(scope, 'gatewayEndpointAccess', this.organizationId, 'Organization ids are "o-" followed by 10 to 32 lowercase letters or digits, for example "o-a1b2c3d4e5".');
    }
    for (const account of this.additionalAccounts) {
      if (!Token.isUnresolved(account) && !ACCOUNT_ID.test(account)) {
        throw new ComplianceValidationError(scope, 'gatewayEndpointAccess', account, 'Account ids are twelve digits, for example "123456789012".');
      }
    }
    const own = Stack.of(scope).account;
    return [own, ...this.additionalAccounts.filter((a) => a !== own)];
  }
}
