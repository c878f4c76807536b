import { fail, pass } from '../../model';
import { defineCheck } from '../define';

export const iamPasswordPolicyReuse = defineCheck(
  {
    id: 'iam-password-policy-reuse',
    title: 'The password policy prevents reuse of the last 24 passwords',
    severity: 'LOW',
    category: 'iam',
    resourceType: 'AWS::::Account',
    remediation: 'Set password reuse prevention to 24.',
    requiredActions: ['iam:GetAccountPasswordPolicy'],
    datasets: ['iam.passwordPolicy'],
    scope: 'global',
  },
  (inv) => {
    if (inv.passwordPolicy === undefined) return [];
    const id = `arn:${inv.partition}:iam::${inv.accountId}:account-password-policy`;
    const p = inv.passwordPolicy;
    if (!p) return [fail(id, 'no account password policy (AWS defaults apply)')];
    return [(p.passwordReusePrevention ?? 0) >= 24 ? pass(id, `reuse prevention ${p.passwordReusePrevention ?? 0}`) : fail(id, `reuse prevention ${p.passwordReusePrevention ?? 0}`)];
  },
);
