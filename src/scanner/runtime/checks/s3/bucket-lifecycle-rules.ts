import { lifecycleRuleEnabled } from '../../../../controls/judgement/s3-lifecycle';
import { fail, pass } from '../../model';
import { defineCheck } from '../define';
import { missing, S3_META } from './bucket-util';

/** S3.13: the run-time side of `CompliancePack-S3LifecycleRules` (`src/controls/judgement/s3-lifecycle.ts`). */
export const s3BucketLifecycleRules = defineCheck(
  {
    ...S3_META,
    id: 's3-bucket-lifecycle-rules',
    title: 'S3 buckets have lifecycle rules',
    severity: 'LOW',
    remediation: 'Add an enabled lifecycle rule (expire noncurrent versions, abort incomplete uploads, transition to colder classes).',
    requiredActions: ['s3:ListAllMyBuckets', 's3:GetLifecycleConfiguration'],
    datasets: ['s3.buckets'],
  },
  (inv) =>
    (inv.s3Buckets ?? []).map((b) => {
      const err = missing(b, ['lifecycleRules']);
      if (err) return err;
      const rules = b.lifecycleRules ?? [];
      const enabled = rules.filter((r) => lifecycleRuleEnabled(r.status));
      if (enabled.length > 0) return pass(b.arn, `${enabled.length} enabled lifecycle rule(s)`, b.region);
      return fail(b.arn, rules.length === 0 ? 'no lifecycle configuration' : `all ${rules.length} lifecycle rule(s) disabled`, b.region);
    }),
);
