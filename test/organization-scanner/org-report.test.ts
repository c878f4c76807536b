import { ItemResult } from '../../src/organization-scanner/runtime/member';
import { accountEntry, buildOrgReport, FailedItem, groupByAccount, OrgReportInput, orgRunStatus } from '../../src/organization-scanner/runtime/org-report';
import { ALL_CHECKS } from '../../src/scanner/runtime/checks';

const CHECK = ALL_CHECKS.find((c) => c.severity === 'HIGH')!;

function result(accountId: string, scope: string, status: ItemResult['status'], extra: Partial<ItemResult> = {}): ItemResult {
  return {
    accountId,
    accountName: `name-${accountId}`,
    region: scope.startsWith('global') ? 'us-east-1' : scope,
    scope,
    status,
    reasons: [],
    score: 50,
    tallies: [[CHECK.id, 1, 1, 0, 0]],
    findings: 1,
    apiErrors: 0,
    durationMs: 1,
    topFindings: [{ findingId: `f-${accountId}-${scope}`, accountId, region: scope, checkId: CHECK.id, severity: 'HIGH', resourceId: `r-${scope}`, reason: 'open' }],
    ...extra,
  };
}

function failedItem(accountId: string, scope: string): FailedItem {
  return { item: { accountId, accountName: `name-${accountId}`, region: scope, regions: [scope], scope, checkIds: [] } as FailedItem['item'], error: 'States.Timeout', cause: 'took too long' };
}

const input = (over: Partial<OrgReportInput>): OrgReportInput => ({ runId: 'run-1', startedAt: '2026-06-01T00:00:00Z', finishedAt: '2026-06-01T01:00:00Z', results: [], failed: [], ...over });

describe('organization report pieces', () => {
  test('groupByAccount: results and failures by account, failed children first among what was not scanned', () => {
    const { byAccount, notScanned } = groupByAccount({
      results: [result('222', 'eu-west-1', 'COMPLETE'), result('111', 'us-east-1', 'NOT_SCANNED', { errorCode: 'AccessDenied', reasons: ['denied'] })],
      failed: [failedItem('111', 'eu-west-1')],
    });
    expect([...byAccount.keys()]).toEqual(['111', '222']);
    expect(byAccount.get('111')!.results.map((r) => r.scope)).toEqual(['us-east-1']);
    expect(byAccount.get('111')!.failedRegions.map((f) => `${f.scope} ${f.code}`)).toEqual(['eu-west-1 States.Timeout', 'us-east-1 AccessDenied']);
    expect(notScanned.map((n) => `${n.accountId} ${n.scope} ${n.reason}`)).toEqual(['111 eu-west-1 took too long', '111 us-east-1 denied']);
  });

  test('accountEntry: items sorted by scope, failed items without a result NOT_SCANNED, status and findings by severity', () => {
    const { byAccount } = groupByAccount({ results: [result('111', 'us-east-1', 'COMPLETE'), result('111', 'global:iam', 'COMPLETE')], failed: [failedItem('111', 'eu-west-1')] });
    const entry = accountEntry('111', byAccount.get('111')!);
    expect(entry.items.map((i) => `${i.scope} ${i.status}`)).toEqual(['eu-west-1 NOT_SCANNED', 'global:iam COMPLETE', 'us-east-1 COMPLETE']);
    expect(entry.items[0].reasons).toEqual(['States.Timeout: took too long']);
    expect(entry).toMatchObject({ accountName: 'name-111', status: 'PARTIAL', score: 50, findings: 2 });
    expect(entry.findingsBySeverity.HIGH).toBe(2);
    const none = accountEntry('333', { name: 'n', results: [], failedRegions: [] });
    expect(none).toMatchObject({ status: 'NOT_SCANNED', score: null, findings: 0 });
  });

  test('orgRunStatus: FAILED when nothing was scanned, PARTIAL with every reason, else COMPLETE', () => {
    expect(orgRunStatus(input({ results: [result('1', 'eu-west-1', 'COMPLETE')] }), 0, 0)).toEqual({ status: 'COMPLETE', reasons: [] });
    expect(orgRunStatus(input({}), 0, 0)).toEqual({ status: 'COMPLETE', reasons: [] });
    expect(orgRunStatus(input({ runError: 'States.ExceedToleratedFailureThreshold' }), 0, 0))
      .toEqual({ status: 'FAILED', reasons: ['the run failed: States.ExceedToleratedFailureThreshold'] });
    expect(orgRunStatus(input({ failed: [failedItem('1', 'eu-west-1')] }), 1, 0).status).toBe('FAILED');
    expect(orgRunStatus(input({ results: [result('1', 'eu-west-1', 'PARTIAL')] }), 1, 2)).toEqual({
      status: 'PARTIAL',
      reasons: ['1 item(s) could not be scanned', '2 planned item(s) have no result', '1 item(s) were scanned only in part'],
    });
  });

  test('buildOrgReport: summary over scanned items, items never run counted, top findings most severe first and capped', () => {
    const report = buildOrgReport(input({
      results: [result('222', 'eu-west-1', 'COMPLETE'), result('111', 'eu-west-1', 'COMPLETE'), result('111', 'us-east-1', 'FAILED', { reasons: [] })],
      failed: [failedItem('333', 'eu-west-1')],
      planned: 5,
      topFindings: 1,
    }));
    expect(report.status).toBe('PARTIAL');
    expect(report.accounts.map((a) => `${a.accountId} ${a.status}`)).toEqual(['111 PARTIAL', '222 COMPLETE', '333 NOT_SCANNED']);
    expect(report.summary).toMatchObject({ accounts: 3, items: 5, itemsScanned: 2, itemsNotScanned: 3, findings: 2, score: 50 });
    expect(report.notScanned.map((n) => `${n.accountId} ${n.scope} ${n.code}`)).toEqual(['111 us-east-1 ScanFailed', '333 eu-west-1 States.Timeout']);
    expect(report.topFindings.map((f) => f.accountId)).toEqual(['111']);
  });
});
