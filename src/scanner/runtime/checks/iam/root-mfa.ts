import { fail, pass } from '../../model';
import { defineCheck } from '../define';

export const iamRootMfa = defineCheck(
  {
    id: 'iam-root-mfa',
    title: 'The root user has MFA enabled',
    severity: 'CRITICAL',
    category: 'iam',
    resourceType: 'AWS::::Account',
    remediation: 'Sign in as root and register an MFA device (hardware or passkey preferred).',
    requiredActions: ['iam:GetAccountSummary'],
    datasets: ['iam.accountSummary'],
    scope: 'global',
  },
  (inv) => {
    const s = inv.accountSummary;
    if (!s) return [];
    const id = `arn:${inv.partition}:iam::${inv.accountId}:root`;
    return [s.accountMfaEnabled ? pass(id, 'root MFA enabled') : fail(id, 'root user has no MFA')];
  },
);
