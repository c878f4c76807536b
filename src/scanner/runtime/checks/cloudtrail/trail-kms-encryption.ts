import { fail, notApplicable, pass } from '../../model';
import { defineCheck } from '../define';

export const cloudtrailKmsEncryption = defineCheck(
  {
    id: 'cloudtrail-kms-encryption',
    title: 'CloudTrail trails encrypt log files with KMS',
    severity: 'MEDIUM',
    category: 'cloudtrail',
    resourceType: 'AWS::CloudTrail::Trail',
    remediation: 'Set a customer managed KMS key on the trail (SSE-KMS).',
    requiredActions: ['cloudtrail:DescribeTrails'],
    datasets: ['cloudtrail.trails'],
    scope: 'regional',
  },
  (inv) =>
    (inv.trails ?? []).map((t) => {
      // A multi-region trail appears in every region: judge it once, in its home region.
      if (t.homeRegion !== inv.region) return notApplicable(t.arn, `evaluated in its home region ${t.homeRegion}`);
      return t.kmsKeyId ? pass(t.arn, `encrypted with ${t.kmsKeyId}`) : fail(t.arn, 'log files are not KMS-encrypted');
    }),
);
