/**
 * AWS Batch (REST-JSON, `POST /v1/<operation>`): DescribeJobDefinitions and DescribeComputeEnvironments,
 * as Batch pages them (up to 100 per page, `nextToken`); job definitions filtered by `status`,
 * `jobDefinitionName` and `jobDefinitions`, compute environments by `computeEnvironments`.
 */
import { FakeService, jsonResponse, restJsonError } from './index';

const APIS: Record<string, string> = {
  '/v1/describejobdefinitions': 'DescribeJobDefinitions',
  '/v1/describecomputeenvironments': 'DescribeComputeEnvironments',
};

export const batch: FakeService = {
  apiName: (r) => APIS[r.path] ?? `Unknown:${r.path}`,
  dispatch: (ctx, r, api) => {
    const acct = ctx.state.accountId;
    const asked = r.json.maxResults;
    if (asked !== undefined && (Number(asked) < 1 || Number(asked) > 100)) {
      return restJsonError({ status: 400, code: 'ClientException', message: 'maxResults must be between 1 and 100' });
    }
    if (api === 'DescribeComputeEnvironments') {
      const named = r.json.computeEnvironments as string[] | undefined;
      const envs = (ctx.region(r.region).computeEnvironments ?? []).map((c) => ({
        ...c,
        computeEnvironmentArn: `arn:aws:batch:${r.region}:${acct}:compute-environment/${c.computeEnvironmentName}`,
        state: 'ENABLED',
        status: 'VALID',
      })).filter((c) => !named || named.some((n) => n === c.computeEnvironmentName || n === c.computeEnvironmentArn));
      const p = ctx.page(envs, r.json.nextToken as string | undefined, asked ?? 100);
      return jsonResponse({ computeEnvironments: p.slice, ...(p.next ? { nextToken: p.next } : {}) }, 'application/json');
    }
    if (api !== 'DescribeJobDefinitions') {
      return restJsonError({ status: 400, code: 'ClientException', message: `fake does not serve batch ${api}` });
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
