import { DescribeStateMachineCommand, paginateListStateMachines } from '@aws-sdk/client-sfn';
import { ScanApiError } from '../clients';
import { StateMachineInfo } from '../model';
import { CollectContext, forEach, pageSize } from './context';

/**
 * Every state machine of the region (ListStateMachines pages of up to 1000) described one by one
 * (DescribeStateMachine: role, definition, logging). A machine that cannot be described keeps its
 * name and ARN with `describeError`, so its checks say ERROR for it alone.
 */
export async function stateMachines(ctx: CollectContext, region: string): Promise<StateMachineInfo[]> {
  const pages = await ctx.clients.paginate({ service: 'sfn', region, api: 'ListStateMachines' }, paginateListStateMachines, {}, pageSize(ctx, 1, 1000));
  return forEach(pages.flatMap((p) => p.stateMachines ?? []), async (m): Promise<StateMachineInfo> => {
    const base = { name: m.name ?? '', arn: m.stateMachineArn ?? '', type: m.type };
    try {
      const d = await ctx.clients.send({ service: 'sfn', region, api: 'DescribeStateMachine', resource: m.stateMachineArn }, (c, abortSignal) =>
        c.send(new DescribeStateMachineCommand({ stateMachineArn: m.stateMachineArn }), { abortSignal }));
      return {
        ...base,
        type: d.type ?? base.type,
        roleArn: d.roleArn,
        definition: d.definition,
        logDestinations: (d.loggingConfiguration?.destinations ?? []).flatMap((x) => x.cloudWatchLogsLogGroup?.logGroupArn ?? []),
      };
    } catch (e) {
      // recorded in the error log; the checks report ERROR for this state machine
      return { ...base, describeError: e instanceof ScanApiError ? e.record.code : 'UnknownError' };
    }
  });
}
