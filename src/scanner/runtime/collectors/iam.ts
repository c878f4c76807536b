import {
  GenerateCredentialReportCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  paginateGetAccountAuthorizationDetails,
} from '@aws-sdk/client-iam';
import { AccountSummaryInfo, AuthorizationDetails, CredentialReportRow, PasswordPolicyInfo } from '../model';
import { CollectContext, pageSize } from './context';

/** Users and customer managed policies (with their default version) in one paginated listing. */
export async function authorizationDetails(ctx: CollectContext): Promise<AuthorizationDetails> {
  const pages = await ctx.clients.paginate(
    { service: 'iam', region: ctx.homeRegion, api: 'GetAccountAuthorizationDetails' },
    paginateGetAccountAuthorizationDetails,
    { Filter: ['User', 'Role', 'LocalManagedPolicy'] },
    pageSize(ctx, 1, 1000),
  );
  return {
    users: pages.flatMap((p) => p.UserDetailList ?? []).map((u) => ({
      userName: u.UserName ?? '',
      arn: u.Arn ?? '',
      attachedPolicyArns: (u.AttachedManagedPolicies ?? []).map((a) => a.PolicyArn ?? ''),
      inlinePolicyNames: (u.UserPolicyList ?? []).map((a) => a.PolicyName ?? ''),
    })),
    roles: pages.flatMap((p) => p.RoleDetailList ?? []).map((r) => ({
      roleName: r.RoleName ?? '',
      arn: r.Arn ?? '',
      path: r.Path ?? '/',
      trustPolicy: safeDecode(r.AssumeRolePolicyDocument ?? ''),
      inlinePolicies: (r.RolePolicyList ?? []).map((p) => ({ name: p.PolicyName ?? '', document: safeDecode(p.PolicyDocument ?? '') })),
      attachedPolicyArns: (r.AttachedManagedPolicies ?? []).map((a) => a.PolicyArn ?? ''),
    })),
    policies: pages.flatMap((p) => p.Policies ?? []).map((p) => {
      const doc = (p.PolicyVersionList ?? []).find((v) => v.IsDefaultVersion)?.Document ?? '';
      return {
        arn: p.Arn ?? '',
        name: p.PolicyName ?? '',
        awsManaged: (p.Arn ?? '').includes(':iam::aws:policy/'),
        attachmentCount: p.AttachmentCount ?? 0,
        document: safeDecode(doc),
      };
    }),
  };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const ABSENT = new Set(['N/A', 'no_information', 'not_supported', '']);
const val = (s: string | undefined) => (s === undefined || ABSENT.has(s) ? undefined : s);

/** Parses the IAM credential report CSV (no quoted fields in this format). */
export function parseCredentialReport(csv: string): CredentialReportRow[] {
  const lines = csv.trim().split(/\r?\n/);
  const header = (lines.shift() ?? '').split(',');
  return lines.filter(Boolean).map((line) => {
    const cells = line.split(',');
    const f = (name: string) => cells[header.indexOf(name)];
    return {
      user: f('user'),
      arn: f('arn'),
      passwordEnabled: f('password_enabled') === 'true',
      passwordLastUsed: val(f('password_last_used')),
      passwordLastChanged: val(f('password_last_changed')),
      mfaActive: f('mfa_active') === 'true',
      accessKey1Active: f('access_key_1_active') === 'true',
      accessKey1LastRotated: val(f('access_key_1_last_rotated')),
      accessKey1LastUsed: val(f('access_key_1_last_used_date')),
      accessKey2Active: f('access_key_2_active') === 'true',
      accessKey2LastRotated: val(f('access_key_2_last_rotated')),
      accessKey2LastUsed: val(f('access_key_2_last_used_date')),
    };
  });
}

/** Generates the credential report (polling until COMPLETE, bounded) and parses it. */
export async function credentialReport(ctx: CollectContext): Promise<CredentialReportRow[]> {
  const region = ctx.homeRegion;
  for (let i = 0; i < 30; i++) {
    const gen = await ctx.clients.send({ service: 'iam', region, api: 'GenerateCredentialReport' }, (c, abortSignal) =>
      c.send(new GenerateCredentialReportCommand({}), { abortSignal }));
    if (gen.State === 'COMPLETE') break;
    await new Promise((r) => setTimeout(r, ctx.credentialReportPollMs ?? 2000));
    if (ctx.clients.deadline.aborted) break;
  }
  const out = await ctx.clients.send({ service: 'iam', region, api: 'GetCredentialReport' }, (c, abortSignal) =>
    c.send(new GetCredentialReportCommand({}), { abortSignal }));
  return parseCredentialReport(Buffer.from(out.Content ?? new Uint8Array()).toString('utf8'));
}

export async function passwordPolicy(ctx: CollectContext): Promise<PasswordPolicyInfo | null> {
  const out = await ctx.clients.call({ service: 'iam', region: ctx.homeRegion, api: 'GetAccountPasswordPolicy', absentOn: ['NoSuchEntity', 'NoSuchEntityException'] },
    (c, abortSignal) => c.send(new GetAccountPasswordPolicyCommand({}), { abortSignal }));
  const p = out?.PasswordPolicy;
  if (!p) return null;
  return {
    minimumPasswordLength: p.MinimumPasswordLength ?? 0,
    requireSymbols: !!p.RequireSymbols,
    requireNumbers: !!p.RequireNumbers,
    requireUppercaseCharacters: !!p.RequireUppercaseCharacters,
    requireLowercaseCharacters: !!p.RequireLowercaseCharacters,
    passwordReusePrevention: p.PasswordReusePrevention,
    maxPasswordAge: p.MaxPasswordAge,
  };
}

export async function accountSummary(ctx: CollectContext): Promise<AccountSummaryInfo> {
  const out = await ctx.clients.send({ service: 'iam', region: ctx.homeRegion, api: 'GetAccountSummary' }, (c, abortSignal) =>
    c.send(new GetAccountSummaryCommand({}), { abortSignal }));
  const m = out.SummaryMap ?? {};
  return { accountMfaEnabled: (m.AccountMFAEnabled ?? 0) > 0, accountAccessKeysPresent: (m.AccountAccessKeysPresent ?? 0) > 0 };
}
