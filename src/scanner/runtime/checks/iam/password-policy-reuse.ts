import { definePasswordPolicyCheck } from './account-settings';

export const iamPasswordPolicyReuse = definePasswordPolicyCheck(
  {
    id: 'iam-password-policy-reuse',
    title: 'The password policy prevents reuse of the last 24 passwords',
    severity: 'LOW',
    remediation: 'Set password reuse prevention to 24.',
  },
  (p) => ({ ok: (p.passwordReusePrevention ?? 0) >= 24, reason: `reuse prevention ${p.passwordReusePrevention ?? 0}` }),
);
