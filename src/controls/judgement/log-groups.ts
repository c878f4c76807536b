/**
 * Logs.KmsEncrypted and Logs.Retention. The template says `KmsKeyId` and `RetentionInDays` on an
 * `AWS::Logs::LogGroup` (a token counts as set); the account says `kmsKeyId` and `retentionInDays`
 * (DescribeLogGroups, which leaves either out when it is not set). One judgement for
 * `CompliancePack-LogGroupKmsEncrypted` / `-LogGroupRetention` and the scanner's
 * `logs-log-group-kms-encrypted` / `logs-log-group-retention`.
 */
import { isSet } from './values';

/** The log group is encrypted with a KMS key (any key: CloudWatch Logs accepts customer managed keys only). */
export function logGroupKmsEncrypted(kmsKeyId: unknown): boolean {
  return isSet(kmsKeyId);
}

/** The log group has a retention period (events expire); none means they are kept forever. */
export function logGroupHasRetention(retentionInDays: unknown): boolean {
  return isSet(retentionInDays);
}
