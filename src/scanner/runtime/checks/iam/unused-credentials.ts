import { CredentialReportRow, fail, notApplicable, pass } from '../../model';
import { defineCheck } from '../define';
import { ageInDays, IAM_REPORT_ACTIONS, users } from './credentials';

export const MAX_UNUSED_DAYS = 45;

function unused(u: CredentialReportRow, now: string): string[] {
  const out: string[] = [];
  // Never used counts from the day the credential was created (password change or key rotation).
  if (u.passwordEnabled) {
    const age = ageInDays(u.passwordLastUsed ?? u.passwordLastChanged, now);
    if (age !== undefined && age > MAX_UNUSED_DAYS) out.push(`password unused for ${age} days`);
  }
  for (const k of [
    { n: 1, active: u.accessKey1Active, used: u.accessKey1LastUsed, rotated: u.accessKey1LastRotated },
    { n: 2, active: u.accessKey2Active, used: u.accessKey2LastUsed, rotated: u.accessKey2LastRotated },
  ]) {
    if (!k.active) continue;
    const age = ageInDays(k.used ?? k.rotated, now);
    if (age !== undefined && age > MAX_UNUSED_DAYS) out.push(`access key ${k.n} unused for ${age} days`);
  }
  return out;
}

export const iamUnusedCredentials = defineCheck(
  {
    id: 'iam-unused-credentials',
    title: `IAM credentials unused for ${MAX_UNUSED_DAYS} days are disabled`,
    severity: 'MEDIUM',
    category: 'iam',
    resourceType: 'AWS::IAM::User',
    remediation: 'Remove the console password and deactivate access keys that have not been used for 45 days.',
    requiredActions: IAM_REPORT_ACTIONS,
    datasets: ['iam.credentialReport'],
    scope: 'global',
  },
  (inv) =>
    users(inv.credentialReport).map((u) => {
      if (!u.passwordEnabled && !u.accessKey1Active && !u.accessKey2Active) return notApplicable(u.arn, 'no active credentials');
      const stale = unused(u, inv.now);
      return stale.length === 0 ? pass(u.arn, 'credentials used recently') : fail(u.arn, stale.join('; '));
    }),
);
