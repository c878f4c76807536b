// Public types of the OrganizationScanner: its properties and StackSetCallAs (re-exported by organization-scanner.ts).
import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';

/** Who deploys the member-role StackSet: the management account, or a delegated administrator of StackSets. */
export enum StackSetCallAs {
  /** The stack is deployed in the organization's management account. */
  SELF = 'SELF',
  /** The stack is deployed in an account registered as delegated administrator for CloudFormation StackSets. */
  DELEGATED_ADMIN = 'DELEGATED_ADMIN',
}

/** Properties of an `OrganizationScanner`. */
export interface OrganizationScannerProps {
  /**
   * The organizational units (or the root, `r-...`) whose accounts are scanned, recursively; the
   * member role is deployed to the same OUs. Accounts that join them later get the role automatically.
   */
  readonly organizationalUnitIds: string[];

  /**
   * Accounts never scanned (for example the management account, where a service-managed StackSet
   * does not deploy).
   *
   * @default - none
   */
  readonly excludedAccountIds?: string[];

  /**
   * Regions scanned in every account.
   *
   * @default - the Regions enabled in the scanner's account (ec2:DescribeRegions at each run)
   */
  readonly regions?: string[];

  /**
   * Ids of the checks to run; the member role may call only the read actions they declare.
   *
   * @default - every check in the catalog
   */
  readonly checks?: string[];

  /**
   * Ids of checks not to run, removed from `checks`.
   *
   * @default - none
   */
  readonly excludedChecks?: string[];

  /**
   * The organization id (`o-...`). When given, the member role trusts the scanner only from inside
   * the organization (`aws:PrincipalOrgID`) and the scanner may assume roles only in its accounts
   * (`aws:ResourceOrgID`).
   *
   * @default - the trust relies on the scanner role's ARN and the external id
   */
  readonly organizationId?: string;

  /**
   * Name of the member role in every account.
   *
   * @default 'ComplianceScannerMember'
   */
  readonly memberRoleName?: string;

  /**
   * External id the scanner passes to sts:AssumeRole and the member role requires.
   *
   * @default - derived from this construct's path and stack ('compliance-scan-<unique id>')
   */
  readonly externalId?: string;

  /**
   * Deploy the member role with a service-managed StackSet (automatic deployment to new accounts).
   * Turn off only when the role is deployed another way, with the same name, trust and actions.
   *
   * @default true
   */
  readonly deployMemberRoles?: boolean;

  /**
   * Whether this stack is deployed in the management account or a delegated administrator account.
   *
   * @default StackSetCallAs.DELEGATED_ADMIN
   */
  readonly stackSetCallAs?: StackSetCallAs;

  /**
   * Children of the Distributed Map that run at once (1 to 1000). The item function's reserved
   * concurrency is set to the same number; Lambda keeps 100 of the account's concurrency
   * unreserved, so above about 800 (at the default quota of 1,000 per Region) raise the quota first.
   *
   * @default 100
   */
  readonly maxConcurrency?: number;

  /**
   * Percentage of items (0 to 100) that may fail every attempt before the run fails. Failed items are
   * listed in the report as not scanned, whatever this is.
   *
   * @default 10
   */
  readonly toleratedFailurePercentage?: number;

  /**
   * Timeout of one item (one account in one Region, or one global service): 1 to 15 minutes.
   *
   * @default Duration.minutes(10)
   */
  readonly itemTimeout?: Duration;

  /**
   * Memory of the item function, in MiB (128 to 10240).
   *
   * @default 1024
   */
  readonly memorySize?: number;

  /**
   * API calls in flight per AWS service within one item (1 to 64).
   *
   * @default 8
   */
  readonly scanConcurrency?: number;

  /**
   * When runs start.
   *
   * @default events.Schedule.rate(Duration.days(1))
   */
  readonly schedule?: events.Schedule;

  /**
   * Organization score (0 to 100) below which the score alarm fires.
   *
   * @default 80
   */
  readonly scoreThreshold?: number;

  /**
   * Bucket for the reports (under `organization-scans/`, SSE-KMS).
   *
   * @default - a new `ComplianceBucket` encrypted with `encryptionKey`
   */
  readonly reportBucket?: s3.IBucket;

  /**
   * Key that encrypts the functions' environments, the findings table, the queues, the log groups
   * and (when created here) the topic and the bucket.
   *
   * @default - a new `ComplianceKey`
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Topic for the run summaries and alarms. A topic that is not a `ComplianceTopic` must itself allow
   * `cloudwatch.amazonaws.com` to publish.
   *
   * @default - a new `ComplianceTopic`
   */
  readonly alertTopic?: sns.ITopic;

  /**
   * How long log events are kept.
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * CloudWatch namespace of the run metrics.
   *
   * @default 'OrganizationScanner'
   */
  readonly metricNamespace?: string;
}
