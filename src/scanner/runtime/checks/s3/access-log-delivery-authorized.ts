import { errored, notApplicable } from '../../model';
import { LivePaths, pathResults } from '../../paths/live-paths';
import { s3AccessLogDelivery } from '../../paths/s3-access-log-delivery';
import { defineCheck } from '../define';
import { S3_META } from './bucket-util';

/**
 * S3.AccessLogDeliveryAuthorized: the run-time side of `CompliancePack-S3AccessLogDeliveryAuthorized`,
 * the paths of family `s3-access-log-delivery` built from the live target bucket (its policy, ACL,
 * object ownership and default encryption) and judged by the same evaluator
 * (`paths/s3-access-log-delivery.ts`).
 */
export const s3AccessLogDeliveryAuthorized = defineCheck(
  {
    ...S3_META,
    id: 's3-access-log-delivery-authorized',
    title: 'S3 server access logs may be delivered to their target bucket',
    severity: 'HIGH',
    remediation: 'In the target bucket\'s policy, allow the service principal logging.s3.amazonaws.com s3:PutObject on <target>/<prefix>*, conditioned on aws:SourceArn of the source bucket and aws:SourceAccount; give the target SSE-S3 default encryption.',
    requiredActions: s3AccessLogDelivery.requiredActions,
    datasets: ['s3.buckets'],
  },
  (inv) => {
    const live = new LivePaths(inv);
    const judged = s3AccessLogDelivery.build(live);
    const results = pathResults(live, 's3-access-log-delivery', judged);
    const byArn = new Map(results.map((r) => [r.resourceId, r]));
    return (inv.s3Buckets ?? []).map((b) => {
      const r = byArn.get(b.arn);
      if (r) return { ...r, region: b.region };
      return b.loggingTarget === undefined
        ? errored(b.arn, 'could not read its server access logging (GetBucketLogging)', b.region)
        : notApplicable(b.arn, 'server access logging is off', b.region);
    });
  },
);
