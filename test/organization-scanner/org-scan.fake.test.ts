import { accountId, EXTERNAL_ID, fakeOrganization, OU_PROD, OU_SANDBOX, ROLE_NAME } from './fake-org';
import { runLocalMap } from './local-map';
import { OrgReport } from '../../src/organization-scanner/runtime/org-report';
import { handler as plan, PlanResult } from '../../src/organization-scanner/runtime/plan.lambda';
import { handler as report } from '../../src/organization-scanner/runtime/report.lambda';
import { ChildInput } from '../../src/organization-scanner/runtime/run-store';
import { handler as scanItem } from '../../src/organization-scanner/runtime/scan-item.lambda';
import { ScanItem } from '../../src/organization-scanner/runtime/targets';
import { fakeEnv, withEnv } from '../scanner/fake-aws/fixtures';
import { emptyAccount } from '../scanner/fake-aws/model';
import { FakeAws } from '../scanner/fake-aws/server';

const BUCKET = 'org-reports';
const KEY = 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555';
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:org-alerts';
const TABLE = 'org-findings';
const CHECKS = ['s3-bucket-versioning', 'ec2-sg-no-public-ssh', 'iam-root-mfa'];

function env(url: string): Record<string, string> {
  return {
    ...fakeEnv(url),
    REPORT_BUCKET: BUCKET,
    REPORT_KMS_KEY_ID: KEY,
    ALERT_TOPIC_ARN: TOPIC,
    FINDINGS_TABLE: TABLE,
    MEMBER_ROLE_NAME: ROLE_NAME,
    EXTERNAL_ID,
    SCAN_CHECK_IDS: CHECKS.join(','),
    SCAN_REGIONS: 'eu-west-1,us-east-1',
    OUTPUT_RESERVE_MS: '1000',
    EXCLUDED_ACCOUNT_IDS: accountId(3),
  };
}

describe('organization scan against a fake organization', () => {
  let fake: FakeAws;
  let url: string;
  beforeEach(async () => {
    fake = new FakeAws(emptyAccount(['us-east-1']), {
      pageSize: 3,
      organization: fakeOrganization(),
      // AssumeRole is throttled: 32 children at once get past it only with retries.
      throttleApis: { 'sts:AssumeRole': { ratePerSec: 20, burst: 3 } },
      // ...and its first three calls are throttled whatever the pace, so a slow machine sees it too.
      throttleFirst: { 'sts:AssumeRole': 3 },
      // Account 08's eu-west-1 never answers.
      hangWhen: (r) => r.region === 'eu-west-1' && /Credential=ASIA111111111108\//.test(String(r.headers.authorization)),
    });
    url = await fake.start();
  });
  afterEach(() => fake.stop());

  test('plan lists accounts under OUs recursively (ListChildren, ListAccountsForParent), minus exclusions and suspended accounts', async () => {
    const out = await withEnv({ ...env(url), TARGET_OU_IDS: `${OU_PROD},ou-abcd-dev00001`, EXCLUDED_ACCOUNT_IDS: `${accountId(3)},${accountId(10)}` }, () => plan({ runId: 'run-ou' }));
    const items = JSON.parse(fake.state.s3Objects[`${BUCKET}/${out.itemsKey}`].body) as ScanItem[];
    expect([...new Set(items.map((i) => i.accountId))]).toEqual([1, 2, 4, 5, 6, 8, 9].map(accountId));
    expect(fake.stats.requests['organizations:ListChildren']).toBe(3);
    expect(fake.stats.requests['organizations:ListAccounts']).toBeUndefined();
    const sandboxOnly = await withEnv({ ...env(url), TARGET_OU_IDS: OU_SANDBOX }, () => plan({ runId: 'run-sandbox' }));
    expect(sandboxOnly).toMatchObject({ accounts: 2, items: 8, regions: ['eu-west-1', 'us-east-1'] });
  });

  test('plan, Distributed Map of children, report: the organization report is exact', async () => {
    const e = env(url);
    const planned: PlanResult = await withEnv(e, () => plan({ runId: 'run-1' }));
    expect(planned).toMatchObject({ runId: 'run-1', bucket: BUCKET, itemsKey: 'organization-scans/runs/run-1/items.json', items: 32, accounts: 8 });
    const items = JSON.parse(fake.state.s3Objects[`${BUCKET}/${planned.itemsKey}`].body) as ScanItem[];
    // Per account: one item per Region (regional checks), one per global service over every Region.
    expect(items.filter((i) => i.accountId === accountId(1))).toEqual([
      { accountId: accountId(1), accountName: 'account-1', region: 'eu-west-1', regions: ['eu-west-1'], scope: 'eu-west-1', checkIds: ['ec2-sg-no-public-ssh'] },
      { accountId: accountId(1), accountName: 'account-1', region: 'us-east-1', regions: ['us-east-1'], scope: 'us-east-1', checkIds: ['ec2-sg-no-public-ssh'] },
      { accountId: accountId(1), accountName: 'account-1', region: 'us-east-1', regions: ['eu-west-1', 'us-east-1'], scope: 'global:iam', checkIds: ['iam-root-mfa'] },
      { accountId: accountId(1), accountName: 'account-1', region: 'us-east-1', regions: ['eu-west-1', 'us-east-1'], scope: 'global:s3', checkIds: ['s3-bucket-versioning'] },
    ]);

    const context = { getRemainingTimeInMillis: () => 3000 };
    const run = await withEnv(e, () => runLocalMap(items, (item): ChildInput => ({ runId: 'run-1', item }), (input) => scanItem(input, context), {
      maxConcurrency: 32,
      retry: { errors: ['TransientItemError', 'Lambda.TooManyRequestsException'], maxAttempts: 3, intervalMs: 50, backoffRate: 2 },
      toleratedFailurePercentage: 25,
    }, { state: fake.state, bucket: BUCKET, prefix: 'organization-scans/results/run-1/', label: (i) => `${i.accountId}/${i.scope}` }));
    expect(run.exceededTolerance).toBe(false);
    expect(Object.entries(run.attempts).filter(([, n]) => n === 3).map(([k]) => k).sort()).toEqual(
      ['eu-west-1', 'global:iam', 'global:s3', 'us-east-1'].map((scope) => `${accountId(9)}/${scope}`));
    expect(fake.stats.throttled['sts:AssumeRole']).toBeGreaterThan(0);

    const out = await withEnv(e, () => report({
      plan: { runId: 'run-1', startedAt: planned.startedAt, items: planned.items },
      map: { ResultWriterDetails: { Bucket: BUCKET, Key: run.manifestKey } },
    }));
    expect(out).toEqual({
      runId: 'run-1',
      status: 'PARTIAL',
      score: 83.5,
      accountsNotScanned: 2,
      reportKeys: ['organization-scans/runs/run-1/report.json', 'organization-scans/runs/run-1/report.html', 'organization-scans/latest.json', 'organization-scans/latest.html'],
    });
    const org = JSON.parse(fake.state.s3Objects[`${BUCKET}/organization-scans/runs/run-1/report.json`].body) as OrgReport;
    // score = 100 * (8 * 5/6 [root MFA] + 4 * 11/13 [SSH] + 1 * 8/10 [versioning]) / 13 over the scanned items only.
    expect(org.summary).toEqual({
      accounts: 8,
      accountsComplete: 5,
      accountsPartial: 1,
      accountsNotScanned: 2,
      items: 32,
      itemsScanned: 22,
      itemsNotScanned: 10,
      score: 83.5,
      findings: 5,
      findingsBySeverity: { CRITICAL: 1, HIGH: 2, MEDIUM: 0, LOW: 2 },
    });
    expect(org.status).toBe('PARTIAL');
    expect(org.statusReasons).toEqual(['10 item(s) could not be scanned']);
    const items4 = (a: OrgReport['accounts'][number]) => a.items.map((r) => `${r.scope}:${r.status}:${r.score}`).join(' ');
    expect(org.accounts.map((a) => [a.accountId, a.status, a.score, a.findings, items4(a)])).toEqual([
      [accountId(1), 'COMPLETE', 92.3, 2, 'eu-west-1:COMPLETE:100 global:iam:COMPLETE:100 global:s3:COMPLETE:0 us-east-1:COMPLETE:100'],
      [accountId(2), 'COMPLETE', 89.7, 1, 'eu-west-1:COMPLETE:100 global:iam:COMPLETE:100 global:s3:COMPLETE:100 us-east-1:COMPLETE:50'],
      [accountId(4), 'COMPLETE', 38.5, 1, 'eu-west-1:COMPLETE:100 global:iam:COMPLETE:0 global:s3:COMPLETE:100 us-east-1:COMPLETE:100'],
      [accountId(5), 'NOT_SCANNED', null, 0, 'eu-west-1:NOT_SCANNED:null global:iam:NOT_SCANNED:null global:s3:NOT_SCANNED:null us-east-1:NOT_SCANNED:null'],
      [accountId(6), 'COMPLETE', 89.7, 1, 'eu-west-1:COMPLETE:100 global:iam:COMPLETE:100 global:s3:COMPLETE:100 us-east-1:COMPLETE:50'],
      // The hung Region fails its own item and the account's S3 item (its eu-west-1 bucket cannot be read).
      [accountId(8), 'PARTIAL', 100, 0, 'eu-west-1:FAILED:null global:iam:COMPLETE:100 global:s3:FAILED:null us-east-1:COMPLETE:100'],
      [accountId(9), 'NOT_SCANNED', null, 0, 'eu-west-1:NOT_SCANNED:null global:iam:NOT_SCANNED:null global:s3:NOT_SCANNED:null us-east-1:NOT_SCANNED:null'],
      [accountId(10), 'COMPLETE', 100, 0, 'eu-west-1:COMPLETE:100 global:iam:COMPLETE:100 global:s3:COMPLETE:100 us-east-1:COMPLETE:100'],
    ]);
    const scopes = ['eu-west-1', 'global:iam', 'global:s3', 'us-east-1'];
    expect(org.notScanned.map((n) => [n.accountId, n.scope, n.code])).toEqual([
      ...scopes.map((s) => [accountId(5), s, 'AccessDenied']),
      [accountId(8), 'eu-west-1', 'ScanDeadlineExceeded'],
      [accountId(8), 'global:s3', 'ScanDeadlineExceeded'],
      ...scopes.map((s) => [accountId(9), s, 'TransientItemError']),
    ]);
    expect(org.notScanned[0].reason).toMatch(/^the member role could not be assumed: sts:AssumeRole in us-east-1 for arn:aws:iam::111111111105:role\/ComplianceScannerMember failed: AccessDenied/);
    expect(org.notScanned[6].reason).toMatch(/^account 111111111109 eu-west-1: sts:AssumeRole in us-east-1 for .* failed: InternalFailure/);
    expect(org.topFindings.map((f) => `${f.severity} ${f.checkId} ${f.accountId} ${f.region}`)).toEqual([
      `CRITICAL iam-root-mfa ${accountId(4)} global`,
      `HIGH ec2-sg-no-public-ssh ${accountId(2)} us-east-1`,
      `HIGH ec2-sg-no-public-ssh ${accountId(6)} us-east-1`,
      `LOW s3-bucket-versioning ${accountId(1)} eu-west-1`,
      `LOW s3-bucket-versioning ${accountId(1)} us-east-1`,
    ]);

    // Every scanned item's report and findings are written; one SNS summary for the whole run.
    const itemReports = Object.keys(fake.state.s3Objects).filter((k) => /accounts\/\d{12}\/[a-z0-9-]+\/latest\.json$/.test(k));
    expect(itemReports).toHaveLength(24);
    expect(new Set((fake.state.dynamoItems[TABLE] ?? []).map((i) => (i.findingId as { S: string }).S)).size).toBe(5);
    expect(fake.state.snsMessages).toHaveLength(1);
    expect(fake.state.snsMessages[0].Subject).toBe('Organization compliance PARTIAL: score 83.5, 2 account(s) not scanned');
    expect(fake.state.snsMessages[0].Message).toContain(`${accountId(5)} us-east-1: AccessDenied`);
    const html = fake.state.s3Objects[`${BUCKET}/organization-scans/latest.html`].body;
    expect(html).toContain('Score: 83.5%');
    expect(html).toContain('Not scanned (10)');
    // The member role was assumed with the external id, and members were read with their own credentials.
    expect(fake.options.organization!.accounts.find((a) => a.Id === accountId(1))!.state.snsMessages).toEqual([]);
  }, 60_000);

  test('a Map that exceeded its tolerated failures still reports, FAILED, and never as compliant', async () => {
    const out = await withEnv(env(url), () => report({
      plan: { runId: 'run-2', startedAt: '2026-01-01T00:00:00.000Z', items: 32 },
      mapError: { Error: 'States.ExceedToleratedFailureThreshold', Cause: 'The specified tolerated failure threshold was exceeded' },
    }));
    expect(out).toMatchObject({ runId: 'run-2', status: 'FAILED', score: null });
    const org = JSON.parse(fake.state.s3Objects[`${BUCKET}/organization-scans/runs/run-2/report.json`].body) as OrgReport;
    expect(org.summary).toMatchObject({ items: 32, itemsScanned: 0, itemsNotScanned: 32, score: null });
    expect(org.statusReasons).toEqual([
      'the run failed: States.ExceedToleratedFailureThreshold: The specified tolerated failure threshold was exceeded',
      '32 planned item(s) have no result',
    ]);
  });
});

