import { defineBucketCheck } from './bucket-util';
import { lifecycleRuleEnabled } from '../../../../controls/judgement/s3-lifecycle';

/** S3.13: the run-time side of `CompliancePack-S3LifecycleRules` (`src/controls/judgement/s3-lifecycle.ts`). */
export const s3BucketLifecycleRules = defineBucketCheck(
  {
    id: 's3-bucket-lifecycle-rules',
    title: 'S3 buckets have lifecycle rules',
    severity: 'LOW',
    remediation: 'Add an enabled lifecycle rule (expire noncurrent versions, abort incomplete uploads, transition to colder classes).',
    requiredActions: ['s3:ListAllMyBuckets', 's3:GetLifecycleConfiguration'],
  },
  ['lifecycleRules'],
  (b) => {
    const rules = b.lifecycleRules ?? [];
    const enabled = rules.filter((r) => lifecycleRuleEnabled(r.status));
    if (enabled.length > 0) return { ok: true, reason: `${enabled.length} enabled lifecycle rule(s)` };
    return { ok: false, reason: rules.length === 0 ? 'no lifecycle configuration' : `all ${rules.length} lifecycle rule(s) disabled` };
  },
);
