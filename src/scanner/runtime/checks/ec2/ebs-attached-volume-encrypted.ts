import { arn, fail, notApplicable, pass } from '../../model';
import { defineCheck } from '../define';

export const ebsAttachedVolumeEncrypted = defineCheck(
  {
    id: 'ec2-ebs-attached-volume-encrypted',
    title: 'Attached EBS volumes are encrypted at rest',
    severity: 'MEDIUM',
    category: 'ebs',
    resourceType: 'AWS::EC2::Volume',
    remediation: 'Snapshot the volume, copy the snapshot with encryption, create a volume from it and swap it in.',
    requiredActions: ['ec2:DescribeVolumes'],
    datasets: ['ec2.volumes'],
    scope: 'regional',
  },
  (inv) =>
    (inv.volumes ?? []).map((v) => {
      const id = arn(inv, 'ec2', `volume/${v.volumeId}`);
      if (v.attachedTo.length === 0) return notApplicable(id, 'volume is not attached');
      return v.encrypted ? pass(id, 'volume is encrypted') : fail(id, `unencrypted volume attached to ${v.attachedTo.join(', ')}`);
    }),
);
