/**
 * AWS Batch (REST-JSON, `POST /v1/<operation>`): DescribeJobDefinitions, as Batch pages it (up to
 * 100 per page, `nextToken`), filtered by `status`, `jobDefinitionName` and `jobDefinitions`.
 */
import { FakeService, jsonResponse, restJsonError } from './index';

const APIS: Record<string, string> = {
  '/v1/describejobdefinitions': 'DescribeJobDefinitions',
};

export const batch: FakeService = {
  apiName: (r) => APIS[r.path] ?? `Unknown:${r.path}`,
  dispatch: (ctx, r, api) => {
    const acct = ctx.state.accountId;
    if (api !== 'DescribeJobDefinitions') {
      throw Object.assign(new Error(`fake does not serve batch ${api}`), { status: 400, code: 'ClientException' });
    }
    const asked = r.json.maxResults;
    if (asked !== undefined && (Number(asked) < 1 || Number(asked) > 100)) {
      return restJsonError({ status: 400, code: 'ClientException', message: 'maxResults must be between 1 and 100' });
    }
    const status = r.json.status as string | undefined;
    const name = r.json.jobDefinitionName as string | undefined;
    const wanted = r.json.jobDefinitions as string[] | undefined;
    const all = (ctx.region(r.region).jobDefinitions ?? []).map((d) => ({
      ...d,
      status: d.status ?? 'ACTIVE',
      jobDefinitionArn: `arn:aws:batch:${r.region}:${acct}:job-definition/${d.jobDefinitionName}:${d.revision}`,
    })).filter((d) => (!status || d.status === status) && (!name || d.jobDefinitionName === name)
      && (!wanted || wanted.some((w) => w === d.jobDefinitionArn || w === `${d.jobDefinitionName}:${d.revision}`)));
    const p = ctx.page(all, r.json.nextToken as string | undefined, asked ?? 100);
    return jsonResponse({ jobDefinitions: p.slice, ...(p.next ? { nextToken: p.next } : {}) }, 'application/json');
  },
  errorResponse: (_r, e) => restJsonError(e),
};
