/**
 * S3.13: a bucket has at least one lifecycle rule in force. A rule counts when its `Status` is
 * `Enabled` (the template's spelling and the account's, GetBucketLifecycleConfiguration, are the
 * same); a `Disabled` rule or no rule at all does not. One judgement for `CompliancePack-S3LifecycleRules`
 * and the scanner's `s3-bucket-lifecycle-rules`; tokens are the rule's concern.
 */
export function lifecycleRuleEnabled(status: unknown): boolean {
  return status === 'Enabled';
}
