/**
 * The controls catalog: one entry per control the library enforces (constructs), checks at synth
 * time (CompliancePack and the stock cdk-nag packs) or verifies at run time (ComplianceScanner).
 *
 * Plain data, importable from constructs, rules, the scanner's bundled runtime and scripts alike:
 * it imports nothing. Rules, checks, `NagControl`, RULES.md, docs/controls.md and the scanner's
 * check table take their ids and framework mappings from here, so a control has one id everywhere.
 *
 * Ids: the AWS Foundational Security Best Practices (FSBP) id where FSBP has the control
 * (`S3.9`), else `<Service>.<What>` (`Batch.JobTimeout`), which never collides with FSBP's numbers.
 */

export type ControlSeverity = 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW';

/** Framework requirements a control maps to. An empty list: no requirement of that framework. */
export interface FrameworkIds {
  /** AWS Foundational Security Best Practices control ids, `S3.5`. */
  readonly fsbp: readonly string[];
  /** CIS AWS Foundations Benchmark v3.0 recommendations, `2.1.1`. */
  readonly cis: readonly string[];
  /** NIST SP 800-53 Rev. 5 controls, `SC-8(1)`. */
  readonly nist80053r5: readonly string[];
  /** PCI DSS v3.2.1 requirements, `4.1`. */
  readonly pciDss321: readonly string[];
  /** PCI DSS v4.0.1 requirements (the revision Security Hub evaluates), `4.2.1`. */
  readonly pciDss40: readonly string[];
  /** HIPAA Security Rule sections, `164.312(e)(1)`. */
  readonly hipaa: readonly string[];
}

/** One framework: its `FrameworkIds` field and how it is named in docs and findings. */
export interface FrameworkInfo {
  readonly key: keyof FrameworkIds;
  readonly label: string;
  readonly standard: string;
  /** Put before an id to name the requirement in findings, separator included (`PCI DSS v4.0.1/`). */
  readonly prefix: string;
}

/**
 * The frameworks a control maps to, in the order they are shown: the `FrameworkIds` field, the short
 * label of the docs (RULES.md), the standard's name (OCSF `compliance.standards`) and the prefix of
 * its requirement ids in findings, spelled as Security Hub spells `RelatedRequirements`
 * (`NIST.800-53.r5 SC-8(1)`, `PCI DSS v3.2.1/3.4`, `CIS AWS Foundations Benchmark v3.0.0/3.5`).
 * The PCI DSS 4.0 ids are those of v4.0.1, the revision Security Hub's standard evaluates.
 */
export const FRAMEWORKS: readonly FrameworkInfo[] = [
  { key: 'fsbp', label: 'FSBP', standard: 'AWS Foundational Security Best Practices v1.0.0', prefix: 'FSBP ' },
  { key: 'cis', label: 'CIS', standard: 'CIS AWS Foundations Benchmark v3.0.0', prefix: 'CIS AWS Foundations Benchmark v3.0.0/' },
  { key: 'nist80053r5', label: 'NIST 800-53', standard: 'NIST SP 800-53 Rev. 5', prefix: 'NIST.800-53.r5 ' },
  { key: 'pciDss321', label: 'PCI DSS 3.2.1', standard: 'PCI DSS v3.2.1', prefix: 'PCI DSS v3.2.1/' },
  { key: 'pciDss40', label: 'PCI DSS 4.0.1', standard: 'PCI DSS v4.0.1', prefix: 'PCI DSS v4.0.1/' },
  { key: 'hipaa', label: 'HIPAA', standard: 'HIPAA Security Rule', prefix: 'HIPAA ' },
];

/** A construct of this library that enforces the control by default. */
export interface Enforcement {
  /** Construct class name, `ComplianceBucket`. */
  readonly construct: string;
  /** The prop that weakens the default (with a synth warning), if one can. */
  readonly weakenedBy?: string;
}

/** A scanner check that verifies the control in the live account. */
export interface ScannerCheckRef {
  /** Check id, `s3-bucket-tls-only`. */
  readonly id: string;
  /** What the check accepts as compliant (docs/scanner.md). */
  readonly compliantWhen: string;
}

export interface ControlEntry {
  readonly id: string;
  readonly title: string;
  readonly severity: ControlSeverity;
  readonly frameworks: FrameworkIds;
  /** Constructs that enforce it at synth time. */
  readonly enforcedBy: readonly Enforcement[];
  /** CompliancePack rules that check it (names, `S3TlsOnlyPolicy`). */
  readonly packRules: readonly string[];
  /** Stock cdk-nag rule ids that check it (`AwsSolutions-S1`). */
  readonly stockNagRules: readonly string[];
  /** Scanner checks that verify it at run time. */
  readonly scannerChecks: readonly ScannerCheckRef[];
  /** Name of the `NagControl` that acknowledges it in every pack, if there is one. */
  readonly nagControl?: string;
  /** Checkov checks (run on CloudFormation) that check it: a `NagControl` acknowledgment skips them too. */
  readonly checkovChecks?: readonly string[];
  /**
   * cfn-guard rules that check it (AWS Control Tower's proactive controls and the AWS Guard Rules
   * Registry): a `NagControl` acknowledgment suppresses them too.
   */
  readonly guardRules?: readonly string[];
}

const NO_IDS: FrameworkIds = { fsbp: [], cis: [], nist80053r5: [], pciDss321: [], pciDss40: [], hipaa: [] };

function fw(ids: Partial<FrameworkIds>): FrameworkIds {
  return { ...NO_IDS, ...ids };
}

function control(entry: Partial<ControlEntry> & Pick<ControlEntry, 'id' | 'title' | 'severity'>): ControlEntry {
  return { frameworks: NO_IDS, enforcedBy: [], packRules: [], stockNagRules: [], scannerChecks: [], ...entry };
}

const PUBLIC_ACCESS_NIST = ['AC-21', 'AC-3', 'AC-3(7)', 'AC-4', 'AC-4(21)', 'AC-6', 'SC-7', 'SC-7(11)', 'SC-7(16)', 'SC-7(20)', 'SC-7(21)', 'SC-7(3)', 'SC-7(4)', 'SC-7(9)'];
const PUBLIC_ACCESS_PCI321 = ['1.2.1', '1.3.1', '1.3.2', '1.3.4', '1.3.6'];
const PUBLIC_ACCESS_HIPAA = ['164.308(a)(3)(i)', '164.308(a)(4)(ii)(A)', '164.308(a)(4)(ii)(C)', '164.312(a)(1)', '164.312(e)(1)'];
const ENCRYPTION_AT_REST_NIST = ['CA-9(1)', 'CM-3(6)', 'SC-13', 'SC-28', 'SC-28(1)', 'SC-7(10)', 'SI-7(6)'];
const ENCRYPTION_AT_REST_HIPAA = ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'];
const AUDIT_LOGGING_NIST = ['AC-2(4)', 'AC-4(26)', 'AC-6(9)', 'AU-10', 'AU-12', 'AU-2', 'AU-3', 'AU-6(3)', 'AU-6(4)', 'CA-7', 'SC-7(9)', 'SI-7(8)'];
const AUDIT_LOGGING_HIPAA = ['164.308(a)(3)(ii)(A)', '164.312(b)'];
const NETWORK_INGRESS_NIST = ['AC-4', 'AC-4(21)', 'SC-7', 'SC-7(11)', 'SC-7(16)', 'SC-7(21)', 'SC-7(4)', 'SC-7(5)'];
const NETWORK_INGRESS_HIPAA = ['164.308(a)(3)(i)', '164.308(a)(3)(ii)(B)', '164.308(a)(4)(i)', '164.308(a)(4)(ii)(A)', '164.308(a)(4)(ii)(B)', '164.308(a)(4)(ii)(C)', '164.312(a)(1)', '164.312(e)(1)'];
const LEAST_PRIVILEGE_NIST = ['AC-2', 'AC-2(1)', 'AC-3', 'AC-3(15)', 'AC-3(7)', 'AC-5', 'AC-6', 'AC-6(10)', 'AC-6(2)', 'AC-6(3)'];
const LEAST_PRIVILEGE_HIPAA = ['164.308(a)(3)(i)', '164.308(a)(3)(ii)(A)', '164.308(a)(3)(ii)(B)', '164.308(a)(4)(i)', '164.308(a)(4)(ii)(A)', '164.308(a)(4)(ii)(B)', '164.308(a)(4)(ii)(C)', '164.312(a)(1)'];
const BACKUP_NIST = ['CP-10', 'CP-6(2)', 'CP-9', 'SC-5(2)', 'SI-13(5)'];
const BACKUP_HIPAA = ['164.308(a)(7)(i)', '164.308(a)(7)(ii)(A)', '164.308(a)(7)(ii)(B)'];
const MFA_NIST = ['AC-2(1)', 'AC-3(15)', 'IA-2(1)', 'IA-2(2)', 'IA-2(6)', 'IA-2(8)'];
const GUARDDUTY_NIST = ['AC-2(12)', 'AU-6(1)', 'AU-6(5)', 'CA-7', 'CM-8(3)', 'RA-3(4)', 'SA-11(1)', 'SA-11(6)', 'SA-15(2)', 'SA-15(8)', 'SA-8(19)', 'SA-8(21)', 'SA-8(25)', 'SC-5', 'SC-5(1)', 'SC-5(3)', 'SI-20', 'SI-3(8)', 'SI-4', 'SI-4(1)', 'SI-4(13)', 'SI-4(2)', 'SI-4(22)', 'SI-4(25)', 'SI-4(4)', 'SI-4(5)'];

// Framework ids checked on 2026-12-02 against:
// - controls with an FSBP id (and the FSBP controls named in `fsbp`): the "Related requirements" of the
//   AWS Security Hub CSPM control reference pages (docs.aws.amazon.com/securityhub/latest/userguide/
//   <service>-controls.html), the CIS v3.0.0 column of "Mapping of controls to CIS requirements in each
//   version" (cis-aws-foundations-benchmark.html) and the control lists of pci-standard.html (PCI DSS
//   v3.2.1, v4.0.1); CloudTrail.2 and CloudTrail.4 NIST ids from the 2023 edition of cloudtrail-controls
//   (awsdocs/aws-security-hub-user-guide). HIPAA: the ids cdk-nag's HIPAA.Security pack cites from the AWS
//   Config conformance pack "Operational Best Practices for HIPAA Security" for the Config rule the control
//   evaluates (test/controls/framework-ids.test.ts checks the catalog against both);
// - other controls: the ids cdk-nag's NIST.800.53.R5, PCI.DSS.321 and HIPAA.Security packs cite from the
//   AWS Config conformance packs for the matching Config rule (NIST items such as SC-13a and AC-3(3)(b)(1)
//   are given as their control or enhancement, SC-13 and AC-3(3)); a control no pack rule matches has none.
/** Every control, grouped by service. Order is the order of the generated documents. */
export const CONTROLS: readonly ControlEntry[] = [
  // ---------------------------------------------------------------------------------------- Batch
  control({
    id: 'EC2.8',
    title: 'EC2 instances (and Batch EC2 launch templates) require IMDSv2',
    severity: 'HIGH',
    frameworks: fw({ fsbp: ['EC2.8', 'EC2.170'], cis: ['5.6'], nist80053r5: ['AC-3', 'AC-3(15)', 'AC-3(7)', 'AC-6'], pciDss40: ['2.2.6'], hipaa: ['164.308(a)(3)(i)', '164.308(a)(4)(ii)(A)', '164.308(a)(4)(ii)(C)', '164.312(a)(1)'] }),
    enforcedBy: [{ construct: 'BatchPipeline' }],
    packRules: ['BatchEc2Imdsv2'],
    scannerChecks: [{ id: 'batch-compute-environment-imdsv2', compliantWhen: 'Judged as `CompliancePack-BatchEc2Imdsv2` judges the template (`src/controls/judgement/imdsv2.ts`), on every compute environment (`DescribeComputeEnvironments`): an `EC2` or `SPOT` one PASSes when the launch template version it names (`$Default` when it names none; `$Default` and `$Latest` as EC2 resolves them at scan time, `DescribeLaunchTemplateVersions`) sets `MetadataOptions.HttpTokens` to `required`, and FAILs when it sets `optional` or nothing, or when the compute environment has no launch template (the Batch default allows IMDSv1). Fargate and unmanaged compute environments are not applicable. A launch template version that could not be read (deleted, denied) is `ERROR`; the Region is `ERROR` when its compute environments could not be listed. Instances themselves are judged by `ec2-instance-imdsv2`.' }, { id: 'ec2-instance-imdsv2', compliantWhen: 'FSBP EC2.8 as AWS states it, with the same metadata judgement: every instance that is not shutting down or terminated (`DescribeInstances`), whoever launched it, PASSes when its `MetadataOptions.HttpTokens` is `required` or its metadata endpoint is `disabled`, and FAILs otherwise. Never not applicable. When the Region\'s instances could not be listed, the check is `ERROR` for the Region.' }],
  }),
  control({
    id: 'Batch.ExecutionRoleAuthorized',
    title: 'A Batch job definition\'s execution role may pull its image and write its logs',
    severity: 'HIGH',
    frameworks: fw({}),
    enforcedBy: [{ construct: 'BatchPipeline' }],
    packRules: ['BatchExecutionRoleAuthorized'],
    scannerChecks: [{ id: 'batch-execution-role-authorized', compliantWhen: 'Judged as `CompliancePack-BatchExecutionRoleAuthorized` judges the template (path family `execution-role`, `src/scanner/runtime/paths/execution-role.ts`), on every ACTIVE revision of every job definition (`DescribeJobDefinitions`) with an execution role, against the role\'s live identity policies (`GetAccountAuthorizationDetails`) by the policy evaluator: on Fargate, ecr:GetAuthorizationToken, and ecr:BatchGetImage and ecr:GetDownloadUrlForLayer on the ECR repository of the image (a repository of another account is undecided: its repository policy is not read); for the awslogs driver, logs:CreateLogStream and logs:PutLogEvents on a stream of the group; secretsmanager:GetSecretValue or ssm:GetParameters on each secret. FAIL when any is denied (each named); `ERROR` when one cannot be decided (policies not read, an AWS managed policy whose text is not known, a role of another account); PASS when all are allowed. Definitions without an execution role get no result.' }],
  }),
  control({
    id: 'Batch.FargateRoleTrust',
    title: 'The role of a Fargate Batch job trusts ecs-tasks.amazonaws.com',
    severity: 'HIGH',
    frameworks: fw({}),
    enforcedBy: [{ construct: 'BatchPipeline' }],
    packRules: ['BatchFargateRoleTrust'],
    scannerChecks: [{ id: 'batch-fargate-role-trust', compliantWhen: 'Judged as `CompliancePack-BatchFargateRoleTrust` judges the template, on every ACTIVE revision of every job definition (`DescribeJobDefinitions`) whose `platformCapabilities` include `FARGATE` (others are not applicable): each `jobRoleArn`, `executionRoleArn` and `taskRoleArn` of its task blocks of this account is judged against the role\'s live trust policy (`GetAccountAuthorizationDetails`) by the policy evaluator: may `ecs-tasks.amazonaws.com` call `sts:AssumeRole`, with `aws:SourceAccount` the account and `aws:SourceArn` (the task) unknown. FAIL when a role does not allow it or does not exist; `ERROR` when the answer depends on what cannot be known (a condition on the task\'s ARN) or the authorization details could not be read; PASS when every role allows it; not applicable when the definition names no role of this account (roles of other accounts are not judged).' }],
  }),
  control({
    id: 'Batch.JobRetryStrategy',
    title: 'Batch job definitions retry transient failures',
    severity: 'LOW',
    frameworks: fw({}),
    enforcedBy: [{ construct: 'BatchPipeline' }],
    packRules: ['BatchJobRetryStrategy'],
    scannerChecks: [{ id: 'batch-job-retry-strategy', compliantWhen: 'Judged as `CompliancePack-BatchJobRetryStrategy` judges the template (`src/controls/judgement/batch-job.ts`), on every ACTIVE revision of every job definition (`DescribeJobDefinitions`): PASS when `retryStrategy.attempts` is more than 1; no retry strategy, or 1 attempt, FAILs. Never not applicable. When the Region\'s job definitions could not be listed, the check is `ERROR` for the Region.' }],
  }),
  control({
    id: 'Batch.JobTimeout',
    title: 'Batch job definitions have a timeout',
    severity: 'LOW',
    frameworks: fw({}),
    enforcedBy: [{ construct: 'BatchPipeline' }],
    packRules: ['BatchJobTimeout'],
    scannerChecks: [{ id: 'batch-job-timeout', compliantWhen: 'Judged as `CompliancePack-BatchJobTimeout` judges the template (`src/controls/judgement/batch-job.ts`), on every ACTIVE revision of every job definition (`DescribeJobDefinitions`): PASS when `timeout.attemptDurationSeconds` is set; no timeout FAILs. Never not applicable. When the Region\'s job definitions could not be listed, the check is `ERROR` for the Region.' }],
  }),
  control({
    id: 'Batch.PrivilegedContainer',
    title: 'Batch containers do not run privileged (the Batch form of ECS.4)',
    severity: 'HIGH',
    frameworks: fw({ fsbp: ['ECS.4'], nist80053r5: ['AC-2(1)', 'AC-3', 'AC-3(15)', 'AC-3(7)', 'AC-5', 'AC-6'] }),
    enforcedBy: [{ construct: 'BatchPipeline' }],
    packRules: ['BatchPrivilegedContainer'],
    scannerChecks: [{ id: 'batch-no-privileged-containers', compliantWhen: 'Judged as `CompliancePack-BatchPrivilegedContainer` judges the template (`src/controls/judgement/batch-job.ts`, one walk over the definition\'s `containerProperties`, the `container` of each multi-node range, and the containers of its top-level `ecsProperties` and `eksProperties`; containers nested in a multi-node range\'s own ECS or EKS properties are not walked, by the rule or the check), on every ACTIVE revision of every job definition (`DescribeJobDefinitions`): FAIL when any container is privileged (`privileged`, or the EKS `securityContext.privileged`); PASS otherwise, a definition without containers included. Never not applicable (the template\'s deploy-time values do not exist in the account). When the Region\'s job definitions could not be listed, the check is `ERROR` for the Region.' }],
  }),
  control({
    id: 'Batch.PrivateNetwork',
    title: 'Batch compute environments run in private subnets without public IP addresses',
    severity: 'HIGH',
    frameworks: fw({}),
    enforcedBy: [{ construct: 'BatchPipeline' }],
    packRules: ['BatchPublicNetwork'],
    scannerChecks: [
      { id: 'batch-compute-environment-private-subnets', compliantWhen: 'Judged as `CompliancePack-BatchPublicNetwork` judges the template (`src/controls/judgement/batch-network.ts`), on every compute environment of the Region (`DescribeComputeEnvironments`, `DescribeSubnets`, `DescribeRouteTables`): a subnet is public when it maps public IPs on launch (`MapPublicIpOnLaunch`) or the route table it uses (its explicitly associated one, else its VPC\'s main route table) has a route of 0.0.0.0/0 or ::/0 to an internet gateway (`igw-`). FAIL when any subnet of the environment is public; PASS when all are private; not applicable for an unmanaged environment or one without subnets; `ERROR` when a subnet is not described in the Region or has no route table, or when the Region\'s compute environments, subnets or route tables could not be listed.' },
      { id: 'batch-job-no-public-ip', compliantWhen: 'Judged as `CompliancePack-BatchPublicNetwork` judges the template, on every ACTIVE revision of every job definition (`DescribeJobDefinitions`): FAIL when a task block (`containerProperties`, each of `ecsProperties.taskProperties`) sets `networkConfiguration.assignPublicIp` to `ENABLED`; otherwise PASS (unset is the Batch default, DISABLED). Never not applicable. When the Region\'s job definitions could not be listed, the check is `ERROR` for the Region.' },
    ],
  }),

  // ----------------------------------------------------------------------------------- CloudTrail
  control({
    id: 'CloudTrail.1',
    title: 'A multi-region CloudTrail trail is logging',
    severity: 'HIGH',
    frameworks: fw({ fsbp: ['CloudTrail.1'], cis: ['3.1'], nist80053r5: [...AUDIT_LOGGING_NIST, 'AU-14(1)', 'SA-8(22)', 'SI-3(8)', 'SI-4(20)'] }),
    enforcedBy: [{ construct: 'AccountAudit' }],
    scannerChecks: [{ id: 'cloudtrail-multi-region-logging', compliantWhen: 'PASS when at least one trail returned for the region is multi-region and currently logging (`IsLogging`); event selectors (management events) are not inspected. Otherwise FAIL; never not applicable.' }],
  }),
  control({
    id: 'CloudTrail.2',
    title: 'CloudTrail trails encrypt log files with KMS',
    severity: 'MEDIUM',
    frameworks: fw({ fsbp: ['CloudTrail.2'], cis: ['3.5'], nist80053r5: ['AU-9', ...ENCRYPTION_AT_REST_NIST], pciDss321: ['3.4'], pciDss40: ['10.3.2'], hipaa: ENCRYPTION_AT_REST_HIPAA }),
    enforcedBy: [{ construct: 'AccountAudit' }],
    scannerChecks: [{ id: 'cloudtrail-kms-encryption', compliantWhen: 'PASS when the trail has a KMS key set (`KmsKeyId`, any key). A trail seen outside its home region is not applicable (it is judged once, in its home region).' }],
  }),
  control({
    id: 'CloudTrail.4',
    title: 'CloudTrail trails have log file validation enabled',
    severity: 'LOW',
    frameworks: fw({ fsbp: ['CloudTrail.4'], cis: ['3.2'], nist80053r5: ['AU-9', 'SI-4', 'SI-7(1)', 'SI-7(3)', 'SI-7(7)'], pciDss321: ['10.5.2', '10.5.5'], hipaa: ['164.312(c)(1)', '164.312(c)(2)'] }),
    enforcedBy: [{ construct: 'AccountAudit' }],
    scannerChecks: [{ id: 'cloudtrail-log-validation', compliantWhen: 'PASS when log file validation is enabled. A trail seen outside its home region is not applicable.' }],
  }),
  control({
    id: 'CloudTrail.DeliveryAuthorized',
    title: 'CloudTrail may write to its bucket, log group and key',
    severity: 'HIGH',
    frameworks: fw({}),
    enforcedBy: [{ construct: 'AccountAudit' }],
    packRules: ['CloudTrailDeliveryAuthorized'],
    scannerChecks: [{ id: 'cloudtrail-delivery-authorized', compliantWhen: 'The paths `CompliancePack-CloudTrailDeliveryAuthorized` judges (family `cloudtrail-delivery`), built from the live account and judged by the same evaluator: cloudtrail.amazonaws.com\'s s3:GetBucketAcl and s3:PutObject (`bucket-owner-full-control`, `aws:SourceArn` of the trail, `aws:SourceAccount`, the SSE-KMS headers of the trail\'s key) under the bucket policy of the trail\'s bucket, and the CloudWatch Logs role\'s logs:CreateLogStream and logs:PutLogEvents on its log group under the role\'s identity policies. PASS when every path is allowed; FAIL when one is denied, or when GetTrailStatus reports a `LatestDeliveryError` or `LatestCloudWatchLogsDeliveryError`; `ERROR` when one cannot be decided (a bucket the account does not list, such as another account\'s, a policy that could not be read, an AWS managed policy of the role whose text is not known). The key\'s use and the role\'s trust are judged by their own families, as at synth time. A trail seen outside its home Region, or that names no bucket, is not applicable.' }],
  }),

  // ----------------------------------------------------------------------------------- CloudWatch
  control({
    id: 'CloudWatch.AlarmActionAuthorized',
    title: 'CloudWatch alarms may publish to their action topics',
    severity: 'HIGH',
    frameworks: fw({}),
    enforcedBy: [{ construct: 'BatchPipeline' }, { construct: 'ComplianceScanner' }],
    packRules: ['AlarmActionAuthorized'],
    scannerChecks: [{ id: 'cloudwatch-alarm-action-authorized', compliantWhen: 'The `alarm-action` data paths of `CompliancePack-AlarmActionAuthorized`, built from the live account (`src/scanner/runtime/paths/alarm-action.ts`, `target-delivery.ts`): for each SNS topic among a metric or composite alarm\'s alarm, OK and insufficient-data actions (`DescribeAlarms`), `cloudwatch.amazonaws.com` `sns:Publish` with `aws:SourceArn` (the alarm) and `aws:SourceAccount` is judged by `evaluateRequest` against the topic\'s live `Policy` (SNS\'s default policy when it has none). PASS when every such request is allowed; FAIL when one is denied, or names a topic of the account and Region that does not exist; `ERROR` when one cannot be decided (a topic of another account or Region, a topic whose attributes could not be read). The use of the topic\'s key is built as a `key-use` path, which this check does not judge (it is `KmsKeyUseAuthorized`\'s family at synth time). An alarm with no SNS action is not applicable.' }],
  }),

  // --------------------------------------------------------------------------------------- Config
  control({
    id: 'Config.1',
    title: 'AWS Config is recording (a Config rule has a recorder)',
    severity: 'HIGH',
    frameworks: fw({ fsbp: ['Config.1'], cis: ['3.3'], nist80053r5: ['CM-3', 'CM-6(1)', 'CM-8', 'CM-8(2)'], pciDss321: ['10.5.2', '11.5'] }),
    enforcedBy: [{ construct: 'AccountAudit', weakenedBy: 'configRecorderMode' }],
    packRules: ['ConfigRuleWithoutRecorder'],
    scannerChecks: [{ id: 'config-recorder-recording', compliantWhen: 'Per Region, judged as `CompliancePack-ConfigRuleWithoutRecorder` judges the app (`src/controls/judgement/config-recording.ts`): PASS when the Region has a configuration recorder and a delivery channel and `DescribeConfigurationRecorderStatus` reports a recorder `recording`; no recorder, no delivery channel or a stopped recorder FAILs. What the recorder records (`allSupported`) and its last delivery status are not judged. A Region whose recorders, status or channels could not be read is `ERROR`. Never not applicable.' }],
  }),
  control({
    id: 'Config.DeliveryAuthorized',
    title: 'AWS Config may deliver to its bucket and topic',
    severity: 'HIGH',
    frameworks: fw({}),
    enforcedBy: [{ construct: 'AccountAudit' }],
    packRules: ['ConfigDeliveryAuthorized'],
    scannerChecks: [{ id: 'config-delivery-authorized', compliantWhen: 'The paths `CompliancePack-ConfigDeliveryAuthorized` judges (family `config-delivery`), built from the Region\'s live delivery channels (DescribeDeliveryChannels) and judged by the same evaluator: AWS Config delivers with the recorder\'s role (its identity policies), or with its service-linked role as config.amazonaws.com (`aws:SourceAccount`, `aws:SourceArn`), s3:GetBucketAcl and s3:PutObject (`bucket-owner-full-control`, the SSE-KMS headers of `s3KmsKeyArn`) on the channel\'s bucket under its bucket policy. PASS when every path is allowed, FAIL when one is denied; `ERROR` when one cannot be decided (a bucket the account does not list, such as another account\'s, a policy that could not be read), and for a channel with an SNS topic, whose policy the scanner does not read. The key\'s use and the recorder role\'s trust are judged by their own families. A Region without a delivery channel has no result here (`config-recorder-recording` judges that).' }],
  }),

  // ------------------------------------------------------------------------------------- DynamoDB
  control({
    id: 'DynamoDB.CustomerManagedKey',
    title: 'DynamoDB tables are encrypted with a customer managed KMS key',
    severity: 'MEDIUM',
    frameworks: fw({}),
    enforcedBy: [{ construct: 'BatchPipeline' }, { construct: 'ComplianceScanner' }],
    packRules: ['DynamoDbCustomerManagedKey'],
    scannerChecks: [{ id: 'dynamodb-table-kms-cmk', compliantWhen: 'Judged as `CompliancePack-DynamoDbCustomerManagedKey` judges the template (`src/controls/judgement/dynamodb-kms.ts`): PASS when `DescribeTable` reports `SSEType` `KMS` with a key that the region\'s keys (ListKeys, DescribeKey) say is customer managed (a key of another account is); the AWS managed `aws/dynamodb` key FAILs, as does the AWS owned key (no `SSEDescription`). A table whose description could not be read, or whose key of the account is not listed, is `ERROR`, and the region is `ERROR` when its keys could not be read. Never not applicable.' }],
  }),
  control({
    id: 'DynamoDB.2',
    title: 'DynamoDB tables have point-in-time recovery enabled',
    severity: 'MEDIUM',
    frameworks: fw({ fsbp: ['DynamoDB.2'], nist80053r5: [...BACKUP_NIST, 'SI-12'], hipaa: BACKUP_HIPAA }),
    enforcedBy: [{ construct: 'BatchPipeline' }, { construct: 'ComplianceScanner' }],
    packRules: ['DynamoDbPointInTimeRecovery'],
    stockNagRules: ['AwsSolutions-DDB3', 'HIPAA.Security-DynamoDBPITREnabled', 'NIST.800.53.R5-DynamoDBPITREnabled'],
    nagControl: 'DYNAMODB_PITR',
    scannerChecks: [{ id: 'dynamodb-pitr-enabled', compliantWhen: 'PASS when `DescribeContinuousBackups` reports `PointInTimeRecoveryStatus` `ENABLED` (the mapping `CompliancePack-DynamoDbPointInTimeRecovery` applies to the template, `src/controls/judgement/dynamodb-pitr.ts`); `DISABLED` or none FAILs, a table whose status could not be read is `ERROR`. Never not applicable.' }],
  }),
  control({
    id: 'DynamoDB.4',
    title: 'DynamoDB tables are in an AWS Backup plan',
    severity: 'MEDIUM',
    frameworks: fw({ fsbp: ['DynamoDB.4'], nist80053r5: [...BACKUP_NIST, 'CP-6', 'CP-6(1)', 'SI-12'], hipaa: BACKUP_HIPAA }),
    enforcedBy: [{ construct: 'BatchPipeline', weakenedBy: 'backup' }],
    stockNagRules: ['HIPAA.Security-DynamoDBInBackupPlan', 'NIST.800.53.R5-DynamoDBInBackupPlan'],
    nagControl: 'DYNAMODB_BACKUP_PLAN',
    scannerChecks: [{ id: 'dynamodb-table-in-backup-plan', compliantWhen: 'PASS when a backup selection of an AWS Backup plan of the table\'s Region assigns it by ARN: an ARN or pattern of `Resources` (`*` matching any run of characters) matches the table\'s ARN, none of `NotResources` does, and the selection has no tag `Conditions` (`src/controls/judgement/backup-selection.ts`); FAIL when no selection can assign it. A selection that could assign it only through tags (`ListOfTags`, or `Conditions`; the table\'s tags are not read) or that could not be read (GetBackupSelection) makes the table `ERROR`, naming the selection; plans that could not be listed make every table `ERROR`. Resource type opt-in (DescribeRegionSettings) is not read. Never not applicable.' }],
  }),

  // ------------------------------------------------------------------------------------------ EC2
  control({
    id: 'EC2.1',
    title: 'EBS snapshots are not publicly restorable',
    severity: 'CRITICAL',
    frameworks: fw({ fsbp: ['EC2.1'], nist80053r5: PUBLIC_ACCESS_NIST, pciDss321: ['1.2.1', '1.3.1', '1.3.4', '7.2.1'] }),
    scannerChecks: [{ id: 'ec2-ebs-snapshot-not-public', compliantWhen: 'Each snapshot the account owns PASSes unless `DescribeSnapshots` lists it as restorable by `all`; sharing with named accounts is not judged.' }],
  }),
  control({
    id: 'EC2.2',
    title: 'The default security group of every VPC allows no inbound or outbound traffic',
    severity: 'HIGH',
    frameworks: fw({ fsbp: ['EC2.2'], cis: ['5.4'], nist80053r5: NETWORK_INGRESS_NIST, pciDss321: ['1.2.1', '1.3.4', '2.1'] }),
    enforcedBy: [{ construct: 'AuditedVpc' }],
    scannerChecks: [{ id: 'ec2-default-security-group-closed', compliantWhen: 'PASS when the group named `default` has no inbound and no outbound rule; every other group is not applicable. Default groups of default VPCs and unused default groups are judged alike.' }],
  }),
  control({
    id: 'EC2.3',
    title: 'Attached EBS volumes are encrypted at rest',
    severity: 'MEDIUM',
    frameworks: fw({ fsbp: ['EC2.3'], nist80053r5: ENCRYPTION_AT_REST_NIST }),
    scannerChecks: [{ id: 'ec2-ebs-attached-volume-encrypted', compliantWhen: 'PASS when the volume is encrypted (any key). A volume attached to no instance is not applicable.' }],
  }),
  control({
    id: 'EC2.6',
    title: 'Every VPC has VPC flow logging of rejected traffic',
    severity: 'MEDIUM',
    frameworks: fw({ fsbp: ['EC2.6'], cis: ['3.7'], nist80053r5: ['AC-4(26)', 'AU-12', 'AU-2', 'AU-3', 'AU-6(3)', 'AU-6(4)', 'CA-7', 'SI-7(8)'], pciDss321: ['10.3.3', '10.3.4', '10.3.5', '10.3.6'], hipaa: AUDIT_LOGGING_HIPAA }),
    enforcedBy: [{ construct: 'AuditedVpc' }],
    packRules: ['VpcFlowLogs'],
    stockNagRules: ['AwsSolutions-VPC7', 'HIPAA.Security-VPCFlowLogsEnabled', 'NIST.800.53.R5-VPCFlowLogsEnabled', 'PCI.DSS.321-VPCFlowLogsEnabled'],
    nagControl: 'VPC_FLOW_LOGS',
    scannerChecks: [{ id: 'ec2-vpc-flow-logs-enabled', compliantWhen: 'PASS when a flow log attached to the VPC itself is `ACTIVE` with traffic type `ALL` or `REJECT` (the rule of `CompliancePack-VpcFlowLogs`, `src/controls/judgement/flow-logs.ts`); `ACCEPT`-only logs and subnet or interface flow logs do not count. Default VPCs are judged alike; never not applicable.' }],
  }),
  control({
    id: 'EC2.7',
    title: 'EBS encryption by default is enabled in the region',
    severity: 'MEDIUM',
    frameworks: fw({ fsbp: ['EC2.7'], cis: ['2.2.1'], nist80053r5: ENCRYPTION_AT_REST_NIST }),
    scannerChecks: [{ id: 'ec2-ebs-encryption-by-default', compliantWhen: 'PASS when EBS encryption by default is on in the region; the default key is not inspected.' }],
  }),
  control({
    id: 'EC2.13',
    title: 'Security groups do not allow SSH (22) from 0.0.0.0/0 or ::/0',
    severity: 'HIGH',
    frameworks: fw({ fsbp: ['EC2.13'], nist80053r5: [...NETWORK_INGRESS_NIST, 'CM-7'], pciDss321: ['1.2.1', '1.3.1', '2.2.2'], pciDss40: ['1.3.1'], hipaa: NETWORK_INGRESS_HIPAA }),
    scannerChecks: [{ id: 'ec2-sg-no-public-ssh', compliantWhen: 'PASS when no inbound rule from an IPv4 or IPv6 internet CIDR reaches TCP 22.' }],
  }),
  control({
    id: 'EC2.14',
    title: 'Security groups do not allow RDP (3389) from 0.0.0.0/0 or ::/0',
    severity: 'HIGH',
    frameworks: fw({ fsbp: ['EC2.14'], pciDss40: ['1.3.1'] }),
    scannerChecks: [{ id: 'ec2-sg-no-public-rdp', compliantWhen: 'PASS when no inbound rule from an IPv4 or IPv6 internet CIDR reaches TCP 3389.' }],
  }),
  control({
    id: 'EC2.16',
    title: 'Unused network ACLs are removed',
    severity: 'LOW',
    frameworks: fw({ fsbp: ['EC2.16'], nist80053r5: ['CM-8(1)'], pciDss40: ['1.2.7'] }),
    scannerChecks: [{ id: 'ec2-nacl-unused', compliantWhen: 'PASS when the ACL is associated with at least one subnet. The default ACL of a VPC is not applicable.' }],
  }),
  control({
    id: 'EC2.18',
    title: 'Security groups do not allow all traffic (protocol -1) from the internet',
    severity: 'CRITICAL',
    frameworks: fw({ fsbp: ['EC2.18'], nist80053r5: NETWORK_INGRESS_NIST }),
    scannerChecks: [{ id: 'ec2-sg-no-public-all-traffic', compliantWhen: 'PASS when no inbound rule with protocol all traffic (`-1`) has an IPv4 or IPv6 internet CIDR; rules for TCP port ranges, even 0-65535, do not count here.' }],
  }),
  control({
    id: 'EC2.19',
    title: 'Security groups do not allow unrestricted access to high-risk ports',
    severity: 'HIGH',
    frameworks: fw({ fsbp: ['EC2.19'], nist80053r5: [...NETWORK_INGRESS_NIST, 'CA-9(1)', 'CM-2', 'CM-2(2)', 'CM-7'], hipaa: NETWORK_INGRESS_HIPAA }),
    scannerChecks: [{ id: 'ec2-sg-no-public-high-risk-ports', compliantWhen: 'PASS when no inbound rule from an IPv4 or IPv6 internet CIDR reaches any of TCP 20, 21, 22, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 3389, 4333, 5000, 5432, 5500, 5601, 8080, 8088, 8888, 9200, 9300.' }],
  }),
  control({
    id: 'EC2.21',
    title: 'Network ACLs do not allow ingress from the internet to remote administration ports',
    severity: 'MEDIUM',
    frameworks: fw({ fsbp: ['EC2.21'], cis: ['5.1'], nist80053r5: ['AC-4(21)', 'CA-9(1)', 'CM-2', 'CM-2(2)', 'CM-7', 'SC-7', 'SC-7(21)', 'SC-7(5)'], pciDss40: ['1.3.1'] }),
    scannerChecks: [{ id: 'ec2-nacl-no-public-admin-ports', compliantWhen: 'PASS when, for each of TCP 22 and 3389 and for IPv4 and IPv6, the first inbound entry (lowest rule number) with an internet CIDR that reaches the port is a deny, or there is none. Entries with narrower CIDRs are skipped; ACLs associated with no subnet are judged too.' }],
  }),
  control({
    id: 'EC2.53',
    title: 'Security groups do not allow remote administration ports from 0.0.0.0/0',
    severity: 'HIGH',
    frameworks: fw({ fsbp: ['EC2.53'], cis: ['5.2'], pciDss40: ['1.3.1'] }),
    scannerChecks: [{ id: 'ec2-sg-no-ipv4-admin-ports', compliantWhen: 'PASS when no inbound rule from an IPv4 internet CIDR reaches TCP 22 or 3389. Every group is judged (default and unused groups included).' }],
  }),
  control({
    id: 'EC2.54',
    title: 'Security groups do not allow remote administration ports from ::/0',
    severity: 'HIGH',
    frameworks: fw({ fsbp: ['EC2.54'], cis: ['5.3'], pciDss40: ['1.3.1'] }),
    scannerChecks: [{ id: 'ec2-sg-no-ipv6-admin-ports', compliantWhen: 'PASS when no inbound rule from an IPv6 internet CIDR reaches TCP 22 or 3389. Every group is judged.' }],
  }),
  control({
    id: 'EC2.FlowLogDeliveryAuthorized',
    title: 'VPC flow logs may deliver to their log group or bucket',
    severity: 'HIGH',
    frameworks: fw({}),
    enforcedBy: [{ construct: 'AuditedVpc' }],
    packRules: ['FlowLogDeliveryAuthorized'],
    scannerChecks: [{ id: 'ec2-flow-log-delivery-authorized', compliantWhen: 'The paths `CompliancePack-FlowLogDeliveryAuthorized` judges (family `flow-log-delivery`), built from the live account and judged by the same evaluator: to CloudWatch Logs, the `DeliverLogsPermissionArn` role\'s logs:CreateLogStream and logs:PutLogEvents on the log group under its identity policies; to S3, delivery.logs.amazonaws.com\'s s3:GetBucketAcl and s3:PutObject (`bucket-owner-full-control`, `aws:SourceAccount`, `aws:SourceArn` of CloudWatch Logs in the Region) under the bucket policy. PASS when every path is allowed; FAIL when one is denied or `DescribeFlowLogs` reports `DeliverLogsStatus` `FAILED`; `ERROR` when one cannot be decided (a bucket the account does not list, a policy that could not be read). The role\'s trust and the bucket key\'s use are judged by their own families, as at synth time. A flow log to Kinesis Data Firehose, or with no role or destination, is not applicable.' }],
  }),
  control({
    id: 'EC2.NoOpenEgress',
    title: 'Security groups do not allow all outbound traffic',
    severity: 'HIGH',
    frameworks: fw({}),
    enforcedBy: [{ construct: 'AuditedVpc', weakenedBy: 'allowEgressTo' }, { construct: 'BatchPipeline', weakenedBy: 'securityGroup' }],
    packRules: ['SecurityGroupOpenEgress'],
    scannerChecks: [{ id: 'ec2-sg-no-open-egress', compliantWhen: 'PASS when no outbound rule (`IpPermissionsEgress`) of the group has a destination CIDR of prefix length 0 (`0.0.0.0/0`, `::/0`), whatever its protocol and ports, the judgement of `CompliancePack-SecurityGroupOpenEgress` (`src/controls/judgement/open-egress.ts`); a group with no outbound rule passes (it allows none; in a template no rule means AWS\'s default allow-all). Every group is judged, default groups included; never not applicable.' }],
  }),
  control({
    id: 'EC2.GatewayEndpointRouteTables',
    title: 'VPC gateway endpoints are attached to every route table',
    severity: 'HIGH',
    frameworks: fw({}),
    enforcedBy: [{ construct: 'AuditedVpc' }],
    packRules: ['VpcGatewayEndpointRouteTables'],
    scannerChecks: [{ id: 'ec2-vpc-gateway-endpoint-route-tables', compliantWhen: 'Judged as `CompliancePack-VpcGatewayEndpointRouteTables` judges the template (`src/controls/judgement/gateway-endpoints.ts`), on every VPC endpoint of the Region (`DescribeVpcEndpoints`): a `Gateway` endpoint PASSes when `RouteTableIds` names at least one route table and FAILs when it names none; `Interface`, `GatewayLoadBalancer` and other endpoint types have no route tables and are not applicable. When the Region\'s endpoints could not be listed, the check is `ERROR` for the Region.' }],
  }),

  // --------------------------------------------------------------------------------- EventBridge
  control({
    id: 'Events.TargetAuthorized',
    title: 'EventBridge rules may deliver to their targets',
    severity: 'HIGH',
    frameworks: fw({}),
    enforcedBy: [{ construct: 'AccountAudit' }, { construct: 'BatchPipeline' }, { construct: 'ComplianceScanner' }],
    packRules: ['EventsRuleTargetAuthorized'],
    scannerChecks: [{ id: 'events-target-authorized', compliantWhen: 'The `events-target` data paths of `CompliancePack-EventsRuleTargetAuthorized`, built from the live account (`src/scanner/runtime/paths/events-target.ts`, `target-delivery.ts`): for each target of each rule of each event bus (`ListEventBuses`, `ListRules`, `ListTargetsByRule`), `events.amazonaws.com` with `aws:SourceArn` (the rule) and `aws:SourceAccount`, or the target\'s `RoleArn` with its identity policies, delivering to the target (`sns:Publish` against the live topic policy, `sqs:SendMessage` against the queue policy, `lambda:InvokeFunction` against the function policy, `states:StartExecution`, `events:PutEvents`, `batch:SubmitJob`), and `events.amazonaws.com` sending to its dead-letter queue, judged by `evaluateRequest`. PASS when every delivery is allowed; FAIL when one is denied or names a topic, queue or function of the account and Region that does not exist; `ERROR` when one cannot be decided (a target of another account or Region delivered to as the service, a policy or role the scanner could not read, a log group target) or the rule\'s targets could not be listed. The role\'s trust and the target key\'s use are built as `role-trust` and `key-use` paths, which this check does not judge. A rule without targets, or whose targets are all of other kinds, is not applicable.' }],
  }),
  control({
    id: 'Scheduler.TargetAuthorized',
    title: 'EventBridge Scheduler schedules may invoke their targets',
    severity: 'HIGH',
    frameworks: fw({}),
    enforcedBy: [{ construct: 'BatchPipeline' }, { construct: 'ComplianceScanner' }],
    packRules: ['SchedulerTargetAuthorized'],
    scannerChecks: [{ id: 'scheduler-target-authorized', compliantWhen: 'The paths of the synth-time model built from the live schedules (ListSchedules, GetSchedule; `src/scanner/runtime/paths/scheduler-target.ts`) and judged by `evaluateRequest`: the schedule\'s execution role (its inline and attached policies from the IAM authorization details) calling its target (`sns:Publish`, `sqs:SendMessage`, `lambda:InvokeFunction`, `states:StartExecution`, `events:PutEvents`, `batch:SubmitJob` on the target\'s ARN; a universal target `aws-sdk:<service>:<action>` as `<IAM prefix>:<Action>`, allowed only by a grant on every resource since the resources its input names are not known) and sending to its dead-letter queue (`sqs:SendMessage`). PASS when every path is allowed, FAIL naming each denied path, `ERROR` when one is undecidable (a role of another account or absent from the authorization details, an AWS managed policy whose text is not known, a universal target whose action the role does not allow on `*`) or the schedule or a target\'s policy could not be read. Each delivery goes through the shared `deliver` (`target-delivery.ts`): the role\'s identity policies and the target\'s live resource policy (topic, queue, function) together, as AWS evaluates a request within one account (either may allow; an explicit deny in either denies); a topic, queue or function of the account and Region that does not exist is denied. A schedule whose target is of another kind (ECS, Kinesis, SageMaker, ...) is not applicable. The role\'s trust (`role-trust`) is recorded but judged by IAM.RoleTrustAuthorized, as at synth time.' }],
  }),

  // ------------------------------------------------------------------------------------ GuardDuty
  control({
    id: 'GuardDuty.FindingsRoute',
    title: 'GuardDuty is enabled and its findings are routed to someone',
    severity: 'HIGH',
    frameworks: fw({ fsbp: ['GuardDuty.1'], nist80053r5: GUARDDUTY_NIST, pciDss321: ['11.4'], pciDss40: ['11.5.1'] }),
    enforcedBy: [{ construct: 'AccountAudit' }],
    packRules: ['GuardDutyFindingsRoute'],
    scannerChecks: [{ id: 'guardduty-enabled-findings-routed', compliantWhen: 'Per Region, judged as `CompliancePack-GuardDutyFindingsRoute` judges the app (`src/controls/judgement/guardduty-route.ts`): PASS when the detector (`ListDetectors`, `GetDetector`) is `ENABLED` and a rule on the default event bus (`ListRules`, `ListTargetsByRule`) that is not `DISABLED` matches source `aws.guardduty` and has at least one target; a disabled detector, or no such rule, FAILs, and so does a Region without a detector. Whether the targets may be delivered to is `events-target-authorized`\'s. A detector that could not be read is `ERROR`, as is one whose route is not known (the rules, or the targets of a matching rule, could not be read). Never not applicable.' }],
  }),

  // ------------------------------------------------------------------------------------------ IAM
  control({
    id: 'IAM.28',
    title: 'An IAM Access Analyzer external access analyzer is enabled',
    severity: 'HIGH',
    frameworks: fw({ fsbp: ['IAM.28'], cis: ['1.20'] }),
    enforcedBy: [{ construct: 'AccountAudit', weakenedBy: 'accessAnalyzer' }],
    scannerChecks: [{ id: 'iam-access-analyzer-enabled', compliantWhen: 'Per Region: PASS when `ListAnalyzers` returns an analyzer of type `ACCOUNT` or `ORGANIZATION` (external access) with status `ACTIVE`; none of these types, or only ones `CREATING`, `DISABLED` or `FAILED`, FAILs; unused-access and internal-access analyzers do not count. A Region whose analyzers could not be listed is `ERROR`. Never not applicable.' }],
  }),
  control({
    id: 'IAM.1',
    title: 'Customer managed policies do not allow "*" actions on "*" resources',
    severity: 'HIGH',
    frameworks: fw({ fsbp: ['IAM.1'], nist80053r5: LEAST_PRIVILEGE_NIST, pciDss321: ['7.2.1'], hipaa: LEAST_PRIVILEGE_HIPAA }),
    scannerChecks: [{ id: 'iam-no-admin-star-policy', compliantWhen: 'FAIL when a statement has `Effect` `Allow`, an `Action` containing exactly `*`, a `Resource` containing `*` and no `Condition`; `NotAction` and service wildcards (`s3:*`) do not count. AWS managed policies and policies attached to nothing are not applicable.' }],
  }),
  control({
    id: 'IAM.2',
    title: 'IAM users receive permissions only through groups or roles',
    severity: 'LOW',
    frameworks: fw({ fsbp: ['IAM.2'], cis: ['1.15'], nist80053r5: ['AC-2', 'AC-2(1)', 'AC-3', 'AC-3(15)', 'AC-3(7)', 'AC-6', 'AC-6(3)'], pciDss321: ['7.2.1'], hipaa: LEAST_PRIVILEGE_HIPAA }),
    scannerChecks: [{ id: 'iam-user-no-direct-policies', compliantWhen: 'PASS when the user has no attached managed policy and no inline policy; permissions through groups are not judged. Never not applicable.' }],
  }),
  control({
    id: 'IAM.3',
    title: 'Active IAM access keys are rotated within 90 days',
    severity: 'MEDIUM',
    frameworks: fw({ fsbp: ['IAM.3'], cis: ['1.14'], nist80053r5: ['AC-2(1)', 'AC-2(3)', 'AC-3(15)'], pciDss40: ['8.3.9', '8.6.3'] }),
    scannerChecks: [{ id: 'iam-access-key-rotation', compliantWhen: 'PASS when every active access key was last rotated at most 90 whole days ago; a key with no rotation date FAILs. Users without an active key are not applicable; the root user is not judged here.' }],
  }),
  control({
    id: 'IAM.4',
    title: 'The root user has no access keys',
    severity: 'CRITICAL',
    frameworks: fw({ fsbp: ['IAM.4'], cis: ['1.4'], nist80053r5: ['AC-2(1)', 'AC-3(15)', 'AC-3(7)', 'AC-6', 'AC-6(10)', 'AC-6(2)'], pciDss321: ['2.1', '2.2', '7.2.1'] }),
    scannerChecks: [{ id: 'iam-root-no-access-keys', compliantWhen: 'PASS when the account summary reports no `AccountAccessKeysPresent`.' }],
  }),
  control({
    id: 'IAM.5',
    title: 'IAM users with a console password have MFA enabled',
    severity: 'HIGH',
    frameworks: fw({ fsbp: ['IAM.5'], cis: ['1.10'], nist80053r5: MFA_NIST, pciDss40: ['8.4.2'] }),
    scannerChecks: [{ id: 'iam-console-user-mfa', compliantWhen: 'PASS when the user has MFA active. Users without a console password are not applicable; the root user is not judged here.' }],
  }),
  control({
    id: 'IAM.7',
    title: 'The password policy requires upper, lower, number and symbol characters',
    severity: 'MEDIUM',
    frameworks: fw({ fsbp: ['IAM.7'], nist80053r5: ['AC-2(1)', 'AC-2(3)', 'AC-3(15)', 'IA-5(1)'], pciDss40: ['8.3.6', '8.3.7', '8.3.9', '8.3.10.1', '8.6.3'] }),
    scannerChecks: [{ id: 'iam-password-policy-strong', compliantWhen: 'PASS when uppercase, lowercase, numbers and symbols are all required; an account without a password policy FAILs.' }],
  }),
  control({
    id: 'IAM.9',
    title: 'The root user has MFA enabled',
    severity: 'CRITICAL',
    frameworks: fw({ fsbp: ['IAM.9'], cis: ['1.5'], nist80053r5: MFA_NIST, pciDss321: ['8.3.1'], pciDss40: ['8.4.2'] }),
    scannerChecks: [{ id: 'iam-root-mfa', compliantWhen: 'PASS when the account summary reports `AccountMFAEnabled` (virtual and hardware MFA alike).' }],
  }),
  control({
    id: 'IAM.15',
    title: 'The password policy requires at least 14 characters',
    severity: 'MEDIUM',
    frameworks: fw({ fsbp: ['IAM.15'], cis: ['1.8'] }),
    scannerChecks: [{ id: 'iam-password-policy-length', compliantWhen: 'PASS when `MinimumPasswordLength` is 14 or more; an account without a password policy FAILs.' }],
  }),
  control({
    id: 'IAM.16',
    title: 'The password policy prevents reuse of the last 24 passwords',
    severity: 'LOW',
    frameworks: fw({ fsbp: ['IAM.16'], cis: ['1.9'], pciDss40: ['8.3.7'] }),
    scannerChecks: [{ id: 'iam-password-policy-reuse', compliantWhen: 'PASS when `PasswordReusePrevention` is 24 or more (unset counts as 0); an account without a password policy FAILs.' }],
  }),
  control({
    id: 'IAM.22',
    title: 'IAM credentials unused for 45 days are disabled',
    severity: 'MEDIUM',
    frameworks: fw({ fsbp: ['IAM.22'], cis: ['1.12'] }),
    scannerChecks: [{ id: 'iam-unused-credentials', compliantWhen: 'FAIL when the console password or an active access key was last used more than 45 whole days ago (never used: counted from the password change or key rotation); a credential with neither date passes. Users with no password and no active key are not applicable; the root user is not judged here.' }],
  }),
  control({
    id: 'IAM.NoWriteOnWildcardResource',
    title: 'IAM policies do not allow write actions on every resource',
    severity: 'HIGH',
    frameworks: fw({}),
    enforcedBy: [{ construct: 'AccountAudit' }, { construct: 'BatchPipeline' }, { construct: 'ComplianceScanner' }],
    packRules: ['IamWriteOnWildcardResource'],
    scannerChecks: [{ id: 'iam-no-write-on-wildcard-resource', compliantWhen: 'Judges each role of GetAccountAuthorizationDetails over its inline policies and the customer managed policies attached to it, each with the judgement of `CompliancePack-IamWriteOnWildcardResource` (`src/controls/judgement/write-on-wildcard.ts`): FAIL naming every policy whose Allow statements grant, on `Resource: "*"`, an action that may write (not a read verb, not one AWS authorizes only on `*`) or a NotAction; PASS otherwise. Service-linked roles are not applicable; AWS managed policies are not judged; users, groups and unattached policies are not inspected.' }],
  }),
  control({
    id: 'IAM.LambdaRoleNoInlinePolicy',
    title: 'Lambda execution roles carry no inline policies',
    severity: 'HIGH',
    frameworks: fw({ nist80053r5: ['AC-2', 'AC-2(1)', 'AC-2(6)', 'AC-3', 'AC-3(3)', 'AC-3(4)', 'AC-3(7)', 'AC-3(8)', 'AC-3(12)', 'AC-3(13)', 'AC-3(15)', 'AC-4(28)', 'AC-6', 'AC-6(3)', 'AC-24', 'CM-5(1)', 'CM-6', 'CM-9', 'MP-2', 'SC-23(3)'], pciDss321: ['2.2', '7.1.2', '7.1.3', '7.2.1', '7.2.2'], hipaa: LEAST_PRIVILEGE_HIPAA }),
    enforcedBy: [{ construct: 'ComplianceScanner' }, { construct: 'AuditedVpc' }],
    packRules: ['LambdaRoleInlinePolicy'],
    scannerChecks: [{ id: 'iam-lambda-role-no-inline-policy', compliantWhen: 'Judges each role of GetAccountAuthorizationDetails whose trust policy allows `lambda.amazonaws.com` or `edgelambda.amazonaws.com` (the judgement of a Lambda role `CompliancePack-LambdaRoleInlinePolicy` applies, `src/controls/judgement/lambda-role.ts`; a function can only run with such a role): PASS when it has no inline policy (`RolePolicyList`), FAIL naming its inline policies otherwise. Roles Lambda may not assume and service-linked roles (`/aws-service-role/`) are not applicable; attached managed policies are not inspected.' }],
  }),
  control({
    id: 'IAM.RoleTrustAuthorized',
    title: 'A role a service must assume trusts that service',
    severity: 'HIGH',
    frameworks: fw({}),
    enforcedBy: [{ construct: 'AccountAudit' }, { construct: 'BatchPipeline' }, { construct: 'ComplianceScanner' }],
    packRules: ['RoleTrustAuthorized'],
    scannerChecks: [{ id: 'iam-role-trust-authorized', compliantWhen: 'Per resource that names a role a service must assume (Lambda functions: `lambda.amazonaws.com`; Batch job definitions\' job, task and execution roles: `ecs-tasks.amazonaws.com` with `aws:SourceAccount`; Batch compute environments\' service role: `batch.amazonaws.com`; Step Functions state machines: `states.amazonaws.com` with `aws:SourceAccount` and `aws:SourceArn`; AWS Config recorders: `config.amazonaws.com` with `aws:SourceAccount`; the table `src/controls/judgement/role-trust.ts` the path model uses): PASS when each role\'s live trust policy (GetAccountAuthorizationDetails) allows the service sts:AssumeRole with the context it sends, judged by `evaluateRequest` as `CompliancePack-RoleTrustAuthorized` does; FAIL when one denies it or the role does not exist in the account; ERROR when one cannot be decided (the authorization details not read, a condition on a value not known ahead such as the task ARN). Roles of other accounts and service-linked roles are not judged (no result). EventBridge rules and schedules, trails, flow logs and instance profiles are not yet read.' }],
  }),

  // ------------------------------------------------------------------------------------------ KMS
  control({
    id: 'KMS.3',
    title: 'Customer managed KMS keys are not scheduled for deletion unintentionally',
    severity: 'HIGH',
    frameworks: fw({ fsbp: ['KMS.3'], nist80053r5: ['SC-12', 'SC-12(2)'] }),
    enforcedBy: [{ construct: 'ComplianceKey', weakenedBy: 'removalPolicy' }],
    scannerChecks: [{ id: 'kms-key-not-pending-deletion', compliantWhen: 'PASS unless the key state is `PendingDeletion` or `PendingReplicaDeletion` (disabled keys pass). AWS managed keys are not applicable.' }],
  }),
  control({
    id: 'KMS.4',
    title: 'Customer managed symmetric KMS keys have automatic rotation enabled',
    severity: 'MEDIUM',
    frameworks: fw({ fsbp: ['KMS.4'], cis: ['3.6'], nist80053r5: ['SC-12', 'SC-12(2)', 'SC-28(3)'], pciDss321: ['3.6.4'], pciDss40: ['3.7.4'] }),
    enforcedBy: [{ construct: 'ComplianceKey' }],
    scannerChecks: [{ id: 'kms-key-rotation', compliantWhen: 'PASS when automatic rotation is enabled. Not applicable: AWS managed keys, key specs other than `SYMMETRIC_DEFAULT`, origins other than `AWS_KMS` (imported material, custom key stores) and keys not in state `Enabled`.' }],
  }),
  control({
    id: 'KMS.NoKmsStar',
    title: 'Key policies grant kms:* to no one, the account root included',
    severity: 'HIGH',
    frameworks: fw({}),
    enforcedBy: [{ construct: 'ComplianceKey' }],
    packRules: ['KmsKeyPolicyNoKmsStar'],
    scannerChecks: [{ id: 'kms-key-policy-no-kms-star', compliantWhen: 'Judged as `CompliancePack-KmsKeyPolicyNoKmsStar` judges the template (`src/controls/judgement/kms-key-policy.ts`): a customer managed key PASSes when no `Allow` statement of its policy (GetKeyPolicy `default`) has the action `kms:*` or `*`, whoever the principal (the account root included, so the default key policy AWS writes FAILs). AWS managed keys are not applicable; a key whose policy could not be read is `ERROR`.' }],
  }),
  control({
    id: 'KMS.UseAuthorized',
    title: 'Services and roles that encrypt with a key may use it',
    severity: 'HIGH',
    frameworks: fw({}),
    enforcedBy: [{ construct: 'ComplianceKey' }],
    packRules: ['KmsKeyUseAuthorized'],
    scannerChecks: [{ id: 'kms-key-use-authorized', compliantWhen: 'Every live path builder (`PATH_BUILDERS`; today EventBridge Scheduler\'s: a schedule\'s role publishing to an encrypted topic) adds its key-use paths (kms:GenerateDataKey, kms:Decrypt with `kms:ViaService`, `kms:CallerAccount` and the encryption context the service sends), judged by `evaluateRequest` against the live key policy (GetKeyPolicy; for `alias/aws/<service>` the AWS managed key\'s policy) and the role\'s identity policies; reported per key. PASS when every use of the key is allowed, FAIL naming each denied use (a key of the Region that does not exist is denied), `ERROR` when one is undecidable (its key policy could not be read, a key named by a customer alias, a key of another Region). A customer managed key no modelled path uses is not applicable; keys of other accounts are not judged.' }],
  }),

  // --------------------------------------------------------------------------------------- Lambda
  control({
    id: 'Lambda.1',
    title: 'Lambda function policies do not allow public invocation',
    severity: 'CRITICAL',
    frameworks: fw({ fsbp: ['Lambda.1'], nist80053r5: PUBLIC_ACCESS_NIST, pciDss321: ['1.2.1', '1.3.1', '1.3.2', '1.3.4', '7.2.1'], pciDss40: ['7.2.1'], hipaa: PUBLIC_ACCESS_HIPAA }),
    scannerChecks: [{ id: 'lambda-no-public-access', compliantWhen: 'PASS when no statement of the function policy is public by AWS\'s definition (above), whatever its action; `lambda:FunctionUrlAuthType` pins nothing. A function without a resource-based policy is not applicable; one whose policy could not be read is `ERROR`.' }],
  }),
  control({
    id: 'Lambda.2',
    title: 'Lambda functions use a supported runtime',
    severity: 'MEDIUM',
    frameworks: fw({ fsbp: ['Lambda.2'], nist80053r5: ['CA-9(1)', 'CM-2', 'SI-2', 'SI-2(2)', 'SI-2(4)', 'SI-2(5)'], pciDss40: ['12.3.4'] }),
    enforcedBy: [{ construct: 'ComplianceScanner' }, { construct: 'AuditedVpc' }],
    packRules: ['LambdaDeprecatedRuntime'],
    stockNagRules: ['AwsSolutions-L1', 'Serverless-LambdaLatestVersion'],
    nagControl: 'LAMBDA_RUNTIME',
    scannerChecks: [{ id: 'lambda-supported-runtime', compliantWhen: 'Judged with the same dated table as `CompliancePack-LambdaDeprecatedRuntime` (`src/controls/judgement/lambda-runtimes.ts`): FAIL when AWS deprecated the runtime on or before the scan date, else PASS (a runtime newer than the table passes). Container image functions are not applicable.' }],
  }),
  control({
    id: 'Lambda.3',
    title: 'Lambda functions run in a VPC',
    severity: 'LOW',
    frameworks: fw({ fsbp: ['Lambda.3'], nist80053r5: PUBLIC_ACCESS_NIST, pciDss321: ['1.2.1', '1.3.1', '1.3.2', '1.3.4'], hipaa: PUBLIC_ACCESS_HIPAA }),
    stockNagRules: ['HIPAA.Security-LambdaInsideVPC', 'NIST.800.53.R5-LambdaInsideVPC', 'PCI.DSS.321-LambdaInsideVPC'],
    nagControl: 'LAMBDA_INSIDE_VPC',
    checkovChecks: ['CKV_AWS_117'],
    guardRules: ['lambda_inside_vpc_check', 'LAMBDA_INSIDE_VPC'],
    scannerChecks: [{ id: 'lambda-inside-vpc', compliantWhen: 'PASS when ListFunctions reports a `VpcConfig.VpcId` for the function (as the stock `LambdaInsideVPC` rules judge `VpcConfig` in the template); a function attached to no VPC FAILs. Never not applicable; the subnets and security groups are not inspected.' }],
  }),
  control({
    id: 'Lambda.7',
    title: 'Lambda functions have X-Ray active tracing',
    severity: 'LOW',
    frameworks: fw({ fsbp: ['Lambda.7'], nist80053r5: ['CA-7'] }),
    enforcedBy: [{ construct: 'ComplianceScanner' }],
    packRules: ['LambdaActiveTracing'],
    stockNagRules: ['Serverless-LambdaTracing'],
    nagControl: 'LAMBDA_TRACING',
    scannerChecks: [{ id: 'lambda-active-tracing', compliantWhen: 'PASS when ListFunctions reports `TracingConfig.Mode` `Active` (the judgement `CompliancePack-LambdaActiveTracing` applies to the template, `src/controls/judgement/lambda-config.ts`); `PassThrough` or no mode FAILs. Never not applicable.' }],
  }),
  control({
    id: 'Lambda.DestinationAuthorized',
    title: 'Lambda functions may send to their failure destinations',
    severity: 'HIGH',
    frameworks: fw({}),
    enforcedBy: [{ construct: 'ComplianceScanner' }],
    packRules: ['LambdaDestinationAuthorized'],
    scannerChecks: [{ id: 'lambda-destination-authorized', compliantWhen: 'Per function (ListFunctions, ListFunctionEventInvokeConfigs of every qualifier): PASS when its role\'s live identity policies (GetAccountAuthorizationDetails) allow sending to its dead-letter queue and every on-success and on-failure destination (sqs:SendMessage, sns:Publish, lambda:InvokeFunction with the target function\'s live policy, events:PutEvents, states:StartExecution), judged by `evaluateRequest` as `CompliancePack-LambdaDestinationAuthorized` does; FAIL when one is denied, as it is when the queue\'s, topic\'s or function\'s live policy denies it or it does not exist. Each destination goes through the shared `deliver` (`target-delivery.ts`): the role\'s identity policies and the target\'s resource policy together, as AWS evaluates a request within one account, so a queue or topic policy may also grant the send. ERROR when one cannot be decided: the configurations, the role\'s policies or the target\'s policy could not be read, or a destination of a service the scanner does not judge. A target of another account or Region is not judged, as at synth time. Not applicable: no dead-letter queue and no destination. Key use of encrypted targets is built as `key-use` paths, judged by KMS.UseAuthorized.' }],
  }),
  control({
    id: 'Lambda.ExplicitLogGroup',
    title: 'Lambda functions log to a log group the stack owns',
    severity: 'LOW',
    frameworks: fw({}),
    enforcedBy: [{ construct: 'ComplianceScanner' }, { construct: 'AuditedVpc' }],
    packRules: ['LambdaExplicitLogGroup'],
    scannerChecks: [{ id: 'lambda-explicit-log-group', compliantWhen: 'PASS when the function\'s log group (`LoggingConfig.LogGroup`, ListFunctions) is not the implicit `/aws/lambda/<name>`, or when a log group of that name exists (DescribeLogGroups) with a retention period, so was created ahead of the function; FAIL when it is the implicit name and no such log group exists yet or it never expires (as Lambda creates it on first write), the judgement of `CompliancePack-LambdaExplicitLogGroup` (`src/controls/judgement/lambda-log-group.ts`). `ERROR` when the function logs to the implicit name and the log groups could not be read. Never not applicable.' }],
  }),
  control({
    id: 'Lambda.FailureDestination',
    title: 'Asynchronously invoked Lambda functions have a dead-letter queue or on-failure destination',
    severity: 'LOW',
    frameworks: fw({ nist80053r5: ['AU-12(3)', 'AU-14', 'CA-2(2)', 'CA-7', 'PM-14', 'PM-31', 'SC-36(1)', 'SI-2'], hipaa: ['164.312(b)'] }),
    enforcedBy: [{ construct: 'ComplianceScanner' }],
    packRules: ['LambdaFailureDestination'],
    stockNagRules: ['HIPAA.Security-LambdaDLQ', 'NIST.800.53.R5-LambdaDLQ', 'Serverless-LambdaDLQ'],
    nagControl: 'LAMBDA_FAILURE_DESTINATION',
    checkovChecks: ['CKV_AWS_116'],
    guardRules: ['LAMBDA_DLQ_CHECK'],
    scannerChecks: [{ id: 'lambda-failure-destination', compliantWhen: 'PASS when the function has a dead-letter queue (`DeadLetterConfig.TargetArn`) or one of its event invoke configurations (ListFunctionEventInvokeConfigs, every version and alias) has an `OnFailure` destination, the judgement of `CompliancePack-LambdaFailureDestination` (`src/controls/judgement/lambda-config.ts`); otherwise FAIL. Without a dead-letter queue, configurations that could not be read are `ERROR`. Never not applicable: whether the function is invoked asynchronously is not known.' }],
  }),
  control({
    id: 'Lambda.ReservedConcurrency',
    title: 'Lambda functions have reserved concurrency',
    severity: 'LOW',
    frameworks: fw({ nist80053r5: ['AU-12(3)', 'AU-14', 'CA-7', 'PM-14', 'PM-31', 'SC-6'], hipaa: ['164.312(b)'] }),
    enforcedBy: [{ construct: 'ComplianceScanner' }],
    packRules: ['LambdaReservedConcurrency'],
    stockNagRules: ['HIPAA.Security-LambdaConcurrency', 'NIST.800.53.R5-LambdaConcurrency'],
    nagControl: 'LAMBDA_CONCURRENCY',
    checkovChecks: ['CKV_AWS_115'],
    guardRules: ['LAMBDA_CONCURRENCY_CHECK'],
    scannerChecks: [{ id: 'lambda-reserved-concurrency', compliantWhen: 'PASS when GetFunctionConcurrency reports `ReservedConcurrentExecutions` (any value, 0 included), the judgement of `CompliancePack-LambdaReservedConcurrency` (`src/controls/judgement/lambda-config.ts`); none FAILs, a concurrency that could not be read is `ERROR`. Never not applicable.' }],
  }),

  // ------------------------------------------------------------------------------ CloudWatch Logs
  control({
    id: 'Logs.KeyAllowsLogs',
    title: 'A log group\'s KMS key lets CloudWatch Logs use it',
    severity: 'HIGH',
    frameworks: fw({}),
    enforcedBy: [{ construct: 'ComplianceLogGroup' }],
    packRules: ['LogGroupKeyAllowsLogs'],
    scannerChecks: [{ id: 'logs-key-allows-logs', compliantWhen: 'Judged as `CompliancePack-LogGroupKeyAllowsLogs` judges the template (`src/controls/judgement/log-groups.ts`): a log group with a `kmsKeyId` PASSes when the live key policy (GetKeyPolicy `default`) has `Allow` statements for a `logs.` service principal granting `kms:GenerateDataKey` and `kms:Decrypt` (wildcards count; conditions are not judged); otherwise it FAILs, as does a key of the account\'s Region that does not exist and an AWS managed key. A log group without a key, or whose key is of another account, is not applicable; one whose key policy could not be read (or the keys of the Region, or a key of another Region) is `ERROR`.' }],
  }),
  control({
    id: 'Logs.KmsEncrypted',
    title: 'CloudWatch log groups are encrypted with a KMS key',
    severity: 'MEDIUM',
    frameworks: fw({ nist80053r5: ['AU-9(3)', 'CP-9', 'SC-8(3)', 'SC-8(4)', 'SC-13', 'SC-28(1)', 'SI-19(4)'], pciDss321: ['3.4'], hipaa: ENCRYPTION_AT_REST_HIPAA }),
    enforcedBy: [{ construct: 'ComplianceLogGroup' }],
    packRules: ['LogGroupKmsEncrypted'],
    stockNagRules: ['HIPAA.Security-CloudWatchLogGroupEncrypted', 'NIST.800.53.R5-CloudWatchLogGroupEncrypted', 'PCI.DSS.321-CloudWatchLogGroupEncrypted'],
    nagControl: 'LOG_GROUP_KMS',
    scannerChecks: [{ id: 'logs-log-group-kms-encrypted', compliantWhen: 'Judged as `CompliancePack-LogGroupKmsEncrypted` judges the template (`src/controls/judgement/log-groups.ts`): PASS when `DescribeLogGroups` reports a `kmsKeyId` for the log group (any key: CloudWatch Logs takes customer managed keys only), FAIL when it reports none. Never not applicable; when the region\'s log groups could not be listed the check is `ERROR` for the region.' }],
  }),
  control({
    id: 'Logs.Retention',
    title: 'CloudWatch log groups have a retention period',
    severity: 'LOW',
    frameworks: fw({ nist80053r5: ['AC-16', 'AT-4', 'AU-6(3)', 'AU-6(4)', 'AU-6(6)', 'AU-6(9)', 'AU-10', 'AU-11', 'AU-11(1)', 'AU-12(1)', 'AU-12(2)', 'AU-12(3)', 'AU-14', 'CA-7', 'PM-14', 'PM-21', 'PM-31', 'SC-28(2)', 'SI-4(17)', 'SI-12'], pciDss321: ['3.1', '10.7'], hipaa: ['164.312(b)'] }),
    enforcedBy: [{ construct: 'ComplianceLogGroup', weakenedBy: 'retention' }, { construct: 'AccountAudit', weakenedBy: 'logRetention' }],
    packRules: ['LogGroupRetention'],
    stockNagRules: ['HIPAA.Security-CloudWatchLogGroupRetentionPeriod', 'NIST.800.53.R5-CloudWatchLogGroupRetentionPeriod', 'PCI.DSS.321-CloudWatchLogGroupRetentionPeriod', 'Serverless-CloudWatchLogGroupRetentionPeriod'],
    nagControl: 'LOG_GROUP_RETENTION',
    scannerChecks: [{ id: 'logs-log-group-retention', compliantWhen: 'Judged as `CompliancePack-LogGroupRetention` judges the template (`src/controls/judgement/log-groups.ts`): PASS when `DescribeLogGroups` reports a `retentionInDays` (any period), FAIL when it reports none (events never expire). Never not applicable; when the region\'s log groups could not be listed the check is `ERROR` for the region.' }],
  }),

  // ------------------------------------------------------------------------------------------ RDS
  control({
    id: 'RDS.2',
    title: 'RDS DB instances are not publicly accessible',
    severity: 'CRITICAL',
    frameworks: fw({ fsbp: ['RDS.2'], cis: ['2.3.3'], nist80053r5: NETWORK_INGRESS_NIST, pciDss321: [...PUBLIC_ACCESS_PCI321, '7.2.1'], pciDss40: ['1.4.4'], hipaa: PUBLIC_ACCESS_HIPAA }),
    scannerChecks: [{ id: 'rds-instance-not-public', compliantWhen: 'PASS when `PubliclyAccessible` is false; subnets, routes and security groups are not inspected.' }],
  }),
  control({
    id: 'RDS.3',
    title: 'RDS DB instances encrypt storage at rest',
    severity: 'HIGH',
    frameworks: fw({ fsbp: ['RDS.3'], cis: ['2.3.1'], nist80053r5: ENCRYPTION_AT_REST_NIST, hipaa: ENCRYPTION_AT_REST_HIPAA }),
    scannerChecks: [{ id: 'rds-storage-encrypted', compliantWhen: 'PASS when `StorageEncrypted` is true (any key).' }],
  }),

  // ------------------------------------------------------------------------------------------- S3
  control({
    id: 'S3.1',
    title: 'S3 Block Public Access is on at the account level',
    severity: 'HIGH',
    frameworks: fw({ fsbp: ['S3.1'], cis: ['2.1.4'], nist80053r5: PUBLIC_ACCESS_NIST, pciDss321: PUBLIC_ACCESS_PCI321, pciDss40: ['1.4.4'] }),
    scannerChecks: [{ id: 's3-account-public-access-block', compliantWhen: 'PASS when the account\'s configuration has all four settings on (`BlockPublicAcls`, `IgnorePublicAcls`, `BlockPublicPolicy`, `RestrictPublicBuckets`); no account configuration FAILs. Bucket settings do not count.' }],
  }),
  control({
    id: 'S3.2',
    title: 'S3 buckets do not allow public read access',
    severity: 'CRITICAL',
    frameworks: fw({ fsbp: ['S3.2'], nist80053r5: PUBLIC_ACCESS_NIST, pciDss321: ['1.2.1', '1.3.1', '1.3.2', '1.3.6', '7.2.1'], hipaa: PUBLIC_ACCESS_HIPAA }),
    enforcedBy: [{ construct: 'ComplianceBucket' }],
    scannerChecks: [{ id: 's3-bucket-no-public-read', compliantWhen: 'FAIL when ACLs are in force (neither `IgnorePublicAcls` on bucket or account nor `BucketOwnerEnforced`) and grant `READ` or `FULL_CONTROL` to AllUsers or AuthenticatedUsers, or when `RestrictPublicBuckets` is off on both bucket and account and a public policy statement (above) allows `s3:GetObject` or `s3:ListBucket` (wildcards and `NotAction` expanded; `Resource` not considered). Otherwise PASS; `BlockPublicAcls` and `BlockPublicPolicy` alone do not count.' }],
  }),
  control({
    id: 'S3.3',
    title: 'S3 buckets do not allow public write access',
    severity: 'CRITICAL',
    frameworks: fw({ fsbp: ['S3.3'], nist80053r5: PUBLIC_ACCESS_NIST, pciDss321: [...PUBLIC_ACCESS_PCI321, '7.2.1'], hipaa: PUBLIC_ACCESS_HIPAA }),
    enforcedBy: [{ construct: 'ComplianceBucket' }],
    scannerChecks: [{ id: 's3-bucket-no-public-write', compliantWhen: 'As the public read check, with ACL permissions `WRITE`, `WRITE_ACP` or `FULL_CONTROL` and policy actions `s3:PutObject`, `s3:DeleteObject` or `s3:PutBucketPolicy`.' }],
  }),
  control({
    id: 'S3.5',
    title: 'S3 bucket policies deny requests that do not use TLS',
    severity: 'MEDIUM',
    frameworks: fw({ fsbp: ['S3.5'], cis: ['2.1.1'], nist80053r5: ['AC-17(2)', 'AC-4', 'IA-5(1)', 'SC-12(3)', 'SC-13', 'SC-23', 'SC-23(3)', 'SC-7(4)', 'SC-8', 'SC-8(1)', 'SC-8(2)', 'SI-7(6)'], pciDss321: ['4.1'], pciDss40: ['4.2.1'], hipaa: ['164.312(a)(2)(iv)', '164.312(c)(2)', '164.312(e)(1)', '164.312(e)(2)(i)', '164.312(e)(2)(ii)'] }),
    enforcedBy: [{ construct: 'ComplianceBucket' }],
    packRules: ['S3TlsOnlyPolicy'],
    stockNagRules: ['AwsSolutions-S10', 'HIPAA.Security-S3BucketSSLRequestsOnly', 'NIST.800.53.R5-S3BucketSSLRequestsOnly', 'PCI.DSS.321-S3BucketSSLRequestsOnly'],
    scannerChecks: [{ id: 's3-bucket-tls-only', compliantWhen: 'Judged by the evaluator `CompliancePack-S3TlsOnlyPolicy` uses (`src/controls/judgement/tls-only.ts`): PASS when evaluating the bucket policy, for a role of the bucket\'s account allowed everything by its own policy, explicitly denies both `s3:GetObject` and `s3:PutObject` on an arbitrary object with `aws:SecureTransport` false, so every spelling of such a deny counts. A deny limited to a prefix, to principals other than everyone or the account, or by conditions that do not hold for that request does not count; no or unparseable policy FAILs. The request uses the ARNs of the account\'s partition (`aws`, `aws-cn`, `aws-us-gov`).' }],
  }),
  control({
    id: 'S3.8',
    title: 'S3 buckets block public access with all four settings',
    severity: 'HIGH',
    frameworks: fw({ fsbp: ['S3.8'], cis: ['2.1.4'], nist80053r5: PUBLIC_ACCESS_NIST, pciDss40: ['1.4.4'], hipaa: PUBLIC_ACCESS_HIPAA }),
    enforcedBy: [{ construct: 'ComplianceBucket' }],
    packRules: ['S3PublicAccessBlock'],
    stockNagRules: ['HIPAA.Security-S3BucketLevelPublicAccessProhibited', 'NIST.800.53.R5-S3BucketLevelPublicAccessProhibited', 'PCI.DSS.321-S3BucketLevelPublicAccessProhibited'],
    scannerChecks: [{ id: 's3-bucket-public-access-block', compliantWhen: 'PASS when the bucket\'s own configuration has all four settings on; the account-level block does not count, so a bucket without its own configuration FAILs.' }],
  }),
  control({
    id: 'S3.9',
    title: 'S3 buckets have server access logging enabled',
    severity: 'MEDIUM',
    frameworks: fw({ fsbp: ['S3.9'], nist80053r5: [...AUDIT_LOGGING_NIST, 'SI-3(8)', 'SI-4(20)'], pciDss40: ['10.2.1'], hipaa: AUDIT_LOGGING_HIPAA }),
    enforcedBy: [{ construct: 'ComplianceBucket' }],
    packRules: ['S3AccessLogging'],
    stockNagRules: ['AwsSolutions-S1', 'HIPAA.Security-S3BucketLoggingEnabled', 'NIST.800.53.R5-S3BucketLoggingEnabled', 'PCI.DSS.321-S3BucketLoggingEnabled'],
    nagControl: 'S3_ACCESS_LOGGING',
    checkovChecks: ['CKV_AWS_18'],
    guardRules: ['s3_bucket_logging_enabled_check', 'S3_BUCKET_LOGGING_ENABLED'],
    scannerChecks: [{ id: 's3-bucket-access-logging', compliantWhen: 'PASS when server access logging names a target bucket; the target is not inspected.' }],
  }),
  control({
    id: 'S3.AccessLogDeliveryAuthorized',
    title: 'S3 server access logs may be delivered to their target bucket',
    severity: 'HIGH',
    frameworks: fw({}),
    enforcedBy: [{ construct: 'ComplianceBucket' }],
    packRules: ['S3AccessLogDeliveryAuthorized'],
    scannerChecks: [{ id: 's3-access-log-delivery-authorized', compliantWhen: 'The paths `CompliancePack-S3AccessLogDeliveryAuthorized` judges (family `s3-access-log-delivery`), built from the live target bucket and judged by the same evaluator: a bucket with server access logging PASSes when the target\'s ACL grants the S3 log delivery group WRITE with ACLs enabled (object ownership not `BucketOwnerEnforced`), or its bucket policy allows logging.s3.amazonaws.com s3:PutObject on `<prefix>...` with `aws:SourceArn` of the source bucket and `aws:SourceAccount`, and the target\'s default encryption is not SSE-KMS; it FAILs when both are denied or the target uses SSE-KMS. A target the account does not list (another account\'s), or whose policy, ACL or encryption could not be read where they decide, is `ERROR`, as is a bucket whose logging could not be read. A bucket without server access logging is not applicable.' }],
  }),
  control({
    id: 'S3.7',
    title: 'S3 buckets replicate to another Region',
    severity: 'LOW',
    frameworks: fw({ fsbp: ['S3.7'], nist80053r5: ['AU-9(2)', 'CP-10', 'CP-6', 'CP-6(1)', 'CP-6(2)', 'CP-9', 'SC-36(2)', 'SC-5(2)', 'SI-13(5)'], pciDss321: ['2.2'], hipaa: BACKUP_HIPAA }),
    stockNagRules: ['HIPAA.Security-S3BucketReplicationEnabled', 'NIST.800.53.R5-S3BucketReplicationEnabled', 'PCI.DSS.321-S3BucketReplicationEnabled'],
    nagControl: 'S3_REPLICATION',
    guardRules: ['S3_BUCKET_REPLICATION_ENABLED'],
    scannerChecks: [{ id: 's3-bucket-replication', compliantWhen: 'PASS when `GetBucketReplication` returns at least one rule with `Status` `Enabled`, as the stock `*-S3BucketReplicationEnabled` rules judge the template; no replication configuration or only disabled rules FAIL, a bucket whose configuration could not be read is `ERROR`. The destination\'s Region is not looked up. Never not applicable.' }],
  }),
  control({
    id: 'S3.12',
    title: 'S3 buckets disable ACLs (object ownership BucketOwnerEnforced)',
    severity: 'MEDIUM',
    frameworks: fw({ fsbp: ['S3.12'], nist80053r5: ['AC-2(1)', 'AC-3', 'AC-3(15)', 'AC-3(7)', 'AC-6'] }),
    enforcedBy: [{ construct: 'ComplianceBucket' }],
    scannerChecks: [{ id: 's3-bucket-acls-disabled', compliantWhen: 'PASS only with object ownership `BucketOwnerEnforced`; `BucketOwnerPreferred`, `ObjectWriter` or no ownership controls FAIL.' }],
  }),
  control({
    id: 'S3.13',
    title: 'S3 buckets have lifecycle rules',
    severity: 'LOW',
    frameworks: fw({ fsbp: ['S3.13'], nist80053r5: BACKUP_NIST }),
    enforcedBy: [{ construct: 'ComplianceBucket', weakenedBy: 'lifecycleRules' }],
    packRules: ['S3LifecycleRules'],
    nagControl: 'S3_LIFECYCLE',
    scannerChecks: [{ id: 's3-bucket-lifecycle-rules', compliantWhen: 'Judged as `CompliancePack-S3LifecycleRules` judges the template (`src/controls/judgement/s3-lifecycle.ts`): PASS when `GetBucketLifecycleConfiguration` returns at least one rule with `Status` `Enabled`; no lifecycle configuration or only disabled rules FAIL, a bucket whose configuration could not be read is `ERROR`. What the rules do is not judged. Never not applicable.' }],
  }),
  control({
    id: 'S3.14',
    title: 'S3 buckets have versioning enabled',
    severity: 'LOW',
    frameworks: fw({ fsbp: ['S3.14'], nist80053r5: ['AU-9(2)', 'CP-10', 'CP-6', 'CP-6(1)', 'CP-6(2)', 'CP-9', 'SC-5(2)', 'SI-12', 'SI-13(5)'], hipaa: [...BACKUP_HIPAA, '164.312(c)(1)', '164.312(c)(2)'] }),
    enforcedBy: [{ construct: 'ComplianceBucket', weakenedBy: 'versioned' }],
    stockNagRules: ['HIPAA.Security-S3BucketVersioningEnabled', 'NIST.800.53.R5-S3BucketVersioningEnabled', 'PCI.DSS.321-S3BucketVersioningEnabled'],
    scannerChecks: [{ id: 's3-bucket-versioning', compliantWhen: 'PASS when versioning is `Enabled`; `Suspended` or never enabled FAILs. MFA delete is not judged.' }],
  }),
  control({
    id: 'S3.17',
    title: 'S3 buckets encrypt objects by default with AWS KMS keys',
    severity: 'MEDIUM',
    frameworks: fw({ fsbp: ['S3.17'], nist80053r5: [...ENCRYPTION_AT_REST_NIST, 'AU-9', 'SC-12(2)'], pciDss40: ['3.5.1'], hipaa: ENCRYPTION_AT_REST_HIPAA }),
    enforcedBy: [{ construct: 'ComplianceBucket', weakenedBy: 's3ManagedEncryptionKeyPatterns' }],
    stockNagRules: ['HIPAA.Security-S3DefaultEncryptionKMS', 'NIST.800.53.R5-S3DefaultEncryptionKMS', 'PCI.DSS.321-S3DefaultEncryptionKMS'],
    nagControl: 'S3_KMS_ENCRYPTION',
    guardRules: ['s3_bucket_default_encryption_kms_check', 'S3_DEFAULT_ENCRYPTION_KMS'],
    scannerChecks: [{ id: 's3-bucket-kms-encryption', compliantWhen: 'PASS when the default encryption algorithm is `aws:kms` or `aws:kms:dsse`, with the AWS managed `aws/s3` key or a customer key alike; SSE-S3 (`AES256`) FAILs.' }],
  }),
  control({
    id: 'S3.DenyWrongEncryption',
    title: 'S3 bucket policies deny uploads encrypted with another key or algorithm',
    severity: 'HIGH',
    frameworks: fw({}),
    enforcedBy: [{ construct: 'ComplianceBucket', weakenedBy: 's3ManagedEncryptionKeyPatterns' }],
    packRules: ['S3DenyWrongEncryptionPolicy'],
    scannerChecks: [{ id: 's3-bucket-deny-wrong-encryption', compliantWhen: 'Judged as `CompliancePack-S3DenyWrongEncryptionPolicy` judges the template (`src/controls/judgement/s3-deny-wrong-encryption.ts`): PASS when the live bucket policy has a `Deny` to everyone (`*` or `{AWS: *}`) of `s3:PutObject` (or a wildcard that includes it) conditioned on `s3:x-amz-server-side-encryption` or `s3:x-amz-server-side-encryption-aws-kms-key-id` with a negative operator (`StringNotEquals...`, `StringNotLike...`, `Null`); no such statement, no or an unparseable policy FAILs, a bucket whose policy could not be read is `ERROR`. Never not applicable.' }],
  }),

  // ------------------------------------------------------------------------------------------ SNS
  control({
    id: 'SNS.1',
    title: 'SNS topics are encrypted at rest with a customer managed KMS key',
    severity: 'MEDIUM',
    frameworks: fw({ fsbp: ['SNS.1'], nist80053r5: ENCRYPTION_AT_REST_NIST, hipaa: ENCRYPTION_AT_REST_HIPAA }),
    enforcedBy: [{ construct: 'ComplianceTopic' }],
    packRules: ['SnsTopicKms'],
    stockNagRules: ['HIPAA.Security-SNSEncryptedKMS', 'NIST.800.53.R5-SNSEncryptedKMS', 'PCI.DSS.321-SNSEncryptedKMS'],
    nagControl: 'SNS_KMS',
    scannerChecks: [{ id: 'sns-topic-kms-encryption', compliantWhen: 'Judged as `CompliancePack-SnsTopicKms` judges the template (`src/controls/judgement/sns-kms.ts`): PASS when the topic has a customer managed KMS key (`KmsMasterKeyId`); the AWS managed `alias/aws/sns`, which FSBP accepts, FAILs, as does no key. A topic whose attributes could not be read is `ERROR`. Never not applicable.' }],
  }),
  control({
    id: 'SNS.TopicPolicy',
    title: 'SNS topic policies deny non-TLS publishing and let only the intended publishers in',
    severity: 'HIGH',
    frameworks: fw({}),
    enforcedBy: [{ construct: 'ComplianceTopic' }],
    packRules: ['SnsTopicPolicy'],
    scannerChecks: [{ id: 'sns-topic-policy', compliantWhen: 'Judged as `CompliancePack-SnsTopicPolicy` judges the template (`src/controls/judgement/sns-topic-policy.ts`), on the `Policy` that `GetTopicAttributes` reports: PASS when the topic has a policy of its own none of whose statements allows `sns:Publish` to everyone (`*`) without a condition. SNS\'s default topic policy (only the `__default_statement_ID` statement), which a topic without a topic policy of its own reports and which stands for the template\'s missing `AWS::SNS::TopicPolicy`, FAILs, as does a statement opening publishing to everyone. A topic whose attributes could not be read, or whose policy is not a readable document, is `ERROR`. Never not applicable.' }],
  }),

  // ------------------------------------------------------------------------------------------ SQS
  control({
    id: 'SQS.DeadLetterQueue',
    title: 'SQS queues have a dead-letter queue',
    severity: 'LOW',
    frameworks: fw({}),
    enforcedBy: [{ construct: 'ComplianceQueue' }],
    stockNagRules: ['AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy'],
    nagControl: 'SQS_DEAD_LETTER_QUEUE',
    guardRules: ['sqs_dlq_check'],
    scannerChecks: [{ id: 'sqs-dead-letter-queue', compliantWhen: 'Judged as `AwsSolutions-SQS3` judges the template: PASS when `GetQueueAttributes` reports a `RedrivePolicy` with a `deadLetterTargetArn`, or when the queue is itself the dead-letter queue of another queue of the Region (its `RedrivePolicy`) or of a Lambda function (`DeadLetterConfig`, ListFunctions); otherwise FAIL. A queue whose attributes could not be read is `ERROR`, and so is a queue without a redrive policy when the attributes of another queue or the functions could not be read (whether it is a dead-letter queue is then not known). Never not applicable.' }],
  }),

  // ------------------------------------------------------------------------------- Step Functions
  control({
    id: 'StepFunctions.TasksAuthorized',
    title: 'State machine roles may call every task\'s service',
    severity: 'HIGH',
    frameworks: fw({}),
    enforcedBy: [{ construct: 'BatchPipeline' }],
    packRules: ['StateMachineTasksAuthorized'],
    scannerChecks: [{ id: 'stepfunctions-tasks-authorized', compliantWhen: 'Per state machine (ListStateMachines, DescribeStateMachine): PASS when its role\'s live identity policies (GetAccountAuthorizationDetails) allow every call the path model judges, read from its definition by the reader `CompliancePack-StateMachineTasksAuthorized` uses (`src/controls/judgement/state-machine.ts`): the log delivery actions on `*` when it logs, batch:SubmitJob on the job definition and job queue of each `batch:submitJob` task, sns:Publish on the topic of each `sns:publish` task, with the topic\'s live policy (the shared `deliver`, `target-delivery.ts`: either may allow, an explicit deny in either denies); FAIL when one is denied. ERROR when one cannot be decided (a target given at run time, a job definition named without a revision, a topic whose policy could not be read; the role\'s policies not known) or the state machine could not be described. Not applicable: no such task and no logging.' }],
  }),
];
