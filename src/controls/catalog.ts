/**
 * The controls catalog: one entry per control the library enforces (constructs), checks at synth
 * time (CompliancePack and the stock cdk-nag packs) or verifies at run time (ComplianceScanner).
 *
 * Plain data, importable from constructs, rules, the scanner's bundled runtime and scripts alike:
 * it imports nothing but its own parts. Rules, checks, `NagControl`, RULES.md, docs/controls.md and
 * the scanner's check table take their ids and framework mappings from here, so a control has one
 * id everywhere. The entries live per service in `catalog/<service>.ts`, the entry type and its
 * helpers in `catalog/entry.ts`; this module puts them in one list, in the order of the documents.
 *
 * Ids: the AWS Foundational Security Best Practices (FSBP) id where FSBP has the control
 * (`S3.9`), else `<Service>.<What>` (`Batch.JobTimeout`), which never collides with FSBP's numbers.
 */
import { BATCH_CONTROLS } from './catalog/batch';
import { CLOUDTRAIL_CONTROLS } from './catalog/cloudtrail';
import { CLOUDWATCH_CONTROLS } from './catalog/cloudwatch';
import { CONFIG_CONTROLS } from './catalog/config';
import { DYNAMODB_CONTROLS } from './catalog/dynamodb';
import { EC2_CONTROLS } from './catalog/ec2';
import type { ControlEntry } from './catalog/entry';
import { EVENTBRIDGE_CONTROLS } from './catalog/eventbridge';
import { GUARDDUTY_CONTROLS } from './catalog/guardduty';
import { IAM_CONTROLS } from './catalog/iam';
import { KMS_CONTROLS } from './catalog/kms';
import { LAMBDA_CONTROLS } from './catalog/lambda';
import { LOGS_CONTROLS } from './catalog/logs';
import { RDS_CONTROLS } from './catalog/rds';
import { S3_CONTROLS } from './catalog/s3';
import { SNS_CONTROLS } from './catalog/sns';
import { SQS_CONTROLS } from './catalog/sqs';
import { STEPFUNCTIONS_CONTROLS } from './catalog/stepfunctions';

export { FRAMEWORKS } from './catalog/entry';
export type { ControlEntry, ControlSeverity, Enforcement, FrameworkIds, FrameworkInfo, ScannerCheckRef } from './catalog/entry';

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
  ...BATCH_CONTROLS,
  ...CLOUDTRAIL_CONTROLS,
  ...CLOUDWATCH_CONTROLS,
  ...CONFIG_CONTROLS,
  ...DYNAMODB_CONTROLS,
  ...EC2_CONTROLS,
  ...EVENTBRIDGE_CONTROLS,
  ...GUARDDUTY_CONTROLS,
  ...IAM_CONTROLS,
  ...KMS_CONTROLS,
  ...LAMBDA_CONTROLS,
  ...LOGS_CONTROLS,
  ...RDS_CONTROLS,
  ...S3_CONTROLS,
  ...SNS_CONTROLS,
  ...SQS_CONTROLS,
  ...STEPFUNCTIONS_CONTROLS,
];
