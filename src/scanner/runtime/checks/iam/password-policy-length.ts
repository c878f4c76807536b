import { definePasswordPolicyCheck } from './account-settings';

export const iamPasswordPolicyLength = definePasswordPolicyCheck(
  {
    id: 'iam-password-policy-length',
    title: 'The password policy requires at least 14 characters',
    severity: 'MEDIUM',
    remediation: 'Set the account password policy minimum length to 14 or more.',
  },
  (p) => ({ ok: p.minimumPasswordLength >= 14, reason: `minimum length ${p.minimumPasswordLength}` }),
);
