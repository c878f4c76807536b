import { Annotations, Names, Stack, Token } from 'aws-cdk-lib';
import * as accessanalyzer from 'aws-cdk-lib/aws-accessanalyzer';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as config from 'aws-cdk-lib/aws-config';
import * as events from 'aws-cdk-lib/aws-events';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { createAuditConfig } from './config-recorder';
import { AuditConfigRules } from './config-rules';
import { FindingSeverity } from './finding-severity';
import { createAccessAnalyzer, createAlertTopic, createDetector, routeFindings } from './findings';
import { createAuditStorage, createAuditTrail, DIGEST_KEY_PATTERN } from './trail';
import { ComplianceBucket } from '../compliance-bucket/compliance-bucket';
import { ComplianceLogGroup } from '../core/compliance-log-group';
import { ComplianceTopic } from '../core/compliance-topic';
import { ComplianceValidationError } from '../core/validation';
import { warnWeakened } from '../core/weakened';

/** Retention periods CloudWatch Logs accepts, in days (`RetentionDays.INFINITE` is also accepted). */
const CLOUDWATCH_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/** Trail names CloudTrail accepts: 3-128 characters, letters, digits, `.`, `_`, `-`, starting and ending with a letter or digit. */
const TRAIL_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{1,126}[A-Za-z0-9]$/;

/**
 * How `AccountAudit` gets an AWS Config configuration recorder.
 *
 * An account has at most one recorder (and one delivery channel) per Region, and CloudFormation
 * cannot ask whether one exists before it creates its own. So the choice is explicit: say
 * `ADOPT_EXISTING` for an account that already records, `CREATE` for one that does not.
 */
export enum ConfigRecorderMode {
  /**
   * Create a recorder (all supported resource types) and a delivery channel to the audit bucket.
   * Deployment fails with `MaxNumberOfConfigurationRecordersExceededException` if the account
   * already has a recorder in the Region: use `ADOPT_EXISTING` there.
   */
  CREATE = 'CREATE',
  /**
   * Use the recorder the account already has (for example from AWS Control Tower or an
   * organization-wide StackSet): create no recorder and no delivery channel, only the rules.
   */
  ADOPT_EXISTING = 'ADOPT_EXISTING',
  /**
   * No recorder and no Config rules (rules without a recorder never evaluate anything).
   * Leaves a warning.
   */
  NONE = 'NONE',
}

/**
 * How `AccountAudit` gets a GuardDuty detector (one per account and Region).
 */
export enum GuardDutyDetectorMode {
  /** Create and enable a detector. Fails to deploy if the Region already has one. */
  CREATE = 'CREATE',
  /**
   * Use the detector the account already has (for example one enabled by a GuardDuty delegated
   * administrator): create none. GuardDuty sends every detector's findings to EventBridge in the
   * account, so the findings rule and alerts work the same.
   */
  ADOPT_EXISTING = 'ADOPT_EXISTING',
}

/**
 * Properties of an `AccountAudit`.
 */
export interface AccountAuditProps {
  /**
   * Bucket that receives CloudTrail log files and AWS Config snapshots and history. A given
   * bucket must accept puts encrypted with `encryptionKey` (or its own key) and, for CloudTrail
   * digest files, with SSE-S3 under `AWSLogs/*` + `/CloudTrail-Digest/`; a `ComplianceBucket`
   * does when created with `s3ManagedEncryptionKeyPatterns: ['AWSLogs/*' + '/CloudTrail-Digest/*']`.
   * The CloudTrail statements are added to its policy when it belongs to this app.
   *
   * @default - a new `ComplianceBucket` encrypted with `encryptionKey`
   */
  readonly bucket?: s3.IBucket;

  /**
   * The KMS key that encrypts CloudTrail log files and AWS Config deliveries. It is also the
   * bucket's key, because the bucket denies puts that ask for any other key. A `ComplianceKey`
   * gets key policy statements that let CloudTrail use it only for this trail (`aws:SourceArn`
   * and the `aws:cloudtrail:arn` encryption context); any other key must allow that already.
   *
   * @default - the given bucket's `encryptionKey`, else a new `ComplianceKey`
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Name of the trail.
   *
   * @default - a name derived from the construct path, unique in the account
   */
  readonly trailName?: string;

  /**
   * How long the trail's CloudWatch log group keeps events. Must be a value CloudWatch Logs
   * accepts. `RetentionDays.INFINITE` works and leaves a warning.
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * Record S3 object-level (data) events for every bucket in the account. Adds CloudTrail cost
   * per event.
   *
   * @default false
   */
  readonly s3DataEvents?: boolean;

  /**
   * Record S3 object-level (data) events for these buckets only (a data resource of type
   * `AWS::S3::Object` per bucket, `arn:...:s3:::<bucket>/`, in the trail's event selector, the form
   * CloudTrail, AWS Config's `CLOUDTRAIL_S3_DATAEVENTS_ENABLED` and template validators read).
   * Ignored when `s3DataEvents` records every bucket.
   *
   * @default - no bucket-level data events (unless `s3DataEvents`)
   */
  readonly s3DataEventBuckets?: s3.IBucket[];

  /**
   * Create an IAM Access Analyzer (type `ACCOUNT`, or `ORGANIZATION` when `organizationTrail` is
   * set) that reports resources shared outside the account or organization. Turn it off only where
   * the account already has one in this Region; turning it off leaves a warning.
   *
   * @default true
   */
  readonly accessAnalyzer?: boolean;

  /**
   * Record Lambda invocations (data events) for every function in the account. Adds CloudTrail
   * cost per event.
   *
   * @default false
   */
  readonly lambdaDataEvents?: boolean;

  /**
   * Make the trail an organization trail (records every member account). Deploy it from the
   * management account or a CloudTrail delegated administrator account.
   *
   * @default false
   */
  readonly organizationTrail?: boolean;

  /**
   * Whether to create an AWS Config recorder, adopt the account's existing one, or use none.
   * The construct is told rather than probing the account at deploy time; the class documentation
   * says why.
   *
   * @default ConfigRecorderMode.CREATE
   */
  readonly configRecorderMode?: ConfigRecorderMode;

  /**
   * Record global resources (IAM users, roles, policies) in this Region. Turn it off in all but
   * one Region when the construct is deployed to several, to avoid recording them twice. Only
   * used when the recorder is created.
   *
   * @default true
   */
  readonly recordGlobalResources?: boolean;

  /**
   * AWS managed Config rules to deploy, by identifier (for example
   * `config.ManagedRuleIdentifiers.S3_BUCKET_VERSIONING_ENABLED`). Each must be one of
   * `AuditConfigRules.SUPPORTED`. Rules are deployed only when a recorder is there
   * (created or adopted).
   *
   * @default AuditConfigRules.DEFAULTS
   */
  readonly configRules?: string[];

  /**
   * Whether to create a GuardDuty detector or adopt the existing one.
   *
   * @default GuardDutyDetectorMode.CREATE
   */
  readonly guardDutyDetectorMode?: GuardDutyDetectorMode;

  /**
   * The lowest GuardDuty finding severity that is sent to the alert topic.
   *
   * @default FindingSeverity.MEDIUM
   */
  readonly findingSeverity?: FindingSeverity;

  /**
   * The topic alerts go to. A `ComplianceTopic` gets a publish statement scoped to the findings
   * rule (and lends its dead-letter queue to the rule); any other topic gets the topic policy
   * statement only (its key, if any, must let `events.amazonaws.com` use it), and the rule gets a
   * dead-letter queue of its own.
   *
   * @default - a new `ComplianceTopic`
   */
  readonly alertTopic?: sns.ITopic;

  /**
   * Email addresses subscribed to the alert topic (when the topic is a `ComplianceTopic`).
   *
   * @default - no email subscriptions
   */
  readonly alertEmails?: string[];

  /**
   * HTTPS endpoints subscribed to the alert topic (when the topic is a `ComplianceTopic`).
   *
   * @default - no HTTPS subscriptions
   */
  readonly alertHttpsEndpoints?: string[];
}

/**
 * The account-level audit baseline: who did what (CloudTrail), what is configured how (AWS Config
 * and its rules), and who is attacking (GuardDuty), with findings routed to people.
 *
 * - **CloudTrail**: a multi-Region trail with global service events and log file validation,
 *   encrypted with a KMS key whose policy lets CloudTrail use it only for this trail, delivered to a
 *   `ComplianceBucket` and to a KMS-encrypted `ComplianceLogGroup` through a role with a customer
 *   managed policy; optional S3 and Lambda data events; optional organization trail.
 * - **AWS Config**: a recorder and delivery channel, or the account's existing recorder
 *   (`configRecorderMode`), and managed rules from a documented set (`AuditConfigRules`), which depend on
 *   the recorder when it is created here.
 * - **GuardDuty**: a detector, or the existing one (`guardDutyDetectorMode`), and an EventBridge rule that
 *   sends findings at or above `findingSeverity` to the alert topic (with a dead-letter queue).
 * - **Alerts**: a `ComplianceTopic` that only this rule (by `aws:SourceArn`) may publish to.
 *
 * **Existing recorder and detector.** An account has at most one Config recorder and one GuardDuty
 * detector per Region, and creating a second fails the deployment. The construct does not probe
 * the account at deploy time: CloudFormation conditions cannot depend on what a custom resource
 * finds, so a probe could only fail early or create the recorder outside CloudFormation (unmanaged
 * by later updates and deletion), and it would add a Lambda function to every account. Instead the
 * choice is an explicit prop (`configRecorderMode`, `guardDutyDetectorMode`): the synthesized
 * template shows exactly what will be created, and adopt mode creates nothing that can collide
 * while the Config rules and the findings rule work against the existing recorder and detector.
 * Check an account with `aws configservice describe-configuration-recorders` and
 * `aws guardduty list-detectors` before choosing.
 *
 * **Several Regions.** The trail is multi-Region: deploy the construct with its trail in one Region
 * per account (or organization); Config and GuardDuty are Regional, so set `recordGlobalResources`
 * to false in the other Regions.
 *
 * For a second deployment into an account that already has a recorder and a detector:
 *
 * @example
 * import { AccountAudit, ConfigRecorderMode, GuardDutyDetectorMode } from 'cdk-compliance-constructs';
 *
 * new AccountAudit(this, 'Audit', {
 *   configRecorderMode: ConfigRecorderMode.ADOPT_EXISTING,
 *   guardDutyDetectorMode: GuardDutyDetectorMode.ADOPT_EXISTING,
 *   alertEmails: ['secops@example.com'],
 * });
 */
export class AccountAudit extends Construct {
  /** The trail. */
  public readonly trail: cloudtrail.CfnTrail;
  /** ARN of the trail. */
  public readonly trailArn: string;
  /** The bucket that receives CloudTrail and Config deliveries (created or given). */
  public readonly bucket: s3.IBucket;
  /** The bucket, when this construct created it. */
  public readonly complianceBucket?: ComplianceBucket;
  /** The key that encrypts CloudTrail log files and Config deliveries (created or given). */
  public readonly key: kms.IKey;
  /** The CloudWatch log group the trail also delivers to. */
  public readonly logGroup: ComplianceLogGroup;
  /** The role CloudTrail assumes to write to the log group. */
  public readonly trailLogsRole: iam.Role;
  /** The alert topic (created or given). */
  public readonly alertTopic: sns.ITopic;
  /** The Config recorder, when this construct created it. */
  public readonly configRecorder?: config.CfnConfigurationRecorder;
  /** The Config delivery channel, when this construct created the recorder. */
  public readonly deliveryChannel?: config.CfnDeliveryChannel;
  /** The role the created Config recorder uses. */
  public readonly configRole?: iam.Role;
  /** The Config rules deployed (none when there is no recorder). */
  public readonly configRules: config.ManagedRule[];
  /** The GuardDuty detector, when this construct created it. */
  public readonly detector?: guardduty.CfnDetector;
  /** The IAM Access Analyzer, unless `accessAnalyzer` is false. */
  public readonly accessAnalyzer?: accessanalyzer.CfnAnalyzer;
  /** The EventBridge rule that routes GuardDuty findings to the alert topic. */
  public readonly findingsRule: events.Rule;

  constructor(scope: Construct, id: string, props: AccountAuditProps = {}) {
    super(scope, id);
    const severity = props.findingSeverity ?? FindingSeverity.MEDIUM;
    const recorderMode = props.configRecorderMode ?? ConfigRecorderMode.CREATE;
    const ruleIds = props.configRules ?? AuditConfigRules.DEFAULTS;
    const trailName = props.trailName ?? Names.uniqueResourceName(this, { maxLength: 128, separator: '-' });
    this.validate(props, severity, ruleIds, trailName);
    this.trailArn = Stack.of(this).formatArn({ service: 'cloudtrail', resource: 'trail', resourceName: trailName });

    // Who did what: the key and bucket, and the trail with its log group and role (trail.ts).
    const storage = createAuditStorage(this, props);
    this.key = storage.key;
    this.bucket = storage.bucket;
    this.complianceBucket = storage.complianceBucket;
    const trail = createAuditTrail(this, props, { trailName, trailArn: this.trailArn, storage });
    this.logGroup = trail.logGroup;
    this.trailLogsRole = trail.logsRole;
    this.trail = trail.trail;

    // What is configured how: AWS Config recorder and rules (config-recorder.ts).
    const configuration = createAuditConfig(this, {
      createRecorder: recorderMode === ConfigRecorderMode.CREATE,
      adoptRecorder: recorderMode === ConfigRecorderMode.ADOPT_EXISTING,
      recordGlobalResources: props.recordGlobalResources ?? true,
      ruleIds,
      storage,
    });
    this.configRole = configuration.role;
    this.configRecorder = configuration.recorder;
    this.deliveryChannel = configuration.deliveryChannel;
    this.configRules = configuration.rules;

    // Who is attacking, and who is told: GuardDuty, Access Analyzer, alerts (findings.ts).
    if ((props.guardDutyDetectorMode ?? GuardDutyDetectorMode.CREATE) === GuardDutyDetectorMode.CREATE) {
      this.detector = createDetector(this);
    }
    this.accessAnalyzer = createAccessAnalyzer(this, props);
    this.alertTopic = createAlertTopic(this, props);
    this.findingsRule = routeFindings(this, this.alertTopic, severity);
  }

  private validate(props: AccountAuditProps, severity: FindingSeverity, ruleIds: string[], trailName: string): void {
    if (!severity.isValid()) {
      throw new ComplianceValidationError(this, 'findingSeverity', severity.threshold,
        'Allowed: a GuardDuty severity from 1.0 to 10.0 (Low 1.0-3.9, Medium 4.0-6.9, High 7.0-8.9, Critical 9.0-10.0), or FindingSeverity.LOW, MEDIUM, HIGH or CRITICAL.');
    }
    for (const identifier of ruleIds) {
      if (!AuditConfigRules.isSupported(identifier)) {
        throw new ComplianceValidationError(this, 'configRules', identifier,
          `Allowed: an AWS managed rule identifier from AuditConfigRules.SUPPORTED (${AuditConfigRules.SUPPORTED.join(', ')}).`);
      }
    }
    const duplicate = ruleIds.find((identifier, i) => ruleIds.indexOf(identifier) !== i);
    if (duplicate) {
      throw new ComplianceValidationError(this, 'configRules', duplicate, 'Each rule identifier may appear once.');
    }
    const retention = props.logRetention;
    if (retention !== undefined && !Token.isUnresolved(retention)
      && retention !== logs.RetentionDays.INFINITE && !CLOUDWATCH_RETENTION_DAYS.includes(retention)) {
      throw new ComplianceValidationError(this, 'logRetention', retention,
        `Allowed: a number of days CloudWatch Logs accepts (${CLOUDWATCH_RETENTION_DAYS.join(', ')}), for example logs.RetentionDays.ONE_YEAR.`);
    }
    if (!Token.isUnresolved(trailName) && (!TRAIL_NAME.test(trailName) || /[._-]{2}/.test(trailName))) {
      throw new ComplianceValidationError(this, 'trailName', trailName,
        'Allowed: 3 to 128 letters, digits, periods, underscores and hyphens, starting and ending with a letter or digit, with no two of . _ - next to each other.');
    }
    if (props.encryptionKey && props.bucket?.encryptionKey && props.bucket.encryptionKey !== props.encryptionKey) {
      throw new ComplianceValidationError(this, 'encryptionKey', props.encryptionKey.node.path,
        'The given bucket has its own key and denies puts with another key; leave encryptionKey unset to use the bucket\'s key.');
    }
    if (props.logRetention === logs.RetentionDays.INFINITE) {
      warnWeakened(this, 'logRetention', 'trail events are kept in CloudWatch Logs forever; the bucket keeps the long-term copy');
    }
    if (props.recordGlobalResources !== undefined && (props.configRecorderMode ?? ConfigRecorderMode.CREATE) !== ConfigRecorderMode.CREATE) {
      throw new ComplianceValidationError(this, 'recordGlobalResources', props.recordGlobalResources,
        `It applies only to a recorder this construct creates, and configRecorderMode is ${props.configRecorderMode}; leave it unset.`);
    }
    if (props.configRules !== undefined && props.configRules.length === 0 && props.configRecorderMode !== ConfigRecorderMode.NONE) {
      warnWeakened(this, 'configRules', 'no Config rules: the recorder records configuration but nothing evaluates it');
    }
    if (props.bucket) {
      Annotations.of(this).addInfo(`CloudTrail writes log files with SSE-KMS (${props.encryptionKey || props.bucket.encryptionKey ? 'the bucket\'s key' : 'a key this construct creates'}) and digest files with SSE-S3 under ${DIGEST_KEY_PATTERN}: the given bucket must accept both (a ComplianceBucket does with s3ManagedEncryptionKeyPatterns: ['${DIGEST_KEY_PATTERN}']).`);
    }
    if (props.configRecorderMode === ConfigRecorderMode.NONE) {
      warnWeakened(this, 'configRecorderMode', 'no AWS Config recorder and no Config rules: configuration changes are not recorded or evaluated');
    }
    const subscribers = [...props.alertEmails ?? [], ...props.alertHttpsEndpoints ?? []];
    if (props.alertTopic && !(props.alertTopic instanceof ComplianceTopic) && subscribers.length > 0) {
      throw new ComplianceValidationError(this, 'alertEmails', subscribers,
        'Subscriptions are added only to a ComplianceTopic; subscribe them to the given topic yourself, or leave alertTopic unset.');
    }
  }

}
