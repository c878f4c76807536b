import { fail, pass } from '../../model';
import { defineCheck } from '../define';

export const iamPasswordPolicyLength = defineCheck(
  {
    id: 'iam-password-policy-length',
    title: 'The password policy requires at least 14 characters',
    severity: 'MEDIUM',
    category: 'iam',
    resourceType: 'AWS::::Account',
    remediation: 'Set the account password policy minimum length to 14 or more.',
    requiredActions: ['iam:GetAccountPasswordPolicy'],
    datasets: ['iam.passwordPolicy'],
    scope: 'global',
  },
  (inv) => {
    if (inv.passwordPolicy === undefined) return [];
    const id = `arn:${inv.partition}:iam::${inv.accountId}:account-password-policy`;
    const p = inv.passwordPolicy;
    if (!p) return [fail(id, 'no account password policy (AWS defaults apply)')];
    return [p.minimumPasswordLength >= 14 ? pass(id, `minimum length ${p.minimumPasswordLength}`) : fail(id, `minimum length ${p.minimumPasswordLength}`)];
  },
);
