import { BackupSelection, GetBackupSelectionCommand, paginateListBackupPlans, paginateListBackupSelections } from '@aws-sdk/client-backup';
import { ScanApiError } from '../clients';
import { BackupSelectionInfo } from '../model';
import { CollectContext, forEach, pageSize } from './context';

/** A backup selection as GetBackupSelection returns it, reduced to what decides which resources it assigns. */
export function selectionInfo(plan: { id: string; name: string }, selectionId: string, s: BackupSelection): BackupSelectionInfo {
  const conditions = Object.entries(s.Conditions ?? {}).flatMap(([type, list]) =>
    (Array.isArray(list) ? list : []).map((c: { ConditionKey?: string; ConditionValue?: string }) => `${type} ${c.ConditionKey}=${c.ConditionValue}`));
  return {
    planId: plan.id,
    planName: plan.name,
    selectionId,
    selectionName: s.SelectionName ?? selectionId,
    resources: s.Resources ?? [],
    notResources: s.NotResources ?? [],
    listOfTags: (s.ListOfTags ?? []).map((t) => `${t.ConditionKey}=${t.ConditionValue}`),
    conditions,
  };
}

/**
 * The resource assignments of every backup plan of the region: ListBackupPlans pages, then for each
 * plan ListBackupSelections pages and one GetBackupSelection per selection. A failed listing of the
 * plans fails the dataset (the check reports ERROR for every table); a plan whose selections, or a
 * selection that, could not be read is recorded with its error code, so tables it could cover are ERROR.
 */
export async function selections(ctx: CollectContext, region: string): Promise<BackupSelectionInfo[]> {
  const plans = (await ctx.clients.paginate({ service: 'backup', region, api: 'ListBackupPlans' }, paginateListBackupPlans, {}, pageSize(ctx, 1, 1000)))
    .flatMap((p) => p.BackupPlansList ?? [])
    .filter((p) => p.DeletionDate === undefined)
    .map((p) => ({ id: p.BackupPlanId ?? '', name: p.BackupPlanName ?? p.BackupPlanId ?? '' }));
  const perPlan = await forEach(plans, async (plan): Promise<BackupSelectionInfo[]> => {
    let listed: Array<{ SelectionId?: string; SelectionName?: string }>;
    try {
      listed = (await ctx.clients.paginate({ service: 'backup', region, api: 'ListBackupSelections', resource: plan.id }, paginateListBackupSelections,
        { BackupPlanId: plan.id }, pageSize(ctx, 1, 1000))).flatMap((p) => p.BackupSelectionsList ?? []);
    } catch (e) {
      // recorded in the error log; tables this plan could cover are ERROR
      return [{ planId: plan.id, planName: plan.name, selectionId: '*', selectionName: 'its selections', error: codeOf(e) }];
    }
    return forEach(listed, async (sel) => {
      const selectionId = sel.SelectionId ?? '';
      try {
        const out = await ctx.clients.send({ service: 'backup', region, api: 'GetBackupSelection', resource: `${plan.id}/${selectionId}` }, (c, abortSignal) =>
          c.send(new GetBackupSelectionCommand({ BackupPlanId: plan.id, SelectionId: selectionId }), { abortSignal }));
        return selectionInfo(plan, selectionId, out.BackupSelection ?? { SelectionName: sel.SelectionName, IamRoleArn: undefined });
      } catch (e) {
        return { planId: plan.id, planName: plan.name, selectionId, selectionName: sel.SelectionName ?? selectionId, error: codeOf(e) };
      }
    });
  });
  return perPlan.flat();
}

function codeOf(e: unknown): string {
  return e instanceof ScanApiError ? e.record.code : 'UnknownError';
}
