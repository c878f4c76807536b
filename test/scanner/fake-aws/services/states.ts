/**
 * AWS Step Functions (JSON 1.0, `AWSStepFunctions.<Api>`): ListStateMachines, paged by
 * `maxResults` (at most 1000) and `nextToken`, and DescribeStateMachine, which answers
 * `StateMachineDoesNotExist` for an ARN it does not know, as the service does.
 */
import { FakeService, jsonError, jsonResponse } from './index';
import { AwsHttpError } from '../server';

const JSON_10 = 'application/x-amz-json-1.0';

export const states: FakeService = {
  dispatch(ctx, r, api) {
    const account = ctx.state.accountId;
    const machines = ctx.region(r.region).stateMachines ?? [];
    const arnOf = (name: string) => `arn:aws:states:${r.region}:${account}:stateMachine:${name}`;
    if (api === 'ListStateMachines') {
      const { slice, next } = ctx.page(machines, r.json.nextToken as string | undefined, r.json.maxResults ?? 100);
      return jsonResponse({
        stateMachines: slice.map((m) => ({ stateMachineArn: arnOf(m.name), name: m.name, type: m.type ?? 'STANDARD', creationDate: 1764633600 })),
        ...(next ? { nextToken: next } : {}),
      }, JSON_10);
    }
    if (api === 'DescribeStateMachine') {
      const m = machines.find((x) => arnOf(x.name) === r.json.stateMachineArn);
      if (!m) throw new AwsHttpError(400, 'StateMachineDoesNotExist', `State Machine Does Not Exist: '${String(r.json.stateMachineArn)}'`);
      return jsonResponse({
        stateMachineArn: arnOf(m.name),
        name: m.name,
        status: 'ACTIVE',
        definition: typeof m.definition === 'string' ? m.definition : JSON.stringify(m.definition),
        roleArn: `arn:aws:iam::${account}:role/${m.roleName}`,
        type: m.type ?? 'STANDARD',
        creationDate: 1764633600,
        loggingConfiguration: {
          level: m.logGroupArn ? 'ALL' : 'OFF',
          includeExecutionData: false,
          ...(m.logGroupArn ? { destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: m.logGroupArn } }] } : {}),
        },
      }, JSON_10);
    }
    throw new AwsHttpError(400, 'UnknownOperationException', `fake Step Functions does not implement ${api}`);
  },
  errorResponse: (_r, error) => jsonError(error, JSON_10),
};
