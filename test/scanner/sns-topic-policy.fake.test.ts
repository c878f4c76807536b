/**
 * The SNS topic policy check through the real SDK against the fake endpoint: the `Policy` attribute
 * read with the topic's other attributes (one GetTopicAttributes for both SNS checks), SNS's default
 * policy and a policy open to everyone FAIL, a topic whose attributes are denied is ERROR.
 */
import { fakeEnv, withEnv } from './fake-aws/fixtures';
import { emptyAccount } from './fake-aws/model';
import { AwsHttpError, FakeAws } from './fake-aws/server';
import { schemaErrors } from './schema';
import { runScan } from '../../src/scanner/runtime/engine';

const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/k';
const arn = (name: string) => `arn:aws:sns:eu-west-1:123456789012:${name}`;

function account() {
  const s = emptyAccount(['eu-west-1']);
  // no AccountAudit route, so no AccountAudit alert topic: only these topics
  s.regions['eu-west-1'].eventRules = [];
  s.regions['eu-west-1'].topics = [
    { Name: 'alerts', KmsMasterKeyId: KEY },
    { Name: 'bare', KmsMasterKeyId: KEY, policy: null },
    { Name: 'open', KmsMasterKeyId: KEY, policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sns:Publish', Resource: arn('open') }] }) },
    { Name: 'denied', KmsMasterKeyId: KEY },
  ];
  return s;
}

describe('sns-topic-policy against the fake endpoint', () => {
  let fake: FakeAws;
  afterEach(() => fake.stop());

  test('ComplianceTopic\'s policy PASSes, the default policy and an open one FAIL, a denied topic is ERROR', async () => {
    fake = new FakeAws(account(), {
      authorize: async (r, api) => {
        if (api === 'GetTopicAttributes' && r.form.get('TopicArn') === arn('denied')) throw new AwsHttpError(403, 'AuthorizationError', 'not authorized to perform: sns:GetTopicAttributes');
      },
    });
    const url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1'], checkIds: ['sns-topic-policy', 'sns-topic-kms-encryption'] }));
    expect(schemaErrors(report)).toEqual([]);
    // one read of the attributes per topic for both checks
    expect(fake.stats.requests['sns:GetTopicAttributes']).toBe(4);
    expect(report.errors).toEqual([expect.objectContaining({ service: 'sns', api: 'GetTopicAttributes', code: 'AuthorizationError', resource: arn('denied') })]);
    const check = report.checks.find((c) => c.id === 'sns-topic-policy')!;
    expect(check.counts).toEqual({ passed: 1, failed: 2, notApplicable: 0, errored: 1 });
    const failed = report.findings.filter((f) => f.checkId === 'sns-topic-policy').map((f) => f.resourceId).sort();
    expect(failed).toEqual([arn('bare'), arn('open')]);
  });
});
