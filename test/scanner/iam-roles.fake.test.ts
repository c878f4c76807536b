/**
 * The role checks through the real SDK against the fake endpoint: GetAccountAuthorizationDetails
 * paged smaller than the data (users, roles and policies on shared pages), documents URL-encoded
 * as IAM sends them.
 */
import { fakeEnv, withEnv } from './fake-aws/fixtures';
import { emptyAccount } from './fake-aws/model';
import { FakeAws } from './fake-aws/server';
import { runScan } from '../../src/scanner/runtime/engine';

const trust = (service: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] });
const DOC = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: 'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/fn:*' }] };

describe('role checks against the fake endpoint', () => {
  let fake: FakeAws;
  let url: string;
  beforeEach(async () => {
    const s = emptyAccount(['eu-west-1']);
    s.users = [{ UserName: 'alice', attached: [], inline: [] }];
    s.policies = [{ PolicyName: 'fn', AttachmentCount: 1, document: DOC }];
    s.roles = [
      { RoleName: 'fn-managed', trust: trust('lambda.amazonaws.com'), attached: ['arn:aws:iam::123456789012:policy/fn'] },
      { RoleName: 'fn-inline', Path: '/service-role/', trust: trust('lambda.amazonaws.com'), inline: { extra: DOC } },
      { RoleName: 'jobs', trust: trust('batch.amazonaws.com'), inline: { extra: DOC, wide: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'batch:SubmitJob', Resource: '*' }] } } },
      { RoleName: 'AWSServiceRoleForLambdaReplicator', Path: '/aws-service-role/replicator.lambda.amazonaws.com/', trust: trust('replicator.lambda.amazonaws.com'), inline: { p: DOC } },
    ];
    fake = new FakeAws(s, { pageSize: 2 });
    url = await fake.start();
  });
  afterEach(() => fake.stop());

  test('iam-lambda-role-no-inline-policy: exactly the Lambda role with an inline policy fails', async () => {
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1'], checkIds: ['iam-lambda-role-no-inline-policy'], pageSize: 2 }));
    expect(report.errors).toEqual([]);
    expect(report.findings.map((f) => `${f.resourceId} ${f.reason}`)).toEqual(['arn:aws:iam::123456789012:role/service-role/fn-inline inline policy extra']);
    expect(report.checks[0].counts).toEqual({ passed: 1, failed: 1, notApplicable: 2, errored: 0 });
    expect(fake.stats.requests['iam:GetAccountAuthorizationDetails']).toBe(3); // 6 items, pages of 2
  });

  test('iam-no-write-on-wildcard-resource: exactly the role whose policy writes on "*" fails', async () => {
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1'], checkIds: ['iam-no-write-on-wildcard-resource'], pageSize: 2 }));
    expect(report.errors).toEqual([]);
    expect(report.findings.map((f) => `${f.resourceId} ${f.reason}`)).toEqual(['arn:aws:iam::123456789012:role/jobs inline policy wide allows batch:SubmitJob on "*"']);
    expect(report.checks[0].counts).toEqual({ passed: 2, failed: 1, notApplicable: 1, errored: 0 });
  });
});
