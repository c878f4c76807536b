/**
 * guardduty-enabled-findings-routed through the real SDK against the fake endpoint: the default
 * state (AccountAudit's detector and route) PASSes, a disabled detector, a missing detector or a
 * missing route FAIL, and a Region whose detectors cannot be read, or whose matching rule's targets
 * cannot be listed, is ERROR.
 */
import { fakeEnv, withEnv } from './fake-aws/fixtures';
import { emptyAccount } from './fake-aws/model';
import { AwsHttpError, FakeAws } from './fake-aws/server';
import { schemaErrors } from './schema';
import { runScan } from '../../src/scanner/runtime/engine';

const CHECK = 'guardduty-enabled-findings-routed';
const REGIONS = ['eu-west-1', 'us-east-1', 'us-west-2', 'ap-south-1', 'eu-central-1'];
const topic = (region: string) => `arn:aws:sns:${region}:123456789012:alerts`;

function account() {
  const s = emptyAccount(REGIONS);
  // eu-west-1: the default state (AccountAudit's detector and route)
  s.regions['us-east-1'].detectors = [{ id: 'd-off', status: 'DISABLED' }];
  s.regions['us-west-2'].detectors = [];
  s.regions['ap-south-1'].eventRules = [
    { Name: 'disabled-route', State: 'DISABLED', EventPattern: '{"source":["aws.guardduty"]}', targets: [{ Id: '1', Arn: topic('ap-south-1') }] },
    { Name: 'no-targets', EventPattern: '{"source":["aws.guardduty"]}', targets: [] },
    { Name: 'custom-bus', EventBusName: 'security', EventPattern: '{"source":["aws.guardduty"]}', targets: [{ Id: '1', Arn: topic('ap-south-1') }] },
    { Name: 'other-source', EventPattern: '{"source":["aws.securityhub"]}', targets: [{ Id: '1', Arn: topic('ap-south-1') }] },
  ];
  s.regions['eu-central-1'].eventRules = [{ Name: 'route', EventPattern: '{"source":["aws.guardduty"]}', targets: [{ Id: '1', Arn: topic('eu-central-1') }] }];
  return s;
}

describe('guardduty-enabled-findings-routed against the fake endpoint', () => {
  let fake: FakeAws;
  afterEach(() => fake.stop());

  test('default state PASSes; disabled, missing detector, no route FAIL', async () => {
    fake = new FakeAws(account(), { pageSize: 2 });
    const url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: REGIONS, checkIds: [CHECK], pageSize: 2 }));
    expect(report.errors).toEqual([]);
    expect(schemaErrors(report)).toEqual([]);
    expect(report.checks[0].counts).toEqual({ passed: 2, failed: 3, notApplicable: 0, errored: 0 });
    const failed = Object.fromEntries(report.findings.map((f) => [f.region, f.resourceId]));
    expect(failed).toEqual({
      'us-east-1': 'arn:aws:guardduty:us-east-1:123456789012:detector/d-off',
      'us-west-2': 'arn:aws:guardduty:us-west-2:123456789012:detector',
      'ap-south-1': expect.stringMatching(/^arn:aws:guardduty:ap-south-1:123456789012:detector\/\w+$/),
    });
  });

  test('denied GetDetector and denied targets of a matching rule are ERROR, never PASS', async () => {
    fake = new FakeAws(account(), {
      authorize: async (r, api) => {
        if (r.service === 'guardduty' && api === 'GetDetector' && r.region === 'eu-west-1') throw new AwsHttpError(403, 'AccessDeniedException', 'not authorized to perform: guardduty:GetDetector');
        if (api === 'ListTargetsByRule' && r.region === 'eu-central-1') throw new AwsHttpError(400, 'AccessDeniedException', 'not authorized to perform: events:ListTargetsByRule');
      },
    });
    const url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: REGIONS, checkIds: [CHECK] }));
    expect(report.status).toBe('PARTIAL');
    expect(report.errors.map((e) => `${e.service}:${e.api}@${e.region}`).sort()).toEqual(['events:ListTargetsByRule@eu-central-1', 'guardduty:GetDetector@eu-west-1']);
    expect(report.checks[0].counts).toEqual({ passed: 0, failed: 3, notApplicable: 0, errored: 2 });
  });
});
