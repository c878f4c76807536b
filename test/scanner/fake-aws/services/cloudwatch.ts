/**
 * Amazon CloudWatch (JSON 1.0, signing name `monitoring`, `GraniteServiceVersion20100801.<Api>`):
 * DescribeAlarms, metric and composite alarms of the `AlarmTypes` asked for (metric alarms only when
 * none is given, as the service answers), paged by `MaxRecords` (at most 100) and `NextToken`.
 */
import { FakeService, jsonError, jsonResponse } from './index';
import { AwsHttpError } from '../server';

const JSON_10 = 'application/x-amz-json-1.0';

export const cloudwatch: FakeService = {
  dispatch(ctx, r, api) {
    if (api !== 'DescribeAlarms') throw new AwsHttpError(400, 'InvalidAction', `fake CloudWatch does not implement ${api}`);
    const asked = r.json.MaxRecords;
    if (asked !== undefined && (Number(asked) < 1 || Number(asked) > 100)) {
      throw new AwsHttpError(400, 'InvalidParameterValue', 'The value for parameter MaxRecords must be between 1 and 100.');
    }
    const types = (r.json.AlarmTypes as string[] | undefined) ?? ['MetricAlarm'];
    const alarms = [...(ctx.region(r.region).alarms ?? [])]
      .filter((a) => types.includes(a.composite ? 'CompositeAlarm' : 'MetricAlarm'))
      .sort((a, b) => a.AlarmName.localeCompare(b.AlarmName));
    const { slice, next } = ctx.page(alarms, r.json.NextToken as string | undefined, asked ?? 100);
    const shape = (a: (typeof alarms)[number]) => ({
      AlarmName: a.AlarmName,
      AlarmArn: `arn:aws:cloudwatch:${r.region}:${ctx.state.accountId}:alarm:${a.AlarmName}`,
      ActionsEnabled: true,
      AlarmActions: a.AlarmActions ?? [],
      OKActions: a.OKActions ?? [],
      InsufficientDataActions: a.InsufficientDataActions ?? [],
      StateValue: 'OK',
    });
    return jsonResponse({
      MetricAlarms: slice.filter((a) => !a.composite).map(shape),
      CompositeAlarms: slice.filter((a) => a.composite).map((a) => ({ ...shape(a), AlarmRule: 'ALARM(other)' })),
      ...(next ? { NextToken: next } : {}),
    }, JSON_10);
  },
  errorResponse: (_r, e) => jsonError(e, JSON_10),
};
