/**
 * Logs.KmsEncrypted and Logs.Retention. The template says `KmsKeyId` and `RetentionInDays` on an
 * `AWS::Logs::LogGroup` (a token counts as set); the account says `kmsKeyId` and `retentionInDays`
 * (DescribeLogGroups, which leaves either out when it is not set). One judgement for
 * `CompliancePack-LogGroupKmsEncrypted` / `-LogGroupRetention` and the scanner's
 * `logs-log-group-kms-encrypted` / `logs-log-group-retention`.
 */
import { isSet } from './values';
import { actionMatches, asList } from '../../policy/template-values';

/** The log group is encrypted with a KMS key (any key: CloudWatch Logs accepts customer managed keys only). */
export function logGroupKmsEncrypted(kmsKeyId: unknown): boolean {
  return isSet(kmsKeyId);
}

/** The log group has a retention period (events expire); none means they are kept forever. */
export function logGroupHasRetention(retentionInDays: unknown): boolean {
  return isSet(retentionInDays);
}

/**
 * Logs.KeyAllowsLogs. The log group's key policy (the template's `KeyPolicy` of the key the log group
 * names; the account's GetKeyPolicy `Policy`, as statements) lets CloudWatch Logs use the key: an
 * `Allow` statement for a `logs.` service principal (`logs.<region>.amazonaws.com`) grants
 * `kms:GenerateDataKey` (`kms:GenerateDataKey*`, `kms:*`, ...) and one grants `kms:Decrypt`. Conditions
 * are not judged here (`KMS.UseAuthorized` evaluates the request with the encryption context). One
 * judgement for `CompliancePack-LogGroupKeyAllowsLogs` and the scanner's `logs-key-allows-logs`.
 */
export function keyPolicyAllowsLogs(statements: readonly any[]): boolean {
  const forLogs = statements.filter((s) => s?.Effect === 'Allow'
    && s.Principal && typeof s.Principal === 'object'
    && JSON.stringify(s.Principal.Service ?? '').includes('logs.'));
  const allows = (action: string) => forLogs.some((s) => asList(s.Action).some((a) => actionMatches(a, action)));
  return allows('kms:GenerateDataKey') && allows('kms:Decrypt');
}
