import { defineBucketCheck } from './bucket-util';

/**
 * S3.7: the bucket has an enabled replication rule, as the stock `*-S3BucketReplicationEnabled`
 * rules judge the template. The destination's Region is not looked up (a destination in the same
 * Region passes, as it does at synth time).
 */
export const s3BucketReplication = defineBucketCheck(
  {
    id: 's3-bucket-replication',
    title: 'S3 buckets replicate to another bucket',
    severity: 'LOW',
    remediation: 'Add a replication configuration with an enabled rule to a bucket in another Region.',
    requiredActions: ['s3:ListAllMyBuckets', 's3:GetReplicationConfiguration'],
  },
  ['replicationRules'],
  (b) => {
    const rules = b.replicationRules ?? [];
    const enabled = rules.filter((r) => r.status === 'Enabled');
    if (enabled.length > 0) return { ok: true, reason: `replicates to ${[...new Set(enabled.map((r) => r.destination ?? '?'))].join(', ')}` };
    return { ok: false, reason: rules.length === 0 ? 'no replication configuration' : `all ${rules.length} replication rule(s) disabled` };
  },
);
