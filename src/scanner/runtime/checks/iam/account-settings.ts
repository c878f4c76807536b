/** The account-level IAM checks' one definition: the password policy and the root user's account summary, one result per account. */
import { AccountSummaryInfo, Check, fail, Inventory, pass, PasswordPolicyInfo, Severity } from '../../model';
import { defineCheck } from '../define';

/** What an account setting check states itself. */
export interface AccountSettingSpec {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly remediation: string;
}

/** A setting's verdict: whether it complies, and the reason either way. */
export interface SettingVerdict {
  readonly ok: boolean;
  readonly reason: string;
}

function defineAccountSetting<T>(spec: AccountSettingSpec, source: { action: string; dataset: 'iam.passwordPolicy' | 'iam.accountSummary'; resource: string },
  read: (inv: Inventory) => T | null | undefined, missing: string | undefined, judge: (setting: T) => SettingVerdict): Check {
  return defineCheck(
    { ...spec, category: 'iam', resourceType: 'AWS::::Account', requiredActions: [source.action], datasets: [source.dataset], scope: 'global' },
    (inv) => {
      const setting = read(inv);
      if (setting === undefined || (setting === null && missing === undefined)) return [];
      const id = `arn:${inv.partition}:iam::${inv.accountId}:${source.resource}`;
      if (setting === null) return [fail(id, missing!)];
      const verdict = judge(setting);
      return [verdict.ok ? pass(id, verdict.reason) : fail(id, verdict.reason)];
    },
  );
}

/** A check of the account password policy (GetAccountPasswordPolicy): no policy fails, as AWS's defaults apply. */
export function definePasswordPolicyCheck(spec: AccountSettingSpec, judge: (policy: PasswordPolicyInfo) => SettingVerdict): Check {
  return defineAccountSetting(spec, { action: 'iam:GetAccountPasswordPolicy', dataset: 'iam.passwordPolicy', resource: 'account-password-policy' },
    (inv) => inv.passwordPolicy, 'no account password policy (AWS defaults apply)', judge);
}

/** A check of the root user in the account summary (GetAccountSummary); no result when the summary was not read. */
export function defineRootCheck(spec: AccountSettingSpec, judge: (summary: AccountSummaryInfo) => SettingVerdict): Check {
  return defineAccountSetting(spec, { action: 'iam:GetAccountSummary', dataset: 'iam.accountSummary', resource: 'root' }, (inv) => inv.accountSummary ?? undefined, undefined, judge);
}
