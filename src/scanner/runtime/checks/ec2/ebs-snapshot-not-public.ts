import { arn, fail, pass } from '../../model';
import { defineCheck } from '../define';

export const ebsSnapshotNotPublic = defineCheck(
  {
    id: 'ec2-ebs-snapshot-not-public',
    title: 'EBS snapshots are not publicly restorable',
    severity: 'CRITICAL',
    category: 'ebs',
    resourceType: 'AWS::EC2::Snapshot',
    remediation: 'Remove the `all` group from the snapshot create-volume permission; enable block public access for EBS snapshots.',
    requiredActions: ['ec2:DescribeSnapshots'],
    datasets: ['ec2.snapshots'],
    scope: 'regional',
  },
  (inv) => {
    const snaps = inv.snapshots;
    if (!snaps) return [];
    const open = new Set(snaps.publicIds);
    return snaps.owned.map((s) => {
      const id = arn(inv, 'ec2', `snapshot/${s}`);
      return open.has(s) ? fail(id, 'snapshot is restorable by everyone') : pass(id, 'snapshot is private');
    });
  },
);
