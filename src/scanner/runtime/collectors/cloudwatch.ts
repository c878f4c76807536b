import { paginateDescribeAlarms } from '@aws-sdk/client-cloudwatch';
import { AlarmInfo } from '../model';
import { CollectContext, pageSize } from './context';

/** What DescribeAlarms says of a metric or composite alarm (the fields read). */
interface RawAlarm {
  AlarmName?: string;
  AlarmArn?: string;
  AlarmActions?: string[];
  OKActions?: string[];
  InsufficientDataActions?: string[];
}

/** Every metric and composite alarm of the region with its actions (DescribeAlarms pages of at most 100). */
export async function alarms(ctx: CollectContext, region: string): Promise<AlarmInfo[]> {
  const pages = await ctx.clients.paginate({ service: 'cloudwatch', region, api: 'DescribeAlarms' }, paginateDescribeAlarms,
    { AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] }, pageSize(ctx, 1, 100));
  const of = (type: string) => (a: RawAlarm): AlarmInfo => ({
    name: a.AlarmName ?? '',
    arn: a.AlarmArn ?? `arn:${ctx.partition}:cloudwatch:${region}:${ctx.accountId}:alarm:${a.AlarmName ?? ''}`,
    type,
    alarmActions: a.AlarmActions ?? [],
    okActions: a.OKActions ?? [],
    insufficientDataActions: a.InsufficientDataActions ?? [],
  });
  return pages.flatMap((p) => [...(p.MetricAlarms ?? []).map(of('MetricAlarm')), ...(p.CompositeAlarms ?? []).map(of('CompositeAlarm'))]);
}
