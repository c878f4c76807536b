import { fakeEnv, fixtureAccount, REGIONS, withEnv } from './fake-aws/fixtures';
import { AwsHttpError, FakeAws } from './fake-aws/server';
import { schemaErrors } from './schema';
import { ALL_CHECKS } from '../../src/scanner/runtime/checks';
import { AwsClients, ScanApiError } from '../../src/scanner/runtime/clients';
import { Collector, COLLECTORS } from '../../src/scanner/runtime/collectors';
import { CollectContext } from '../../src/scanner/runtime/collectors/context';
import { collectUnit, collectUnits, ProgressEvent, UnitResult } from '../../src/scanner/runtime/engine/collect';
import { CheckEvaluation, DEADLINE_CODE, evaluateCheck, EvaluationScope, inventoryFor, runCheckIn } from '../../src/scanner/runtime/engine/evaluate';
import { checkRegions, discoverScope, planUnits, selectChecks, unitKey, UnknownCheckError } from '../../src/scanner/runtime/engine/plan';
import { buildReport, resourcesByService, scanStatus, serviceReports } from '../../src/scanner/runtime/engine/summarize';
import { Check, CheckResult, DatasetKey, fail, Inventory, notApplicable, pass, errored } from '../../src/scanner/runtime/model';
import { CheckReport } from '../../src/scanner/runtime/report';
import { computeScore } from '../../src/scanner/runtime/scoring';

/** A check for these tests: what it reads, where it runs and what it answers. */
function check(id: string, datasets: DatasetKey[], evaluate: (inv: Inventory) => CheckResult[], extra: Partial<Check> = {}): Check {
  return {
    id,
    title: `title of ${id}`,
    severity: 'HIGH',
    category: 'ec2',
    resourceType: 'AWS::EC2::SecurityGroup',
    fsbp: ['EC2.2'],
    cis: [],
    remediation: 'fix it',
    requiredActions: ['ec2:DescribeSecurityGroups'],
    datasets,
    scope: 'regional',
    evaluate,
    ...extra,
  };
}

const ok = (value: unknown): UnitResult => ({ ok: true, value });
const failed = (code: string, message: string): UnitResult => ({ ok: false, failure: { code, message } });
const SCOPE: EvaluationScope = { accountId: '123456789012', partition: 'aws', regions: ['eu-west-1', 'us-east-1'], now: '2026-06-01T00:00:00.000Z' };

describe('plan', () => {
  test('selectChecks: every check without ids, the named ones in catalog order, unknown ids refused by name', () => {
    expect(selectChecks()).toEqual([...ALL_CHECKS]);
    expect(selectChecks([])).toHaveLength(ALL_CHECKS.length);
    const [a, b] = [ALL_CHECKS[3].id, ALL_CHECKS[1].id];
    expect(selectChecks([a, b]).map((c) => c.id)).toEqual([b, a]);
    expect(() => selectChecks([a, 'no-such-check'])).toThrow(UnknownCheckError);
    expect(() => selectChecks(['no-such-check'])).toThrow(/invalid checkIds: no-such-check\. Known check ids: /);
  });

  test('checkRegions and unitKey: global checks and global datasets use `global`', () => {
    expect(checkRegions({ scope: 'global' }, REGIONS)).toEqual(['global']);
    expect(checkRegions({ scope: 'regional' }, REGIONS)).toEqual(REGIONS);
    expect(unitKey('ec2.vpcs', 'eu-west-1')).toBe('ec2.vpcs@eu-west-1');
    expect(unitKey('iam.authorizationDetails', 'eu-west-1')).toBe('iam.authorizationDetails@global');
  });

  test('planUnits: each (dataset, region) once however many checks read it', () => {
    const checks = [
      check('a', ['ec2.vpcs', 'ec2.flowLogs'], () => []),
      check('b', ['ec2.vpcs', 'iam.authorizationDetails'], () => []),
      check('c', ['s3.buckets', 'kms.keys'], () => [], { scope: 'global' }),
    ];
    const units = planUnits(checks, REGIONS);
    expect([...units.keys()]).toEqual([
      'ec2.vpcs@eu-west-1', 'ec2.flowLogs@eu-west-1', 'ec2.vpcs@us-east-1', 'ec2.flowLogs@us-east-1',
      'iam.authorizationDetails@global', 's3.buckets@global', 'kms.keys@global',
    ]);
    expect(units.get('ec2.flowLogs@us-east-1')).toEqual({ dataset: 'ec2.flowLogs', region: 'us-east-1' });
    expect(units.get('kms.keys@global')).toEqual({ dataset: 'kms.keys', region: 'global' });
    expect(planUnits(checks.slice(0, 1), []).size).toBe(0);
  });

  describe('discoverScope against the fake AWS endpoint', () => {
    let fake: FakeAws;
    let url: string;
    beforeEach(async () => {
      fake = new FakeAws(fixtureAccount());
      url = await fake.start();
    });
    afterEach(() => fake.stop());

    const discover = (options: Parameters<typeof discoverScope>[2]) => withEnv(fakeEnv(url), async () => {
      const clients = new AwsClients({ maxAttempts: 1 });
      try {
        return await discoverScope(clients, 'us-east-1', options);
      } finally {
        clients.destroy();
      }
    });

    test('the account from GetCallerIdentity, the enabled regions sorted from DescribeRegions', async () => {
      const { scope, failure } = await discover({});
      expect(failure).toBeUndefined();
      expect(scope).toMatchObject({ accountId: '123456789012', partition: 'aws', homeRegion: 'us-east-1' });
      expect(scope.regions.length).toBeGreaterThan(0);
      expect([...scope.regions]).toEqual([...scope.regions].sort());
    });

    test('an account and regions given are not looked up', async () => {
      const { scope, failure } = await discover({ accountId: '111122223333', partition: 'aws-cn', regions: ['cn-north-1'] });
      expect(failure).toBeUndefined();
      expect(scope).toEqual({ accountId: '111122223333', partition: 'aws-cn', homeRegion: 'us-east-1', regions: ['cn-north-1'] });
      expect(fake.requestsFor('sts') + fake.requestsFor('ec2')).toBe(0);
    });

    test('a refused discovery is a failure that keeps what was learnt', async () => {
      fake.options.authorize = async (_r, api) => {
        if (api === 'DescribeRegions') throw new AwsHttpError(403, 'UnauthorizedOperation', 'not allowed');
      };
      const { scope, failure } = await discover({});
      expect(failure).toMatch(/^could not start: ec2:DescribeRegions in us-east-1 failed: UnauthorizedOperation/);
      expect(scope).toEqual({ accountId: '123456789012', partition: 'aws', homeRegion: 'us-east-1', regions: [] });
    });
  });
});

describe('collect', () => {
  const ctx = { regions: REGIONS } as unknown as CollectContext;
  const collectors = (fns: Partial<Record<DatasetKey, Collector>>) => ({ ...COLLECTORS, ...fns });

  test('collectUnit: the collector\'s value, or its error as the unit\'s failure with the API\'s code', async () => {
    const apiError = new ScanApiError({ service: 'ec2', region: 'eu-west-1', api: 'DescribeVpcs', code: 'AccessDenied', message: 'no', at: '' }, undefined);
    const fns = collectors({
      'ec2.vpcs': async (_c, region) => [{ vpcId: `vpc-${region}`, isDefault: false }],
      'ec2.flowLogs': async () => { throw apiError; },
      'ec2.subnets': async () => { throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError' }); },
    });
    expect(await collectUnit(ctx, { dataset: 'ec2.vpcs', region: 'eu-west-1' }, fns)).toEqual(ok([{ vpcId: 'vpc-eu-west-1', isDefault: false }]));
    expect(await collectUnit(ctx, { dataset: 'ec2.flowLogs', region: 'eu-west-1' }, fns)).toEqual(failed('AccessDenied', apiError.message));
    expect(await collectUnit(ctx, { dataset: 'ec2.subnets', region: 'eu-west-1' }, fns)).toEqual(failed('TimeoutError', 'socket hang up'));
  });

  test('collectUnits: every unit, a progress event after each', async () => {
    const units = planUnits([check('a', ['ec2.vpcs', 'iam.accountSummary'], () => [])], REGIONS);
    const events: ProgressEvent[] = [];
    const fns = collectors({ 'ec2.vpcs': async (_c, region) => region, 'iam.accountSummary': async () => { throw new Error('boom'); } });
    const out = await collectUnits(ctx, units, new Promise(() => undefined), { collectors: fns, onProgress: (e) => events.push(e) });
    expect(out.deadlineReached).toBe(false);
    expect(Object.fromEntries(out.results)).toEqual({
      'ec2.vpcs@eu-west-1': ok('eu-west-1'), 'ec2.vpcs@us-east-1': ok('us-east-1'), 'iam.accountSummary@global': failed('UnknownError', 'boom'),
    });
    expect(events.map((e) => e.done)).toEqual([1, 2, 3]);
    expect(events.every((e) => e.total === 3)).toBe(true);
    expect(events.find((e) => e.dataset === 'iam.accountSummary')).toMatchObject({ region: 'global', ok: false });
  });

  test('collectUnits: the deadline wins over units still in flight, which are left out', async () => {
    const units = planUnits([check('a', ['ec2.vpcs', 'ec2.flowLogs'], () => [])], ['eu-west-1']);
    let release!: () => void;
    const deadline = new Promise<void>((resolve) => (release = resolve));
    const fns = collectors({
      'ec2.vpcs': async () => { setImmediate(release); return 'vpcs'; },
      'ec2.flowLogs': () => new Promise(() => undefined),
    });
    const out = await collectUnits(ctx, units, deadline, { collectors: fns });
    expect(out.deadlineReached).toBe(true);
    expect([...out.results.keys()]).toEqual(['ec2.vpcs@eu-west-1']);
  });
});

describe('evaluate', () => {
  const data = new Map<string, UnitResult>([
    ['ec2.vpcs@eu-west-1', ok([{ vpcId: 'vpc-1', isDefault: true }])],
    ['ec2.vpcs@us-east-1', failed('Throttling', 'rate exceeded')],
    ['iam.accountSummary@global', ok({ accountMfaEnabled: true, accountAccessKeysPresent: false })],
  ]);

  test('inventoryFor: the datasets in their inventory fields, or the first one missing or failed', () => {
    const input = inventoryFor({ datasets: ['ec2.vpcs', 'iam.accountSummary'] }, 'eu-west-1', SCOPE, data);
    expect(input).toEqual({
      inventory: {
        ...SCOPE, region: 'eu-west-1', vpcs: [{ vpcId: 'vpc-1', isDefault: true }], accountSummary: { accountMfaEnabled: true, accountAccessKeysPresent: false },
      },
    });
    expect(inventoryFor({ datasets: ['ec2.vpcs', 'ec2.flowLogs'] }, 'us-east-1', SCOPE, data))
      .toEqual({ failure: { code: 'Throttling', message: 'ec2.vpcs: rate exceeded' } });
    expect(inventoryFor({ datasets: ['ec2.flowLogs', 'ec2.vpcs'] }, 'us-east-1', SCOPE, data))
      .toEqual({ failure: { code: DEADLINE_CODE, message: 'ec2.flowLogs was not collected before the scan deadline' } });
  });

  test('runCheckIn: a check that throws is a CheckEvaluationError in that region', () => {
    const throwing = check('t', ['ec2.vpcs'], () => { throw new Error('bad data'); });
    expect(runCheckIn(throwing, 'eu-west-1', SCOPE, data)).toEqual({ failure: { code: 'CheckEvaluationError', message: 'bad data' } });
    const passing = check('p', ['ec2.vpcs'], (inv) => inv.vpcs!.map((v) => pass(v.vpcId, 'ok')));
    expect(runCheckIn(passing, 'eu-west-1', SCOPE, data)).toEqual({ results: [pass('vpc-1', 'ok')] });
  });

  test('evaluateCheck: counts, findings, errors by region and resource, the report', () => {
    const c = check('mixed', ['ec2.vpcs'], () => [
      pass('r-pass', 'fine'), fail('r-fail', 'open to the world'), notApplicable('r-na', 'not attached'),
      errored('r-err', 'policy unreadable'), fail('r-elsewhere', 'also open', 'ap-south-1'),
    ]);
    const e = evaluateCheck(c, SCOPE, data);
    expect(e.check).toBe(c);
    expect(e.tally).toEqual({ check: c, passed: 1, failed: 2, notApplicable: 1, errored: 2 });
    expect([...e.evaluated]).toEqual(['eu-west-1|r-pass', 'eu-west-1|r-fail', 'eu-west-1|r-na', 'ap-south-1|r-elsewhere']);
    expect(e.findings.map((f) => `${f.checkId} ${f.region} ${f.resourceId} ${f.reason}`)).toEqual([
      'mixed eu-west-1 r-fail open to the world', 'mixed ap-south-1 r-elsewhere also open',
    ]);
    expect(e.findings[0]).toMatchObject({ title: c.title, severity: 'HIGH', category: 'ec2', resourceType: c.resourceType, remediation: 'fix it', fsbp: ['EC2.2'], cis: [] });
    expect(e.report).toEqual({
      id: 'mixed',
      title: c.title,
      severity: 'HIGH',
      category: 'ec2',
      resourceType: c.resourceType,
      fsbp: ['EC2.2'],
      cis: [],
      status: 'FAIL',
      partial: true,
      counts: { passed: 1, failed: 2, notApplicable: 1, errored: 2 },
      resourcesEvaluated: 4,
      regionsEvaluated: ['eu-west-1'],
      errors: [
        { region: 'eu-west-1', resource: 'r-err', code: 'ResourceDataUnavailable', message: 'policy unreadable' },
        { region: 'us-east-1', code: 'Throttling', message: 'ec2.vpcs: rate exceeded' },
      ],
    });
  });

  test('evaluateCheck: ERROR when nothing could be evaluated, NOT_APPLICABLE when nothing applied', () => {
    const none = evaluateCheck(check('none', ['ec2.flowLogs'], () => []), SCOPE, data);
    expect(none.report).toMatchObject({ status: 'ERROR', partial: false, regionsEvaluated: [], counts: { errored: 2 } });
    const global = evaluateCheck(check('g', ['iam.accountSummary'], () => [notApplicable('acct', 'n/a')], { scope: 'global' }), SCOPE, data);
    expect(global.report).toMatchObject({ status: 'NOT_APPLICABLE', partial: false, regionsEvaluated: ['global'], resourcesEvaluated: 1 });
  });
});

describe('summarize', () => {
  const vpcCheck = check('vpc-default', ['ec2.vpcs'], (inv) => (inv.vpcs ?? []).map((v) => fail(v.vpcId, 'default VPC')));
  const iamCheck = check('iam-root-mfa', ['iam.accountSummary'], () => [pass('root', 'mfa')], { scope: 'global', category: 'iam', severity: 'CRITICAL' });
  const checks = [vpcCheck, iamCheck];
  const subnetCheck = check('subnets', ['ec2.subnets'], () => []);
  const planned = planUnits(checks, REGIONS);
  const data = new Map<string, UnitResult>([
    ['ec2.vpcs@eu-west-1', ok([{ vpcId: 'vpc-1', isDefault: true }])],
    ['ec2.vpcs@us-east-1', failed('Throttling', 'rate exceeded')],
    ['iam.accountSummary@global', ok({})],
  ]);
  const evaluations: CheckEvaluation[] = checks.map((c) => evaluateCheck(c, SCOPE, data));

  test('resourcesByService: distinct resources under the service of each check\'s first dataset', () => {
    expect(Object.fromEntries([...resourcesByService(evaluations)].map(([k, v]) => [k, [...v]]))).toEqual({ ec2: ['eu-west-1|vpc-1'], iam: ['global|root'] });
  });

  test('serviceReports: planned units never collected count as failed; every service read is listed, sorted', () => {
    const read = [...checks, subnetCheck, check('sqs', ['sqs.queues'], () => [])];
    // sqs.queues is read but planned nowhere (no regions for it), ec2.subnets planned but never collected.
    const services = serviceReports(read, planUnits([...checks, subnetCheck], REGIONS), data, evaluations, (svc) => `${svc}-breaker`);
    expect(Object.keys(services)).toEqual(['ec2', 'iam', 'sqs']);
    // ec2: vpcs collected in one region and failed in the other, subnets not collected in either.
    expect(services.ec2).toEqual({ status: 'PARTIAL', datasetsCollected: 1, datasetsFailed: 3, resourcesEvaluated: 1, breakerState: 'ec2-breaker' });
    expect(services.iam).toEqual({ status: 'OK', datasetsCollected: 1, datasetsFailed: 0, resourcesEvaluated: 1, breakerState: 'iam-breaker' });
    expect(services.sqs).toEqual({ status: 'OK', datasetsCollected: 0, datasetsFailed: 0, resourcesEvaluated: 0, breakerState: 'sqs-breaker' });
    const down = serviceReports([vpcCheck], planned, new Map([['ec2.vpcs@eu-west-1', failed('X', 'y')]]), [], () => 'OPEN');
    expect(down.ec2.status).toBe('ERROR');
  });

  const report = (over: Partial<CheckReport>): CheckReport => ({ ...evaluations[0].report, ...over });
  const score = (partial: boolean) => ({ ...computeScore([]), partial });

  test('scanStatus: forced, FAILED, PARTIAL (score, earlier reasons, unnoticed API errors) or COMPLETE', () => {
    const evaluated = report({ regionsEvaluated: ['eu-west-1'], counts: { passed: 1, failed: 0, notApplicable: 0, errored: 0 } });
    const erroring = report({ id: 'e', regionsEvaluated: ['eu-west-1'], counts: { passed: 1, failed: 0, notApplicable: 0, errored: 1 } });
    const base = { reasons: [], checkReports: [evaluated], score: score(false), apiErrors: 0 };
    expect(scanStatus(base)).toEqual({ status: 'COMPLETE', reasons: [] });
    expect(scanStatus({ ...base, forced: 'FAILED', reasons: ['could not start: x'] })).toEqual({ status: 'FAILED', reasons: ['could not start: x'] });
    expect(scanStatus({ ...base, checkReports: [report({ regionsEvaluated: [] })] })).toEqual({ status: 'FAILED', reasons: ['no check could be evaluated'] });
    expect(scanStatus({ ...base, checkReports: [] })).toEqual({ status: 'COMPLETE', reasons: [] });
    expect(scanStatus({ ...base, reasons: ['deadline'] })).toEqual({ status: 'PARTIAL', reasons: ['deadline'] });
    expect(scanStatus({ ...base, checkReports: [evaluated, erroring], score: score(true) }))
      .toEqual({ status: 'PARTIAL', reasons: ['1 check(s) could not evaluate everything: e'] });
    expect(scanStatus({ ...base, apiErrors: 2 })).toEqual({ status: 'PARTIAL', reasons: ['2 API error(s); see errors'] });
  });

  test('buildReport: a schema-valid report of the evaluations, findings most severe first', () => {
    const clients = new AwsClients();
    try {
      const out = buildReport({
        scope: { accountId: SCOPE.accountId, partition: 'aws', homeRegion: 'us-east-1', regions: REGIONS },
        startedAt: Date.parse('2026-06-01T00:00:00Z'),
        deadlineAt: Date.parse('2026-06-01T00:10:00Z'),
        reasons: [],
        checks,
        planned,
        data,
        evaluations,
      }, clients);
      expect(schemaErrors(out)).toEqual([]);
      expect(out).toMatchObject({
        status: 'PARTIAL',
        accountId: SCOPE.accountId,
        regions: REGIONS,
        startedAt: '2026-06-01T00:00:00.000Z',
        deadlineAt: '2026-06-01T00:10:00.000Z',
        summary: {
          checksRun: 2,
          checksErrored: 1,
          resourcesEvaluated: 2,
          passed: 1,
          failed: 1,
          notApplicable: 0,
          errored: 1,
          findingsBySeverity: { CRITICAL: 0, HIGH: 1, MEDIUM: 0, LOW: 0 },
        },
      });
      expect(out.checks.map((c) => c.id)).toEqual(['vpc-default', 'iam-root-mfa']);
      expect(out.findings.map((f) => f.resourceId)).toEqual(['vpc-1']);
      expect(out.services.ec2.breakerState).toBe('CLOSED');
      expect(out.statusReasons).toEqual(['1 check(s) could not evaluate everything: vpc-default']);
    } finally {
      clients.destroy();
    }
  });
});
