// Public types of the ComplianceScanner: its properties, its remediation options and the RemediationFix allow-list (re-exported by compliance-scanner.ts).
import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';

// Each member is an entry of the fix table (remediation/fixes.ts), with the same id and the same
// description; test/scanner/remediation-fixes.test.ts holds them together.
/** A finding the scanner's remediation may fix; the value is the id of the check that reports it. */
export enum RemediationFix {
  /** Turn on all four S3 Block Public Access settings of a bucket (check `s3-bucket-public-access-block`). */
  S3_BUCKET_PUBLIC_ACCESS_BLOCK = 's3-bucket-public-access-block',
  /** Set a bucket's default encryption to SSE-KMS with the AWS managed key `aws/s3` (check `s3-bucket-kms-encryption`). */
  S3_BUCKET_DEFAULT_ENCRYPTION = 's3-bucket-kms-encryption',
  /** Turn on EBS encryption by default in a Region (check `ec2-ebs-encryption-by-default`). */
  EBS_ENCRYPTION_BY_DEFAULT = 'ec2-ebs-encryption-by-default',
}

/** Options of the scanner's opt-in remediation. */
export interface ScannerRemediationOptions {
  /**
   * Record what would be changed and change nothing. In a dry run the remediation role is not
   * granted any of the fixing actions.
   *
   * @default true
   */
  readonly dryRun?: boolean;

  /**
   * The fixes that may be applied. Each must belong to an enabled check.
   *
   * @default - every fix whose check is enabled
   */
  readonly fixes?: RemediationFix[];
}

/** Properties of a `ComplianceScanner`. */
export interface ComplianceScannerProps {
  /**
   * Ids of the checks to run (see the README for the catalog). The scanner's role may call only the
   * read actions these checks declare.
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
   * Regions to scan, for example `['eu-west-1', 'us-east-1']`.
   *
   * @default - every Region enabled for the account (looked up with `ec2:DescribeRegions` at each scan)
   */
  readonly regions?: string[];

  /**
   * When scans run: a rate or a cron expression. A rate must not be shorter than the function
   * timeout, so that scans never overlap.
   *
   * @default events.Schedule.rate(Duration.days(1))
   */
  readonly schedule?: events.Schedule;

  /**
   * Memory of the scanner function, in MiB (128 to 10240).
   *
   * @default 1024
   */
  readonly memorySize?: number;

  /**
   * Timeout of the scanner function (1 to 15 minutes). The engine stops collecting before it,
   * keeping a margin (10% of the timeout, at least 15 seconds, at most 2 minutes) to write its outputs.
   *
   * @default Duration.minutes(10)
   */
  readonly timeout?: Duration;

  /**
   * Concurrent executions reserved for the scanner (at least 1). One is enough for scheduled
   * scans, and caps what a flood of on-demand invocations can cost.
   *
   * @default 1
   */
  readonly reservedConcurrency?: number;

  /**
   * API calls in flight per AWS service during a scan (1 to 64).
   *
   * @default 8
   */
  readonly scanConcurrency?: number;

  /**
   * Score (0 to 100) below which a scan alerts on the topic and the score alarm fires.
   *
   * @default 80
   */
  readonly scoreThreshold?: number;

  /**
   * Bucket for the reports (written under `compliance-scans/`, SSE-KMS).
   *
   * @default - a new `ComplianceBucket` encrypted with `encryptionKey`
   */
  readonly reportBucket?: s3.IBucket;

  /**
   * Key that encrypts the function's environment, the findings table, the dead-letter queues, the
   * log group and (when created here) the alert topic and report bucket. A key that is not a
   * `ComplianceKey` must itself allow `events.amazonaws.com` and `logs.<region>.amazonaws.com`
   * to use it.
   *
   * @default - a new `ComplianceKey`
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Topic for scan alerts (score below threshold, new critical findings) and alarms. A topic that
   * is not a `ComplianceTopic` must itself allow `cloudwatch.amazonaws.com` to publish.
   *
   * @default - a new `ComplianceTopic` (KMS-encrypted, TLS-only)
   */
  readonly alertTopic?: sns.ITopic;

  /**
   * How long the function's log events are kept.
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * CloudWatch namespace of the scan metrics (score, score per category, findings by severity).
   * Give each scanner in an account its own namespace.
   *
   * @default 'ComplianceScanner'
   */
  readonly metricNamespace?: string;

  /**
   * Fix a small allow-list of findings (see `RemediationFix`) as the scanner writes them, with a
   * separate function and role, and an audit record in the report bucket (under
   * `compliance-remediation/`) for every change made or that would be made.
   *
   * @default - no remediation
   */
  readonly remediation?: ScannerRemediationOptions;

  /**
   * Import the findings into AWS Security Hub (ASFF, `BatchImportFindings`) in the scanner's
   * Region, as the account's own product; a finding that a later scan shows fixed is re-imported
   * PASSED and ARCHIVED, so Security Hub resolves it. Security Hub must be enabled in that Region.
   * The role may import into the account's default product only, for the account only.
   *
   * @default false
   */
  readonly securityHub?: boolean;

  /**
   * Also list the checks that passed in the OCSF output written beside each report (one
   * Compliance Finding with status Pass per check and Region), not only the failed resources.
   *
   * @default false
   */
  readonly ocsfIncludePassed?: boolean;

  /**
   * Prefix of physical names (function, table, rule, dashboard, alarms), for example `audit`.
   *
   * Without it every name is generated by CloudFormation: a fixed name blocks any update that
   * replaces the resource and a second scanner in the same account and Region. Give a prefix only
   * when something outside the stack must find the resources by name.
   *
   * @default - names generated by CloudFormation
   */
  readonly namePrefix?: string;
}
