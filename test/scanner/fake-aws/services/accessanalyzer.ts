/**
 * IAM Access Analyzer (REST-JSON, signing name `access-analyzer`): ListAnalyzers, paged as AWS
 * pages it (`maxResults`, `nextToken`), filtered by `type` when asked.
 */
import { FakeService, jsonResponse, restJsonError } from './index';
import type { FakeAnalyzer } from '../model';
import type { WireRequest } from '../server';

/** The default of a Region: the external access analyzer AccountAudit creates. */
export const DEFAULT_ANALYZERS: FakeAnalyzer[] = [{ name: 'external-access', type: 'ACCOUNT', status: 'ACTIVE' }];

export const accessAnalyzer: FakeService = {
  apiName: (r: WireRequest) => (r.method === 'GET' && r.path === '/analyzer' ? 'ListAnalyzers' : `${r.method} ${r.path}`),
  dispatch: (ctx, r, api) => {
    if (api !== 'ListAnalyzers') throw Object.assign(new Error(`fake Access Analyzer does not implement ${api}`), { status: 400, code: 'ValidationException' });
    const acct = ctx.state.accountId;
    const type = r.query.get('type');
    const all = (ctx.region(r.region).analyzers ?? DEFAULT_ANALYZERS).filter((a) => !type || a.type === type);
    const p = ctx.page(all, r.query.get('nextToken'), r.query.get('maxResults'));
    return jsonResponse({
      analyzers: p.slice.map((a) => ({
        arn: `arn:aws:access-analyzer:${r.region}:${acct}:analyzer/${a.name}`, name: a.name, type: a.type, status: a.status, createdAt: '2026-01-01T00:00:00Z',
      })),
      ...(p.next ? { nextToken: p.next } : {}),
    }, 'application/json');
  },
  errorResponse: (_r, e) => restJsonError(e),
};
