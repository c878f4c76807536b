/**
 * dynamodb-table-in-backup-plan through the real SDK against the fake endpoint: tables assigned to
 * a backup plan by ARN or pattern pass, others fail, a selection by tag or one that cannot be read
 * leaves the tables it could cover ERROR, and unreadable plans make every table ERROR.
 */
import { fakeEnv, withEnv } from './fake-aws/fixtures';
import { emptyAccount } from './fake-aws/model';
import { AwsHttpError, FakeAws } from './fake-aws/server';
import { runScan } from '../../src/scanner/runtime/engine';

const REGIONS = ['eu-west-1', 'us-east-1', 'ap-south-1', 'sa-east-1', 'ca-central-1'];
const table = (name: string) => ({ TableName: name, pitr: true });

describe('dynamodb-table-in-backup-plan against the fake endpoint', () => {
  let fake: FakeAws;
  let url: string;
  beforeEach(async () => {
    const s = emptyAccount(REGIONS);
    // eu-west-1: the default (BatchPipeline's plan names every table), selections paged by 2
    s.regions['eu-west-1'].tables = [table('jobs'), table('jobs2'), table('jobs3')];
    // us-east-1: one by ARN, one by pattern, one excluded, one in no selection
    s.regions['us-east-1'].tables = [table('orders'), table('app-a'), table('app-b'), table('orphan')];
    s.regions['us-east-1'].backupPlans = [
      { name: 'p1', selections: [{ name: 'byArn', resources: ['arn:aws:dynamodb:us-east-1:123456789012:table/orders'] }] },
      {
        name: 'p2',
        selections: [
          { name: 'byPattern', resources: ['arn:aws:dynamodb:*:*:table/app-*'], notResources: ['arn:aws:dynamodb:us-east-1:123456789012:table/app-b'] },
        ],
      },
    ];
    // ca-central-1: a selection by tag only
    s.regions['ca-central-1'].tables = [table('tagged')];
    s.regions['ca-central-1'].backupPlans = [{ name: 'p3', selections: [{ name: 'byTag', resources: [], tags: { backup: 'daily' } }] }];
    // ap-south-1: no plan at all
    s.regions['ap-south-1'].tables = [table('bare')];
    s.regions['ap-south-1'].backupPlans = [];
    // sa-east-1: the selection cannot be read
    s.regions['sa-east-1'].tables = [table('denied')];
    fake = new FakeAws(s, {
      pageSize: 2,
      authorize: async (r, api) => {
        if (api === 'GetBackupSelection' && r.region === 'sa-east-1') throw new AwsHttpError(403, 'AccessDeniedException', 'not authorized to perform: backup:GetBackupSelection');
      },
    });
    url = await fake.start();
  });
  afterEach(() => fake.stop());

  test('assigned tables pass, unassigned fail, tag selections and unreadable selections are ERROR', async () => {
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: REGIONS, checkIds: ['dynamodb-table-in-backup-plan'] }));
    const check = report.checks.find((c) => c.id === 'dynamodb-table-in-backup-plan')!;
    expect(report.findings.map((f) => `${f.resourceId.split(':table/')[1]} ${f.reason}`).sort()).toEqual([
      'app-b no backup plan\'s selection assigns it',
      'bare the region has no backup plan with a selection',
      'orphan no backup plan\'s selection assigns it',
    ]);
    expect(check.counts).toEqual({ passed: 5, failed: 3, notApplicable: 0, errored: 2 });
    expect(check.errors.map((e) => `${e.region} ${e.message}`).sort()).toEqual([
      'ca-central-1 no backup selection assigns it by ARN; undecidable: selection byTag of backup plan p3 selects by tags (backup=daily), and the table\'s tags are not read',
      'sa-east-1 no backup selection assigns it by ARN; undecidable: selection TrackingTable of backup plan BatchPipelineBackupPlan could not be read (AccessDeniedException)',
    ]);
    expect(report.errors).toEqual([expect.objectContaining({ service: 'backup', api: 'GetBackupSelection', region: 'sa-east-1', code: 'AccessDeniedException' })]);
    expect(fake.stats.requests['backup:GetBackupSelection']).toBe(5); // eu-west-1 1, us-east-1 2, sa-east-1 1 (denied), ca-central-1 1
    // DescribeTable / DescribeContinuousBackups are not called: this check reads only the table names
    expect(fake.stats.requests['dynamodb:DescribeTable'] ?? 0).toBe(0);
  });

  test('a throttled or denied ListBackupPlans makes every table of the Region ERROR, never PASS', async () => {
    await fake.stop();
    const s = emptyAccount(['eu-west-1']);
    s.regions['eu-west-1'].tables = [table('jobs')];
    fake = new FakeAws(s, {
      authorize: async (_r, api) => {
        if (api === 'ListBackupPlans') throw new AwsHttpError(400, 'AccessDeniedException', 'not authorized to perform: backup:ListBackupPlans');
      },
    });
    url = await fake.start();
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1'], checkIds: ['dynamodb-table-in-backup-plan'] }));
    const check = report.checks.find((c) => c.id === 'dynamodb-table-in-backup-plan')!;
    expect(check.counts).toEqual({ passed: 0, failed: 0, notApplicable: 0, errored: 1 });
    expect(report.errors).toEqual([expect.objectContaining({ service: 'backup', api: 'ListBackupPlans', code: 'AccessDeniedException' })]);
  });
});
