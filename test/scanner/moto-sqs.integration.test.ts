/**
 * The SQS dead-letter queue check against moto (server mode): queues created through the real SDK,
 * collected through ListQueues' paginator with pages smaller than the data and GetQueueAttributes
 * sent to each queue's URL, exactly the expected findings.
 */
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { withEnv } from './fake-aws/fixtures';
import { MotoServer, startMoto } from './moto-server';
import { schemaErrors } from './schema';
import { runScan } from '../../src/scanner/runtime/engine';

jest.setTimeout(600_000);

const REGION = 'eu-west-1';
const CHECK = 'sqs-dead-letter-queue';

describe('SQS dead-letter queue check against moto', () => {
  let moto: MotoServer | undefined;

  beforeAll(async () => {
    moto = await startMoto();
    await withEnv(moto.env, async () => {
      const sqs = new SQSClient({ region: REGION });
      const create = async (name: string, attributes?: Record<string, string>) =>
        (await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }))).QueueUrl!;
      const dlqUrl = await create('work-dlq');
      const dlqArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
      await create('work', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 3 }) });
      await create('lonely');
      await create('plain');
      await create('keyed', { KmsMasterKeyId: 'alias/aws/sqs' });
      sqs.destroy();
    });
  });

  afterAll(() => moto?.stop());

  test('exactly the expected findings, pages of 2', async () => {
    const report = await withEnv(moto!.env, () => runScan({ regions: [REGION], checkIds: [CHECK], pageSize: 2 }));
    expect(report.errors).toEqual([]);
    expect(schemaErrors(report)).toEqual([]);
    const got = report.findings.map((f) => f.resourceId.split(':').pop()).sort();
    expect(got).toEqual(['keyed', 'lonely', 'plain']);
    expect(report.findings[0].resourceId).toMatch(/^arn:aws:sqs:eu-west-1:\d{12}:[a-z]+$/);
    expect(report.checks[0].counts).toEqual({ passed: 2, failed: 3, notApplicable: 0, errored: 0 });
  });
});
