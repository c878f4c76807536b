import { defineResourceCheck } from '../define';
import { TRAILS } from '../resource-kinds';

export const cloudtrailKmsEncryption = defineResourceCheck(
  TRAILS,
  {
    id: 'cloudtrail-kms-encryption',
    title: 'CloudTrail trails encrypt log files with KMS',
    severity: 'MEDIUM',
    remediation: 'Set a customer managed KMS key on the trail (SSE-KMS).',
  },
  (t) => (t.kmsKeyId ? { ok: true, reason: `encrypted with ${t.kmsKeyId}` } : { ok: false, reason: 'log files are not KMS-encrypted' }),
);
