import { accountId, EXTERNAL_ID, fakeOrganization } from './fake-org';
import { OrganizationScanner } from '../../src';
import { handler as plan } from '../../src/organization-scanner/runtime/plan.lambda';
import { handler as report } from '../../src/organization-scanner/runtime/report.lambda';
import { handler as scanItem } from '../../src/organization-scanner/runtime/scan-item.lambda';
import { ScanItem } from '../../src/organization-scanner/runtime/targets';
import { fixedStack, logicalIdOf, resolvedTemplate, runAsFunction } from '../permissions/harness';
import { emptyAccount } from '../scanner/fake-aws/model';
import { FakeAws } from '../scanner/fake-aws/server';

/**
 * The plan, item and report functions run against the fake organization as the synthesized
 * template deploys them: with their environment, every call in the scanner's account evaluated
 * against the permissions the template gives that very function (calls in a member account are
 * the member role's, whose actions test/organization-scanner/organization-scanner.test.ts checks).
 */
jest.setTimeout(120_000);

describe('OrganizationScanner functions under their own permissions', () => {
  const { app, stack } = fixedStack();
  new OrganizationScanner(stack, 'OrgScanner', {
    organizationalUnitIds: ['r-abcd'],
    regions: ['us-east-1'],
    checks: ['s3-bucket-versioning', 'ec2-sg-no-public-ssh'],
    externalId: EXTERNAL_ID,
    organizationId: 'o-fakeorg001',
  });
  const template = resolvedTemplate(app, stack);
  const fn = (prefix: string) => logicalIdOf(template, 'AWS::Lambda::Function', prefix);
  let fake: FakeAws;
  beforeAll(async () => {
    fake = new FakeAws(emptyAccount(['us-east-1']), { organization: fakeOrganization() });
    await fake.start();
  });
  afterAll(() => fake.stop());

  test('plan, one item, report: every call allowed', async () => {
    const planned = await runAsFunction(template, fn('OrgScannerPlanFunction'), fake, () => plan({ runId: 'run-p' }));
    expect(planned.gate.deniedLines()).toEqual([]);
    expect(planned.error).toBeUndefined();
    const bucket = planned.result!.bucket;
    const items = JSON.parse(fake.state.s3Objects[`${bucket}/${planned.result!.itemsKey}`].body) as ScanItem[];
    const item = items.find((i) => i.accountId === accountId(1) && i.scope === 'global:s3')!;
    const scanned = await runAsFunction(template, fn('OrgScannerItemFunction'), fake,
      () => scanItem({ runId: 'run-p', item }, { getRemainingTimeInMillis: () => 60_000 }));
    expect(scanned.gate.deniedLines()).toEqual([]);
    expect(scanned.error).toBeUndefined();
    expect(scanned.result).toMatchObject({ status: 'COMPLETE', findings: 1 });
    expect(scanned.gate.allowedActions()).toEqual(expect.arrayContaining(['sts:AssumeRole', 's3:PutObject', 'dynamodb:BatchWriteItem']));
    // The result writer's output, as Step Functions leaves it.
    const prefix = 'organization-scans/results/map-1/';
    fake.state.s3Objects[`${bucket}/${prefix}SUCCEEDED_0.json`] = { body: JSON.stringify([{ Status: 'SUCCEEDED', Input: '{}', Output: JSON.stringify(scanned.result) }]), headers: {} };
    fake.state.s3Objects[`${bucket}/${prefix}manifest.json`] = { body: JSON.stringify({ ResultFiles: { SUCCEEDED: [{ Key: `${prefix}SUCCEEDED_0.json` }] } }), headers: {} };
    const reported = await runAsFunction(template, fn('OrgScannerReportFunction'), fake, () => report({
      plan: { runId: 'run-p', startedAt: planned.result!.startedAt, items: 1 },
      map: { ResultWriterDetails: { Bucket: bucket, Key: `${prefix}manifest.json` } },
    }));
    expect(reported.gate.deniedLines()).toEqual([]);
    expect(reported.error).toBeUndefined();
    expect(reported.result).toMatchObject({ status: 'COMPLETE', accountsNotScanned: 0 });
    expect(fake.state.snsMessages).toHaveLength(1);
  });
});
