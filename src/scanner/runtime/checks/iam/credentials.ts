import { CredentialReportRow } from '../../model';

export const ROOT_USER = '<root_account>';
const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days between an ISO date and `now`; undefined when the date is absent. */
export function ageInDays(date: string | undefined, now: string): number | undefined {
  if (!date) return undefined;
  const t = Date.parse(date);
  if (Number.isNaN(t)) return undefined;
  return Math.floor((Date.parse(now) - t) / DAY_MS);
}

export function users(rows: readonly CredentialReportRow[] | undefined): CredentialReportRow[] {
  return (rows ?? []).filter((r) => r.user !== ROOT_USER);
}

export function root(rows: readonly CredentialReportRow[] | undefined): CredentialReportRow | undefined {
  return (rows ?? []).find((r) => r.user === ROOT_USER);
}

export const IAM_REPORT_ACTIONS = ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'];
