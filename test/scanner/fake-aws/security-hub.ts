import { AwsHttpError } from './server';

/**
 * Security Hub BatchImportFindings and BatchUpdateFindings as AWS documents them: a call carries
 * 1 to 100 findings and at most 6 MB; each finding is checked for ASFF's required fields and the
 * 240 KB limit and, when refused, listed in `FailedFindings[{Id, ErrorCode, ErrorMessage}]` while
 * the others are imported (`FailedCount`, `SuccessCount`). The product ARN must be the account's
 * own in the Region called. An update is applied only when its UpdatedAt is later than the stored
 * one. Workflow follows the documented automatic transitions: NEW on creation; RESOLVED when a
 * NEW or NOTIFIED finding turns PASSED or ARCHIVED; back to NEW when a RESOLVED finding turns
 * FAILED and ACTIVE again.
 */
export interface FakeSecurityHubState {
  /** Imported findings by Id, as last stored. */
  findings: Record<string, Record<string, any>>;
  /** Calls answered (after throttling), with their finding counts. */
  calls: Array<{ api: string; findings: number; bytes: number; at: number }>;
  /** The next `count` findings received fail with `code` (a transient failure). */
  failNext?: { count: number; code: string; message: string };
}

const REQUIRED = ['AwsAccountId', 'CreatedAt', 'Description', 'GeneratorId', 'Id', 'ProductArn', 'Resources', 'SchemaVersion', 'Severity', 'Title', 'Types', 'UpdatedAt'];

export function emptySecurityHub(): FakeSecurityHubState {
  return { findings: {}, calls: [] };
}

export function securityHubApi(method: string, path: string): string {
  if (method === 'POST' && path === '/findings/import') return 'BatchImportFindings';
  if (method === 'PATCH' && path === '/findings/batchupdate') return 'BatchUpdateFindings';
  return 'Unknown';
}

export function securityHub(
  state: FakeSecurityHubState, accountId: string, region: string, api: string, body: string, json: Record<string, any>,
): unknown {
  if (api === 'BatchImportFindings') return batchImport(state, accountId, region, body, json);
  if (api === 'BatchUpdateFindings') return batchUpdate(state, json);
  throw new AwsHttpError(400, 'InvalidInputException', `fake Security Hub does not implement ${api}`);
}

function batchImport(state: FakeSecurityHubState, accountId: string, region: string, body: string, json: Record<string, any>) {
  const bytes = Buffer.byteLength(body, 'utf8');
  if (bytes > 6 * 1024 * 1024) throw new AwsHttpError(413, 'InvalidInputException', `Request size ${bytes} exceeds the 6 MB limit`);
  const findings = (json.Findings ?? []) as Array<Record<string, any>>;
  if (findings.length < 1 || findings.length > 100) {
    throw new AwsHttpError(400, 'InvalidInputException', `Findings must have between 1 and 100 items; got ${findings.length}`);
  }
  state.calls.push({ api: 'BatchImportFindings', findings: findings.length, bytes, at: Date.now() });
  const own = `arn:aws:securityhub:${region}:${accountId}:product/${accountId}/default`;
  const failed: Array<{ Id: string; ErrorCode: string; ErrorMessage: string }> = [];
  for (const f of findings) {
    const id = String(f.Id ?? '');
    const missing = REQUIRED.filter((k) => f[k] === undefined || f[k] === '');
    const size = Buffer.byteLength(JSON.stringify(f), 'utf8');
    if (missing.length > 0) {
      failed.push({ Id: id, ErrorCode: 'InvalidInput', ErrorMessage: `Finding does not adhere to Amazon Finding Format. data should have required property '${missing[0]}'` });
    } else if (size > 240 * 1024) {
      failed.push({ Id: id, ErrorCode: 'FindingSizeExceeded', ErrorMessage: `Finding size ${size} exceeds the 240 KB limit` });
    } else if (f.ProductArn !== own) {
      failed.push({ Id: id, ErrorCode: 'AccessDeniedException', ErrorMessage: `Not authorized to import findings for ${f.ProductArn} in ${region}` });
    } else if (state.failNext && state.failNext.count > 0) {
      state.failNext.count--;
      failed.push({ Id: id, ErrorCode: state.failNext.code, ErrorMessage: state.failNext.message });
    } else {
      store(state, f);
    }
  }
  return { FailedCount: failed.length, SuccessCount: findings.length - failed.length, FailedFindings: failed };
}

function store(state: FakeSecurityHubState, f: Record<string, any>): void {
  const before = state.findings[f.Id];
  if (before && Date.parse(f.UpdatedAt) <= Date.parse(before.UpdatedAt)) return; // not newer: ignored
  const record = f.RecordState ?? 'ACTIVE';
  const compliance = f.Compliance?.Status;
  let workflow = before?.Workflow?.Status ?? 'NEW';
  if (before) {
    const open = workflow === 'NEW' || workflow === 'NOTIFIED';
    const turnedPassed = compliance === 'PASSED' && before.Compliance?.Status !== 'PASSED';
    const turnedArchived = record === 'ARCHIVED' && before.RecordState !== 'ARCHIVED';
    if (open && (turnedPassed || turnedArchived)) workflow = 'RESOLVED';
    if (workflow === 'RESOLVED' && record === 'ACTIVE' && compliance === 'FAILED' && (before.RecordState === 'ARCHIVED' || before.Compliance?.Status === 'PASSED')) workflow = 'NEW';
  }
  state.findings[f.Id] = { ...f, RecordState: record, Workflow: { Status: workflow }, CreatedAt: before?.CreatedAt ?? f.CreatedAt };
}

function batchUpdate(state: FakeSecurityHubState, json: Record<string, any>) {
  const ids = (json.FindingIdentifiers ?? []) as Array<{ Id: string; ProductArn: string }>;
  if (ids.length < 1 || ids.length > 100) throw new AwsHttpError(400, 'InvalidInputException', `FindingIdentifiers must have between 1 and 100 items; got ${ids.length}`);
  state.calls.push({ api: 'BatchUpdateFindings', findings: ids.length, bytes: 0, at: Date.now() });
  const processed: typeof ids = [];
  const unprocessed: Array<{ FindingIdentifier: { Id: string; ProductArn: string }; ErrorCode: string; ErrorMessage: string }> = [];
  for (const id of ids) {
    const f = state.findings[id.Id];
    if (!f || f.ProductArn !== id.ProductArn) {
      unprocessed.push({ FindingIdentifier: id, ErrorCode: 'FindingNotFound', ErrorMessage: 'Finding not found' });
      continue;
    }
    if (json.Workflow?.Status) f.Workflow = { Status: json.Workflow.Status };
    if (json.Note) f.Note = json.Note;
    processed.push(id);
  }
  return { ProcessedFindings: processed, UnprocessedFindings: unprocessed };
}
