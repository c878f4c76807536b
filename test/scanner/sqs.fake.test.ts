/**
 * The SQS collector through the real SDK against the fake endpoint: ListQueues paged by its
 * paginator with pages smaller than the data, one GetQueueAttributes per queue (sent to the queue's
 * URL), the dead-letter queue check judged from it, and a queue or Region that cannot be read
 * reported as ERROR, never as PASS or FAIL.
 */
import { fakeEnv, withEnv } from './fake-aws/fixtures';
import { emptyAccount } from './fake-aws/model';
import { AwsHttpError, FakeAws } from './fake-aws/server';
import { schemaErrors } from './schema';
import { runScan } from '../../src/scanner/runtime/engine';

const CHECK = 'sqs-dead-letter-queue';
const arn = (region: string, name: string) => `arn:aws:sqs:${region}:123456789012:${name}`;

function account() {
  const s = emptyAccount(['eu-west-1', 'us-east-1']);
  s.regions['eu-west-1'].queues = [
    { QueueName: 'work', deadLetterQueue: 'work-dlq' },
    { QueueName: 'work-dlq' },
    { QueueName: 'fn-dlq' },
    { QueueName: 'lonely' },
    { QueueName: 'other-account-dlq', deadLetterQueue: 'arn:aws:sqs:eu-west-1:999999999999:central-dlq' },
  ];
  s.regions['eu-west-1'].functions = [{ FunctionName: 'fn', DeadLetterTargetArn: arn('eu-west-1', 'fn-dlq') }];
  s.regions['us-east-1'].queues = [{ QueueName: 'orders', deadLetterQueue: 'orders-dlq' }, { QueueName: 'orders-dlq' }];
  return s;
}

describe('SQS dead-letter queue check against the fake endpoint', () => {
  let fake: FakeAws;
  afterEach(() => fake.stop());

  test('every queue across pages of 2: own DLQ, DLQ of a queue or of a function PASS, the rest FAIL', async () => {
    fake = new FakeAws(account(), { pageSize: 2 });
    const url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1'], checkIds: [CHECK], pageSize: 2 }));
    expect(report.errors).toEqual([]);
    expect(schemaErrors(report)).toEqual([]);
    // 5 queues, 2 per page: 3 pages, then one GetQueueAttributes each
    expect(fake.stats.requests['sqs:ListQueues']).toBe(3);
    expect(fake.stats.requests['sqs:GetQueueAttributes']).toBe(5);
    expect(report.findings.map((f) => f.resourceId)).toEqual([arn('eu-west-1', 'lonely')]);
    expect(report.findings[0].reason ?? JSON.stringify(report.findings[0])).toContain('no redrive policy');
    expect(report.checks[0].counts).toEqual({ passed: 4, failed: 1, notApplicable: 0, errored: 0 });
  });

  test('a queue whose attributes are denied is ERROR, and so is a queue without DLQ that it might name', async () => {
    fake = new FakeAws(account(), {
      pageSize: 2,
      authorize: async (r, api) => {
        if (r.service === 'sqs' && api === 'GetQueueAttributes' && String(r.json.QueueUrl).endsWith('/work')) {
          throw new AwsHttpError(400, 'AccessDenied', 'User is not authorized to perform: sqs:GetQueueAttributes');
        }
      },
    });
    const url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1'], checkIds: [CHECK], pageSize: 2 }));
    expect(report.status).toBe('PARTIAL');
    expect(report.errors).toEqual([expect.objectContaining({ service: 'sqs', api: 'GetQueueAttributes', code: 'AccessDenied', resource: arn('eu-west-1', 'work') })]);
    // work: unread; work-dlq and lonely: not known whether `work` names them; fn-dlq and other-account-dlq still decided
    expect(report.checks[0].counts).toEqual({ passed: 2, failed: 0, notApplicable: 0, errored: 3 });
  });

  test('a Region whose queues cannot be listed is ERROR, another Region still judged; throttled calls are retried', async () => {
    fake = new FakeAws(account(), {
      pageSize: 2,
      throttleFirst: { 'sqs:GetQueueAttributes': 2 },
      authorize: async (r, api) => {
        if (r.service === 'sqs' && r.region === 'eu-west-1') throw new AwsHttpError(400, 'AccessDenied', `User is not authorized to perform: sqs:${api}`);
      },
    });
    const url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1', 'us-east-1'], checkIds: [CHECK], pageSize: 2 }));
    expect(report.status).toBe('PARTIAL');
    expect(report.errors).toEqual([expect.objectContaining({ service: 'sqs', api: 'ListQueues', region: 'eu-west-1', code: 'AccessDenied' })]);
    expect(fake.stats.throttled['sqs:GetQueueAttributes']).toBe(2);
    expect(report.checks[0].counts).toEqual({ passed: 2, failed: 0, notApplicable: 0, errored: 1 });
    expect(report.findings).toEqual([]);
  });
});
