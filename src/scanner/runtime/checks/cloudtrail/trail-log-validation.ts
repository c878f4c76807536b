import { defineResourceCheck } from '../define';
import { TRAILS } from '../resource-kinds';

export const cloudtrailLogValidation = defineResourceCheck(
  TRAILS,
  {
    id: 'cloudtrail-log-validation',
    title: 'CloudTrail trails have log file validation enabled',
    severity: 'LOW',
    remediation: 'Enable log file integrity validation on the trail.',
  },
  (t) => (t.logFileValidationEnabled ? { ok: true, reason: 'log file validation on' } : { ok: false, reason: 'log file validation off' }),
);
