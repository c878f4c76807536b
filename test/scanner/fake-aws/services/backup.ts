/**
 * AWS Backup (REST-JSON, signing name `backup`): ListBackupPlans, ListBackupSelections and
 * GetBackupSelection, paged with `maxResults` / `nextToken` as Backup pages them.
 */
import { FakeService, jsonResponse, restJsonError } from './index';
import type { FakeBackupPlan, FakeRegionState } from '../model';

/** The default of a Region: BatchPipeline's plan, its selection naming every table of the Region by ARN. */
export function defaultBackupPlans(region: FakeRegionState, regionName: string, account: string): FakeBackupPlan[] {
  return [{
    name: 'BatchPipelineBackupPlan',
    selections: [{ name: 'TrackingTable', resources: region.tables.map((t) => `arn:aws:dynamodb:${regionName}:${account}:table/${t.TableName}`) }],
  }];
}

function planId(name: string): string {
  return `plan-${name}`;
}

export const backup: FakeService = {
  apiName: (r) => {
    const p = r.path.replace(/\/$/, '');
    if (r.method !== 'GET') return `Unknown:${r.method} ${p}`;
    if (p === '/backup/plans') return 'ListBackupPlans';
    if (/^\/backup\/plans\/[^/]+\/selections$/.test(p)) return 'ListBackupSelections';
    if (/^\/backup\/plans\/[^/]+\/selections\/[^/]+$/.test(p)) return 'GetBackupSelection';
    return `Unknown:${p}`;
  },
  dispatch: (ctx, r, api) => {
    const acct = ctx.state.accountId;
    const region = ctx.region(r.region);
    const plans = region.backupPlans ?? defaultBackupPlans(region, r.region, acct);
    const segments = r.path.replace(/\/$/, '').split('/').map(decodeURIComponent);
    const asked = r.query.get('maxResults') ?? 1000;
    const token = r.query.get('nextToken');
    const plan = plans.find((x) => planId(x.name) === segments[3]);
    const notFound = () => restJsonError({ status: 404, code: 'ResourceNotFoundException', message: `Failed reading Backup plan with provided version ${segments[3]}` });
    switch (api) {
      case 'ListBackupPlans': {
        const p = ctx.page(plans.map((x) => ({
          BackupPlanArn: `arn:aws:backup:${r.region}:${acct}:backup-plan:${planId(x.name)}`, BackupPlanId: planId(x.name), BackupPlanName: x.name, VersionId: 'v1',
        })), token, asked);
        return jsonResponse({ BackupPlansList: p.slice, ...(p.next ? { NextToken: p.next } : {}) }, 'application/json');
      }
      case 'ListBackupSelections': {
        if (!plan) return notFound();
        const p = ctx.page(plan.selections.map((s) => ({ SelectionId: `sel-${s.name}`, SelectionName: s.name, BackupPlanId: planId(plan.name), IamRoleArn: `arn:aws:iam::${acct}:role/backup` })), token, asked);
        return jsonResponse({ BackupSelectionsList: p.slice, ...(p.next ? { NextToken: p.next } : {}) }, 'application/json');
      }
      case 'GetBackupSelection': {
        const s = plan?.selections.find((x) => `sel-${x.name}` === segments[5]);
        if (!plan || !s) return notFound();
        return jsonResponse({
          BackupPlanId: planId(plan.name),
          SelectionId: `sel-${s.name}`,
          BackupSelection: {
            SelectionName: s.name,
            IamRoleArn: `arn:aws:iam::${acct}:role/backup`,
            Resources: s.resources,
            ...(s.notResources ? { NotResources: s.notResources } : {}),
            ...(s.tags ? { ListOfTags: Object.entries(s.tags).map(([k, v]) => ({ ConditionType: 'STRINGEQUALS', ConditionKey: k, ConditionValue: v })) } : {}),
          },
        }, 'application/json');
      }
      default:
        return restJsonError({ status: 400, code: 'InvalidRequestException', message: `fake does not serve backup ${api}` });
    }
  },
  errorResponse: (_r, e) => restJsonError(e),
};
