/**
 * CloudWatch Logs (JSON 1.1, `Logs_20140328.<Api>`): DescribeLogGroups, paged by `limit` (at most
 * 50) and `nextToken` as the service pages it; `kmsKeyId` and `retentionInDays` are left out when
 * not set, as the service leaves them out.
 */
import { FakeService, jsonResponse } from './index';
import { AwsHttpError } from '../server';

export const logs: FakeService = {
  dispatch(ctx, r, api) {
    if (api !== 'DescribeLogGroups') throw new AwsHttpError(400, 'UnknownOperationException', `fake CloudWatch Logs does not implement ${api}`);
    if (r.json.limit !== undefined && (Number(r.json.limit) < 1 || Number(r.json.limit) > 50)) {
      throw new AwsHttpError(400, 'InvalidParameterException', '1 validation error detected: Value at \'limit\' failed to satisfy constraint: Member must have value less than or equal to 50');
    }
    const groups = [...(ctx.region(r.region).logGroups ?? [])].sort((a, b) => a.logGroupName.localeCompare(b.logGroupName));
    const { slice, next } = ctx.page(groups, r.json.nextToken as string | undefined, r.json.limit ?? 50);
    const account = ctx.state.accountId;
    return jsonResponse({
      logGroups: slice.map((g) => ({
        logGroupName: g.logGroupName,
        creationTime: 1764633600000,
        metricFilterCount: 0,
        arn: `arn:aws:logs:${r.region}:${account}:log-group:${g.logGroupName}:*`,
        logGroupArn: `arn:aws:logs:${r.region}:${account}:log-group:${g.logGroupName}`,
        storedBytes: 0,
        logGroupClass: 'STANDARD',
        ...(g.kmsKeyId ? { kmsKeyId: g.kmsKeyId } : {}),
        ...(g.retentionInDays !== undefined ? { retentionInDays: g.retentionInDays } : {}),
      })),
      ...(next ? { nextToken: next } : {}),
    });
  },
};
