import { fail, pass } from '../../model';
import { defineCheck } from '../define';
import { missing, S3_META } from './bucket-util';

/**
 * S3.7: the bucket has an enabled replication rule, as the stock `*-S3BucketReplicationEnabled`
 * rules judge the template. The destination's Region is not looked up (a destination in the same
 * Region passes, as it does at synth time).
 */
export const s3BucketReplication = defineCheck(
  {
    ...S3_META,
    id: 's3-bucket-replication',
    title: 'S3 buckets replicate to another bucket',
    severity: 'LOW',
    remediation: 'Add a replication configuration with an enabled rule to a bucket in another Region.',
    requiredActions: ['s3:ListAllMyBuckets', 's3:GetReplicationConfiguration'],
    datasets: ['s3.buckets'],
  },
  (inv) =>
    (inv.s3Buckets ?? []).map((b) => {
      const err = missing(b, ['replicationRules']);
      if (err) return err;
      const rules = b.replicationRules ?? [];
      const enabled = rules.filter((r) => r.status === 'Enabled');
      if (enabled.length > 0) return pass(b.arn, `replicates to ${[...new Set(enabled.map((r) => r.destination ?? '?'))].join(', ')}`, b.region);
      return fail(b.arn, rules.length === 0 ? 'no replication configuration' : `all ${rules.length} replication rule(s) disabled`, b.region);
    }),
);
