/** Inventory records of S3 (SDK-independent): buckets with their configuration, the account's public access block. */

export interface PublicAccessBlock {
  readonly blockPublicAcls: boolean;
  readonly ignorePublicAcls: boolean;
  readonly blockPublicPolicy: boolean;
  readonly restrictPublicBuckets: boolean;
}

export interface AclGrant {
  /** Grantee URI for groups (AllUsers, AuthenticatedUsers), or canonical id. */
  readonly grantee: string;
  readonly permission: string;
}

/**
 * One bucket. A field that is `undefined` could not be collected (its error is in the report);
 * `null` means the bucket has none (no policy, no encryption configuration, no public access block).
 */
export interface BucketInfo {
  readonly name: string;
  readonly arn: string;
  readonly region: string;
  readonly publicAccessBlock?: PublicAccessBlock | null;
  readonly policy?: string | null;
  readonly acl?: readonly AclGrant[];
  /** SSE algorithm of the default encryption rule: `aws:kms`, `aws:kms:dsse`, `AES256`. */
  readonly encryption?: string | null;
  readonly loggingTarget?: string | null;
  /** Server access logging's `TargetPrefix` (`''` when none); `undefined` when logging is off or could not be read. */
  readonly loggingPrefix?: string;
  readonly objectOwnership?: string | null;
  /** `Enabled`, `Suspended` or `null` (never enabled). */
  readonly versioning?: string | null;
  /** Lifecycle rules (GetBucketLifecycleConfiguration); `null`: no lifecycle configuration. */
  readonly lifecycleRules?: readonly BucketRuleInfo[] | null;
  /** Replication rules (GetBucketReplication); `null`: no replication configuration. */
  readonly replicationRules?: readonly BucketRuleInfo[] | null;
}

/** One lifecycle or replication rule of a bucket. */
export interface BucketRuleInfo {
  readonly id?: string;
  /** `Enabled` or `Disabled`. */
  readonly status: string;
  /** Replication: the destination bucket's ARN. */
  readonly destination?: string;
}
