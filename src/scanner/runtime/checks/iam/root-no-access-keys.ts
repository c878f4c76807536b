import { fail, pass } from '../../model';
import { defineCheck } from '../define';

export const iamRootNoAccessKeys = defineCheck(
  {
    id: 'iam-root-no-access-keys',
    title: 'The root user has no access keys',
    severity: 'CRITICAL',
    category: 'iam',
    resourceType: 'AWS::::Account',
    remediation: 'Sign in as root and delete its access keys; use IAM roles for programmatic access.',
    requiredActions: ['iam:GetAccountSummary'],
    datasets: ['iam.accountSummary'],
    scope: 'global',
  },
  (inv) => {
    const s = inv.accountSummary;
    if (!s) return [];
    const id = `arn:${inv.partition}:iam::${inv.accountId}:root`;
    return [s.accountAccessKeysPresent ? fail(id, 'root user has access keys') : pass(id, 'root user has no access keys')];
  },
);
