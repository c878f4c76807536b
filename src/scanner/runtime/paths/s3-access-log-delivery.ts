import type { PathBuilder } from './builders';
import { LivePath, LivePaths } from './live-paths';
import { bucketDelivery } from './log-delivery';

/** The grantee URI of S3's log delivery group in bucket ACLs. */
export const LOG_DELIVERY_GROUP = 'http://acs.amazonaws.com/groups/s3/LogDelivery';

/**
 * The live paths of family `s3-access-log-delivery`, as the synth-time model builds them for an
 * `AWS::S3::Bucket` with `LoggingConfiguration` (`PathModel.accessLogging`): S3's log delivery
 * writes the target bucket either through its ACL (the log delivery group granted WRITE, ACLs not
 * disabled by `BucketOwnerEnforced`) or as logging.s3.amazonaws.com under the target's bucket
 * policy (s3:PutObject on `<prefix>...`, with `aws:SourceArn` of the source bucket and
 * `aws:SourceAccount`); a target whose default encryption is SSE-KMS is refused. A target the
 * account does not list (another account's) is undecided.
 */
export const s3AccessLogDelivery: PathBuilder = {
  family: 's3-access-log-delivery',
  datasets: ['s3.buckets'],
  requiredActions: ['s3:ListAllMyBuckets', 's3:GetBucketLogging', 's3:GetBucketPolicy', 's3:GetBucketAcl', 's3:GetBucketOwnershipControls', 's3:GetEncryptionConfiguration'],
  build(live: LivePaths): string[] {
    const family = 's3-access-log-delivery';
    const judged: string[] = [];
    for (const b of live.inv.s3Buckets ?? []) {
      if (!b.loggingTarget) {
        continue;
      }
      judged.push(b.arn);
      const source = `${b.name} bucket`;
      const label = `${b.loggingTarget} bucket`;
      const target = live.bucket(b.loggingTarget);
      if (!target) {
        live.undecided(family, b.arn, source, label, 's3:PutObject',
          `the log bucket ${b.loggingTarget} is not a bucket of this account (another account's, or deleted), so its policy and ACL are not known`);
        continue;
      }
      const context = { 'aws:SourceAccount': live.inv.accountId, 'aws:SourceArn': b.arn };
      const objectKey = `${b.loggingPrefix ?? ''}2026-01-01-00-00-00-LOG`;
      const aclKnown = target.acl !== undefined && target.objectOwnership !== undefined;
      const aclGrants = aclKnown && target.objectOwnership !== 'BucketOwnerEnforced'
        && (target.acl ?? []).some((g) => g.grantee === LOG_DELIVERY_GROUP && (g.permission === 'WRITE' || g.permission === 'FULL_CONTROL'));
      // a put decided by the log bucket's ACL or default encryption, not by a policy
      const decidedPut = (finding: string, result: LivePath['result']) =>
        live.decided({ family, judged: b.arn, source, target: label, action: 's3:PutObject', findingId: `${target.name}::${finding}`, result });
      if (aclGrants) {
        decidedPut('s3:PutObject', { decision: 'allowed', document: 'the log bucket\'s ACL', reason: 'the ACL grants the S3 log delivery group WRITE' });
      } else if (aclKnown) {
        bucketDelivery(live, family, b.arn, source, target.name, { service: 'logging.s3.amazonaws.com' }, context, objectKey, false);
      } else {
        // the ACL could not be read: the policy decides only when it allows
        const scratch = new LivePaths(live.inv);
        bucketDelivery(scratch, family, b.arn, source, target.name, { service: 'logging.s3.amazonaws.com' }, context, objectKey, false);
        for (const p of scratch.paths) {
          if (p.result.decision === 'allowed') {
            live.decided(p);
          } else {
            live.undecided(family, b.arn, source, label, p.action, `the log bucket's policy does not allow it, and its ACL or object ownership could not be read (${p.result.reason})`);
          }
        }
      }
      if (target.encryption === undefined) {
        live.undecided(family, b.arn, source, label, 'SSE-KMS', 'the log bucket\'s default encryption could not be read');
      } else if (String(target.encryption ?? '').startsWith('aws:kms')) {
        decidedPut('SSE-KMS', {
          decision: 'denied',
          document: 'the log bucket\'s default encryption',
          reason: 'server access logs are delivered only to buckets whose default encryption is SSE-S3, and this one uses SSE-KMS',
        });
      }
    }
    return judged;
  },
};
