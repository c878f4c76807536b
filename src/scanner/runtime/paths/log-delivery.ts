import { LivePaths, LiveRole } from './live-paths';
import { PathFamily } from '../../../controls/judgement/data-paths';
import { RequestContext } from '../../../policy/conditions';
import { RequestPrincipal } from '../../../policy/evaluate';

/**
 * The requests an AWS service makes when it delivers to a bucket or a log group of the account,
 * built from the live policies as the synth-time model (`src/nag/paths/model.ts`: `bucketDelivery`
 * and `deliver` to `logs`) builds them from the template: the same actions, resources and context.
 */

/**
 * s3:GetBucketAcl (when `withAcl`) and s3:PutObject (with `bucket-owner-full-control` where the
 * service sets it, over TLS) by `principal` on the bucket named `bucketName`. A bucket the account
 * does not list (another account's, or a deleted one), or whose policy could not be read, is undecided.
 */
export function bucketDelivery(live: LivePaths, family: PathFamily, judged: string, source: string, bucketName: string,
  principal: RequestPrincipal, context: RequestContext, objectKey: string, withAcl: boolean, ids?: LiveRole): void {
  const actions = withAcl ? ['s3:GetBucketAcl', 's3:PutObject'] : ['s3:PutObject'];
  const label = `${bucketName} bucket`;
  const bucket = live.bucket(bucketName);
  const why = live.inv.s3Buckets === undefined ? 'the account\'s buckets were not read'
    : !bucket ? `the bucket ${bucketName} is not a bucket of this account (another account's, or deleted), so its policy is not known`
      : bucket.policy === undefined ? `the bucket policy of ${bucketName} could not be read` : undefined;
  if (why !== undefined || !bucket) {
    actions.forEach((action) => live.undecided(family, judged, source, label, action, why ?? 'the bucket is not known'));
    return;
  }
  const base = {
    principal,
    resourceAccount: live.inv.accountId,
    mode: 'same-account' as const,
    resourcePolicy: live.bucketPolicy(bucket),
    identityPolicies: 'role' in principal ? ids?.identity : undefined,
    unknownIdentityPolicies: ids?.unknownPolicies,
  };
  if (withAcl) {
    live.evaluate(family, judged, source, label, bucket.name, { ...base, action: 's3:GetBucketAcl', resource: bucket.arn, context });
  }
  live.evaluate(family, judged, source, label, bucket.name, {
    ...base,
    action: 's3:PutObject',
    resource: `${bucket.arn}/${objectKey}`,
    context: { ...context, ...(withAcl ? { 's3:x-amz-acl': 'bucket-owner-full-control' } : {}), 'aws:SecureTransport': 'true' },
  });
}

/**
 * logs:CreateLogStream and logs:PutLogEvents by a role on the log group `groupArn` (with or without
 * `:*`), authorized on the ARN of the stream `logStream` the service creates and writes, by the
 * role's identity policies.
 */
export function logGroupDelivery(live: LivePaths, family: PathFamily, judged: string, source: string, groupArn: string,
  role: LiveRole, logStream: string): void {
  const arn = groupArn.replace(/:\*$/, '');
  const name = arn.split(':log-group:')[1] ?? arn;
  const group = (live.inv.logGroups ?? []).find((g) => g.arn === arn);
  const label = group ? `${name} log group` : arn;
  for (const action of ['logs:CreateLogStream', 'logs:PutLogEvents']) {
    live.evaluate(family, judged, source, label, name, {
      principal: role.principal,
      action,
      resource: `${arn}:log-stream:${logStream}`,
      resourceAccount: live.inv.accountId,
      context: {},
      mode: 'same-account',
      identityPolicies: role.identity,
      unknownIdentityPolicies: role.unknownPolicies,
    });
  }
}

/** A path that the service's own report of its last delivery decides: it failed (evidence, whatever the policies say). */
export function reportedDeliveryError(live: LivePaths, family: PathFamily, judged: string, source: string, target: string, action: string,
  report: string, error: string): void {
  live.decided({
    family,
    judged,
    source,
    target,
    action,
    findingId: `${report}::${action}`,
    result: { decision: 'denied', document: report, reason: `the service reports its last delivery failed: ${error}` },
  });
}
