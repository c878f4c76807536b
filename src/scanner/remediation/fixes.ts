// The remediation-fix table: each fix's id, what it changes and the IAM permission it needs (plain data, no aws-cdk-lib: the Lambda bundle imports it).

/**
 * Placeholder for the partition in `FixPermission.resources`; the construct replaces it with the
 * stack's partition.
 */
export const PARTITION = '${Partition}';

/** The IAM permission a fix needs when it is applied (never granted in a dry run). */
export interface FixPermission {
  /** Sid of the statement the actions go in; fixes that name the same sid share one statement. */
  readonly sid: string;
  /** The actions that make the change. */
  readonly actions: readonly string[];
  /** The resources the actions are granted on (`PARTITION` stands for the stack's partition). */
  readonly resources: readonly string[];
  /**
   * Why the resources cannot be narrower, as the policy's acknowledgment states it (`{actions}`
   * stands for the statement's actions). Fixes that share a sid share the reason.
   */
  readonly scopeReason: string;
  /**
   * Why a write action is granted on `"*"`: required when `resources` is `["*"]` (IAM supports no
   * resource-level permission for the action).
   */
  readonly wildcardWriteReason?: string;
}

/** One fix of the allow-list. */
export interface RemediationFixSpec {
  /** Id of the check whose failed findings the fix handles; the value of its `RemediationFix` member. */
  readonly id: string;
  /** What the fix changes (the doc of its `RemediationFix` member says the same, then names the check). */
  readonly description: string;
  /** The change as the audit records name it. */
  readonly auditAction: string;
  /** What the remediation role is granted for the fix. */
  readonly permission: FixPermission;
}

const BUCKETS_REASON = 'A failing bucket can be any bucket of the account; the only actions granted ({actions}) can only turn public access blocking or default encryption on, and the function applies them only to buckets named by findings of the allow-listed checks.';

/** The allow-list, in the order the policy lists their permissions. */
export const REMEDIATION_FIXES = [
  {
    id: 's3-bucket-public-access-block',
    description: 'Turn on all four S3 Block Public Access settings of a bucket',
    auditAction: 's3:PutBucketPublicAccessBlock (all four settings on)',
    permission: { sid: 'FixBuckets', actions: ['s3:PutBucketPublicAccessBlock'], resources: [`arn:${PARTITION}:s3:::*`], scopeReason: BUCKETS_REASON },
  },
  {
    id: 's3-bucket-kms-encryption',
    description: 'Set a bucket\'s default encryption to SSE-KMS with the AWS managed key `aws/s3`',
    auditAction: 's3:PutEncryptionConfiguration (default SSE-KMS with the AWS managed key aws/s3, bucket key on)',
    permission: { sid: 'FixBuckets', actions: ['s3:PutEncryptionConfiguration'], resources: [`arn:${PARTITION}:s3:::*`], scopeReason: BUCKETS_REASON },
  },
  {
    id: 'ec2-ebs-encryption-by-default',
    description: 'Turn on EBS encryption by default in a Region',
    auditAction: 'ec2:EnableEbsEncryptionByDefault',
    permission: {
      sid: 'FixEbsDefaultEncryption',
      actions: ['ec2:EnableEbsEncryptionByDefault'],
      resources: ['*'],
      scopeReason: 'an account-level setting that can only turn encryption on',
      wildcardWriteReason: 'ec2:EnableEbsEncryptionByDefault changes an account-level setting of the Region and can only turn encryption on; IAM supports no resource-level permission for it, so it can only be granted on "*". It is granted only when the EBS fix is enabled outside dry run.',
    },
  },
] as const satisfies readonly RemediationFixSpec[];

/** Id of a fix of the allow-list. */
export type RemediationFixId = (typeof REMEDIATION_FIXES)[number]['id'];

/** The ids of the allow-list, in table order. */
export const REMEDIATION_FIX_IDS: readonly string[] = REMEDIATION_FIXES.map((f) => f.id);

/** The table entry of `id`, or undefined when `id` is not a fix. */
export function fixSpec(id: string): RemediationFixSpec | undefined {
  return (REMEDIATION_FIXES as readonly RemediationFixSpec[]).find((f) => f.id === id);
}

/** A statement of plain data (sid, actions, resources) before the partition is filled in. */
export interface FixStatement {
  readonly sid: string;
  readonly actions: string[];
  readonly resources: readonly string[];
  /** `scopeReason` of its fixes, with `{actions}` filled in. */
  readonly scopeReason: string;
  /** `wildcardWriteReason` of its fixes, when granted on "*". */
  readonly wildcardWriteReason?: string;
}

/**
 * The statements that grant `fixes` (ids of the table, in any order): one per sid, in table order,
 * with the actions of every fix that names it.
 */
export function fixStatements(fixes: readonly string[]): FixStatement[] {
  const bySid = new Map<string, { permission: FixPermission; actions: string[] }>();
  for (const spec of REMEDIATION_FIXES as readonly RemediationFixSpec[]) {
    if (!fixes.includes(spec.id)) continue;
    const entry = bySid.get(spec.permission.sid) ?? { permission: spec.permission, actions: [] };
    entry.actions.push(...spec.permission.actions.filter((a) => !entry.actions.includes(a)));
    bySid.set(spec.permission.sid, entry);
  }
  return [...bySid.values()].map(({ permission, actions }) => ({
    sid: permission.sid,
    actions,
    resources: permission.resources,
    scopeReason: permission.scopeReason.replace('{actions}', actions.join(', ')),
    ...(permission.wildcardWriteReason ? { wildcardWriteReason: permission.wildcardWriteReason } : {}),
  }));
}
