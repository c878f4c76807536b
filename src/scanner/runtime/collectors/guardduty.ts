import { GetDetectorCommand, paginateListDetectors } from '@aws-sdk/client-guardduty';
import { DetectorInfo } from '../model';
import { CollectContext, forEach, pageSize } from './context';

/** The region's GuardDuty detectors (ListDetectors, pages of at most 50) with their status (one GetDetector each). */
export async function detectors(ctx: CollectContext, region: string): Promise<DetectorInfo[]> {
  const pages = await ctx.clients.paginate({ service: 'guardduty', region, api: 'ListDetectors' }, paginateListDetectors, {}, pageSize(ctx, 1, 50));
  return forEach(pages.flatMap((p) => p.DetectorIds ?? []), async (id): Promise<DetectorInfo> => {
    const arn = `arn:${ctx.partition}:guardduty:${region}:${ctx.accountId}:detector/${id}`;
    try {
      const d = await ctx.clients.send({ service: 'guardduty', region, api: 'GetDetector', resource: arn }, (c, abortSignal) =>
        c.send(new GetDetectorCommand({ DetectorId: id }), { abortSignal }));
      return { id, arn, status: d.Status };
    } catch {
      return { id, arn }; // recorded in the error log; the check reports ERROR for this detector
    }
  });
}
