import { definePasswordPolicyCheck } from './account-settings';

export const iamPasswordPolicyStrong = definePasswordPolicyCheck(
  {
    id: 'iam-password-policy-strong',
    title: 'The password policy requires upper, lower, number and symbol characters',
    severity: 'MEDIUM',
    remediation: 'Require uppercase, lowercase, numbers and symbols in the account password policy.',
  },
  (p) => ({
    ok: !!(p.requireUppercaseCharacters && p.requireLowercaseCharacters && p.requireNumbers && p.requireSymbols),
    reason: `upper ${p.requireUppercaseCharacters}, lower ${p.requireLowercaseCharacters}, numbers ${p.requireNumbers}, symbols ${p.requireSymbols}`,
  }),
);
