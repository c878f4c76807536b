/** Bucket-specific helpers of the S3 checks: public access blocks in force, missing fields, public access by ACL and policy. */
import { BucketInfo, Check, CheckResult, errored, fail, Inventory, pass, PublicAccessBlock, Severity } from '../../model';
import { defineCheck, defineResourceCheck, ResourceCheckSpec, Verdict } from '../define';
import { publicPolicyGrants } from '../policy-util';
import { BUCKETS } from '../resource-kinds';

export const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
export const AUTHENTICATED_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';

/** The ACL and policy settings in force: a setting is on if the bucket OR the account turns it on. */
export function effectiveBlock(bucket: BucketInfo, account: PublicAccessBlock | null | undefined): PublicAccessBlock {
  const b = bucket.publicAccessBlock ?? undefined;
  const a = account ?? undefined;
  return {
    blockPublicAcls: !!(b?.blockPublicAcls || a?.blockPublicAcls),
    ignorePublicAcls: !!(b?.ignorePublicAcls || a?.ignorePublicAcls),
    blockPublicPolicy: !!(b?.blockPublicPolicy || a?.blockPublicPolicy),
    restrictPublicBuckets: !!(b?.restrictPublicBuckets || a?.restrictPublicBuckets),
  };
}

/** ERROR result when a field the check needs could not be collected for this bucket. */
export function missing(bucket: BucketInfo, fields: Array<keyof BucketInfo>): CheckResult | undefined {
  const absent = fields.filter((f) => bucket[f] === undefined);
  return absent.length > 0 ? errored(bucket.arn, `could not read ${absent.join(', ')}`, bucket.region) : undefined;
}

/** Declares a check of each bucket that needs `fields` read (ERROR naming those that could not be) before `judge` decides it. */
export function defineBucketCheck(meta: ResourceCheckSpec, fields: Array<keyof BucketInfo>,
  judge: (bucket: BucketInfo, inv: Inventory) => CheckResult | Verdict): Check {
  return defineResourceCheck(BUCKETS, meta, (b, _id, inv) => missing(b, fields) ?? judge(b, inv));
}

/** One kind of public access (read, write): what grants it in a bucket policy and in an ACL. */
export interface PublicAccessKind {
  /** Policy actions that grant it (`s3:GetObject`); wildcards in the policy match them. */
  readonly actions: readonly string[];
  /** ACL permissions that grant it (`READ`, `FULL_CONTROL`). */
  readonly aclPermissions: ReadonlySet<string>;
  /** The word for it in the passing result: `no public <access> access`. */
  readonly access: string;
}

/**
 * Per bucket: FAIL when an ACL grant to AllUsers/AuthenticatedUsers (unless ACLs are ignored or
 * disabled by BucketOwnerEnforced) or an unconditional Allow for Principal * (unless public
 * buckets are restricted) gives this kind of access; the bucket's and the account's public
 * access blocks both count.
 */
export function evaluatePublicAccess(inv: Inventory, kind: PublicAccessKind): CheckResult[] {
  return (inv.s3Buckets ?? []).map((b) => {
    const err = missing(b, ['publicAccessBlock', 'policy', 'acl']);
    if (err) return err;
    const block = effectiveBlock(b, inv.s3AccountPublicAccessBlock);
    const reasons: string[] = [];
    if (!block.ignorePublicAcls && b.objectOwnership !== 'BucketOwnerEnforced') {
      for (const g of b.acl ?? []) {
        if ((g.grantee === ALL_USERS || g.grantee === AUTHENTICATED_USERS) && kind.aclPermissions.has(g.permission)) {
          reasons.push(`ACL grants ${g.permission} to ${g.grantee.split('/').pop()}`);
        }
      }
    }
    if (!block.restrictPublicBuckets) {
      const granted = publicPolicyGrants(b.policy, kind.actions);
      if (granted.length > 0) reasons.push(`policy allows ${granted.join(', ')} to Principal *`);
    }
    return reasons.length === 0 ? pass(b.arn, `no public ${kind.access} access`, b.region) : fail(b.arn, reasons.join('; '), b.region);
  });
}

/**
 * Declares a public access check (read, write) of each bucket: its ACL and policy, with the
 * bucket's and the account's public access blocks (`evaluatePublicAccess`).
 */
export function definePublicAccessCheck(meta: { id: string; title: string; severity: Severity }, kind: PublicAccessKind): Check {
  return defineCheck({
    ...S3_META,
    ...meta,
    remediation: 'Remove grants to AllUsers/AuthenticatedUsers and Allow statements for Principal * from the bucket, and turn on Block Public Access.',
    requiredActions: ['s3:ListAllMyBuckets', 's3:GetBucketPublicAccessBlock', 's3:GetAccountPublicAccessBlock', 's3:GetBucketAcl', 's3:GetBucketPolicy'],
    datasets: ['s3.buckets', 's3.accountPublicAccessBlock'],
  }, (inv) => evaluatePublicAccess(inv, kind));
}

export const S3_META = {
  category: 's3' as const,
  resourceType: 'AWS::S3::Bucket',
  scope: 'global' as const,
};
