import { fail, pass } from '../../model';
import { defineCheck } from '../define';

export const iamPasswordPolicyStrong = defineCheck(
  {
    id: 'iam-password-policy-strong',
    title: 'The password policy requires upper, lower, number and symbol characters',
    severity: 'MEDIUM',
    category: 'iam',
    resourceType: 'AWS::::Account',
    remediation: 'Require uppercase, lowercase, numbers and symbols in the account password policy.',
    requiredActions: ['iam:GetAccountPasswordPolicy'],
    datasets: ['iam.passwordPolicy'],
    scope: 'global',
  },
  (inv) => {
    if (inv.passwordPolicy === undefined) return [];
    const id = `arn:${inv.partition}:iam::${inv.accountId}:account-password-policy`;
    const p = inv.passwordPolicy;
    if (!p) return [fail(id, 'no account password policy (AWS defaults apply)')];
    return [p.requireUppercaseCharacters && p.requireLowercaseCharacters && p.requireNumbers && p.requireSymbols ? pass(id, `upper ${p.requireUppercaseCharacters}, lower ${p.requireLowercaseCharacters}, numbers ${p.requireNumbers}, symbols ${p.requireSymbols}`) : fail(id, `upper ${p.requireUppercaseCharacters}, lower ${p.requireLowercaseCharacters}, numbers ${p.requireNumbers}, symbols ${p.requireSymbols}`)];
  },
);
