import { fakeEnv, fixtureAccount, REGIONS, withEnv } from './fake-aws/fixtures';
import { securityGroupAccount } from './fake-aws/scenarios';
import { AwsHttpError, FakeAws } from './fake-aws/server';
import { AwsClients } from '../../src/scanner/runtime/clients';
import { runScan } from '../../src/scanner/runtime/engine';
import { BATCH_SIZE, decideAlert, findingItem, summaryMessage, writeFindings } from '../../src/scanner/runtime/outputs';
import { Finding, ScanReport } from '../../src/scanner/runtime/report';
import { handler } from '../../src/scanner/runtime/scanner.lambda';

jest.setTimeout(60_000);

const LAMBDA_ENV = {
  REPORT_BUCKET: 'reports-bucket',
  REPORT_KMS_KEY_ID: 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555',
  FINDINGS_TABLE: 'findings',
  ALERT_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:alerts',
  SCORE_THRESHOLD: '80',
  AWS_REGION: 'us-east-1',
  POWERTOOLS_METRICS_NAMESPACE: 'ComplianceScanner',
};

async function reportWithFindings(n: number): Promise<{ fake: FakeAws; report: ScanReport }> {
  const fake = new FakeAws(securityGroupAccount(n, 'eu-west-1', 1));
  const url = await fake.start();
  const report = await withEnv(fakeEnv(url), () => runScan({ accountId: '123456789012', regions: ['eu-west-1'], checkIds: ['ec2-sg-no-public-ssh'] }));
  return { fake, report };
}

describe('DynamoDB findings writer', () => {
  test('BatchWriteItem in chunks of 25, UnprocessedItems retried until none remain, each finding written once', async () => {
    const { fake, report } = await reportWithFindings(60);
    fake.options.unprocessedRounds = 4;
    (fake as unknown as { unprocessedLeft: number }).unprocessedLeft = 4;
    try {
      expect(report.findings).toHaveLength(60);
      const clients = new AwsClients();
      const result = await withEnv(fakeEnv(fake.url), () => writeFindings(clients, 'us-east-1', { table: 'findings', baseDelayMs: 1 }, report));
      clients.destroy();
      const stored = fake.state.dynamoItems.findings;
      expect(stored).toHaveLength(60);
      expect(new Set(stored.map((i) => (i.findingId as { S: string }).S))).toEqual(new Set(report.findings.map((f) => f.findingId)));
      expect(result.calls).toBe(Math.ceil(60 / BATCH_SIZE) + result.unprocessedRetries);
      expect(result.unprocessedRetries).toBe(4);
      expect(fake.stats.requests['dynamodb:BatchWriteItem']).toBe(result.calls);
    } finally {
      await fake.stop();
    }
  });

  test('gives up after maxRounds and names how many items are left', async () => {
    const { fake, report } = await reportWithFindings(30);
    (fake as unknown as { unprocessedLeft: number }).unprocessedLeft = 1000;
    try {
      const clients = new AwsClients();
      await expect(withEnv(fakeEnv(fake.url), () => writeFindings(clients, 'us-east-1', { table: 'findings', baseDelayMs: 1, maxRounds: 3 }, report)))
        .rejects.toThrow(/finding\(s\) of chunk \d still unprocessed after 3 rounds/);
      clients.destroy();
    } finally {
      await fake.stop();
    }
  });
});

describe('SNS summary', () => {
  const finding = (i: number, severity: Finding['severity'] = 'HIGH'): Finding => ({
    findingId: i.toString(16).padStart(64, '0'),
    checkId: 'ec2-sg-no-public-ssh',
    title: 't',
    status: 'FAIL',
    severity,
    category: 'ec2',
    region: 'eu-west-1',
    resourceId: `arn:aws:ec2:eu-west-1:123456789012:security-group/sg-${i}-${'x'.repeat(200)}`,
    resourceType: 'AWS::EC2::SecurityGroup',
    reason: 'r'.repeat(100),
    remediation: 'x',
    fsbp: [],
    cis: [],
  });
  const report = (findings: Finding[], score: number | null): ScanReport => ({
    status: 'COMPLETE',
    accountId: '123456789012',
    regions: ['eu-west-1'],
    scanId: 's',
    findings,
    score: { overall: score, byCategory: { ec2: { score, checksScored: 1, checksErrored: 0, passed: 0, failed: 0 } }, bySeverity: {}, partial: false, formula: '', weights: { CRITICAL: 8, HIGH: 4, MEDIUM: 2, LOW: 1 } },
    summary: { findingsBySeverity: { CRITICAL: 0, HIGH: findings.length, MEDIUM: 0, LOW: 0 } },
  } as unknown as ScanReport);

  test('alerts below the threshold or on a new critical finding only', () => {
    expect(decideAlert(report([finding(1)], 79.9), null, 80).alert).toBe(true);
    expect(decideAlert(report([finding(1)], 80), null, 80).alert).toBe(false);
    const crit = finding(2, 'CRITICAL');
    const d = decideAlert(report([crit], 95), report([], 95), 80);
    expect(d.alert).toBe(true);
    expect(d.newCritical).toEqual([crit]);
    expect(decideAlert(report([crit], 95), report([crit], 95), 80).alert).toBe(false);
  });

  test('summary stays under the SNS size limit with 5,000 findings and says how many were left out', () => {
    const r = report(Array.from({ length: 5000 }, (_, i) => finding(i)), 10);
    const text = summaryMessage(r, decideAlert(r, null, 80));
    expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(256 * 1024);
    expect(text).toMatch(/\.\.\. and \d+ more \(see the report in S3\)$/);
    const small = report([finding(1)], 10);
    expect(summaryMessage(small, decideAlert(small, null, 80))).toContain('sg-1');
  });
});

describe('Lambda handler', () => {
  test('scans, writes the report to S3 under KMS, findings to DynamoDB, EMF metrics and an SNS alert', async () => {
    const fake = new FakeAws(fixtureAccount());
    const url = await fake.start();
    const out: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
    try {
      const result = await withEnv({ ...fakeEnv(url), ...LAMBDA_ENV }, () =>
        handler({ regions: REGIONS }, { getRemainingTimeInMillis: () => 120_000 }));
      spy.mockRestore();
      expect(result.dryRun).toBe(false);
      expect(result.reportKeys).toHaveLength(3);
      for (const key of result.reportKeys) {
        const obj = fake.state.s3Objects[`reports-bucket/${key}`];
        expect(obj.headers['x-amz-server-side-encryption']).toBe('aws:kms');
        expect(obj.headers['x-amz-server-side-encryption-aws-kms-key-id']).toBe(LAMBDA_ENV.REPORT_KMS_KEY_ID);
        const body = JSON.parse(obj.body);
        // The report and latest.json, then the OCSF events beside the report.
        if (key.endsWith('.ocsf.json')) expect(body.map((e: { metadata: { correlation_uid: string } }) => e.metadata.correlation_uid)).toEqual(Array(result.findings).fill(result.scanId));
        else expect(body.scanId).toBe(result.scanId);
      }
      expect(fake.state.dynamoItems.findings).toHaveLength(result.findings);
      expect(result.alerted).toBe(true);
      expect(fake.state.snsMessages).toHaveLength(1);
      expect(fake.state.snsMessages[0].Message).toContain('new critical');
      const emf = out.flatMap((l) => l.split('\n')).filter((l) => l.includes('"_aws"')).map((l) => JSON.parse(l));
      const names = emf.flatMap((e) => e._aws.CloudWatchMetrics[0].Metrics.map((m: { Name: string }) => m.Name));
      expect(names).toEqual(expect.arrayContaining(['ComplianceScore', 'CategoryScore', 'FindingsBySeverity']));
      expect(emf.find((e) => e.Category === 'rds')?.CategoryScore).toBeDefined();

      // Second scan: same findings, nothing new and critical; threshold 0 -> no alert.
      const again = await withEnv({ ...fakeEnv(url), ...LAMBDA_ENV, SCORE_THRESHOLD: '0' }, () =>
        handler({ regions: REGIONS }, { getRemainingTimeInMillis: () => 120_000 }));
      expect(again.alerted).toBe(false);
      expect(fake.state.snsMessages).toHaveLength(1);
    } finally {
      spy.mockRestore();
      await fake.stop();
    }
  });

  test('Security Hub not enabled: the report, findings and alert are still written, then the invocation fails naming the API', async () => {
    const fake = new FakeAws(fixtureAccount(), {
      authorize: async (r) => {
        if (r.service === 'securityhub') throw new AwsHttpError(401, 'InvalidAccessException', 'Account 123456789012 is not subscribed to AWS Security Hub');
      },
    });
    const url = await fake.start();
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await expect(withEnv({ ...fakeEnv(url), ...LAMBDA_ENV, SECURITY_HUB: 'true' }, () =>
        handler({ regions: REGIONS }, { getRemainingTimeInMillis: () => 120_000 }))).rejects.toThrow(/securityhub:BatchImportFindings in us-east-1 .*InvalidAccessException/);
      expect(Object.keys(fake.state.s3Objects).filter((k) => k.endsWith('.ocsf.json'))).toHaveLength(1);
      expect(fake.state.dynamoItems.findings.length).toBeGreaterThan(0);
      expect(fake.state.snsMessages).toHaveLength(1);
    } finally {
      spy.mockRestore();
      await fake.stop();
    }
  });

  test('dry run writes nothing', async () => {
    const fake = new FakeAws(fixtureAccount());
    const url = await fake.start();
    try {
      const r = await withEnv({ ...fakeEnv(url), ...LAMBDA_ENV, POWERTOOLS_DEV: 'true' }, () =>
        handler({ regions: ['eu-west-1'], checkIds: ['rds-instance-not-public'], dryRun: true }, { getRemainingTimeInMillis: () => 60_000 }));
      expect(r).toMatchObject({ dryRun: true, findings: 1, reportKeys: [] });
      expect(Object.keys(fake.state.s3Objects)).toEqual([]);
      expect(fake.requestsFor('dynamodb')).toBe(0);
    } finally {
      await fake.stop();
    }
  });
});

describe('DynamoDB finding item', () => {
  test('the finding\'s fields as strings, with its account, scan, last seen time and expiry', () => {
    const f: Finding = {
      findingId: 'abc',
      checkId: 'ec2-sg-no-public-ssh',
      title: 'SSH open',
      status: 'FAIL',
      severity: 'HIGH',
      category: 'ec2',
      region: 'eu-west-1',
      resourceId: 'arn:aws:ec2:eu-west-1:123456789012:security-group/sg-1',
      resourceType: 'AWS::EC2::SecurityGroup',
      reason: 'port 22 open',
      remediation: 'close it',
      fsbp: ['EC2.13'],
      cis: [],
    };
    const report = { accountId: '123456789012', scanId: 'scan-1', startedAt: '2026-06-01T00:00:00.000Z' } as ScanReport;
    expect(findingItem(f, report, 90)).toEqual({
      findingId: { S: 'abc' },
      checkId: { S: 'ec2-sg-no-public-ssh' },
      severity: { S: 'HIGH' },
      category: { S: 'ec2' },
      region: { S: 'eu-west-1' },
      resourceId: { S: f.resourceId },
      resourceType: { S: 'AWS::EC2::SecurityGroup' },
      status: { S: 'FAIL' },
      reason: { S: 'port 22 open' },
      accountId: { S: '123456789012' },
      scanId: { S: 'scan-1' },
      lastSeen: { S: '2026-06-01T00:00:00.000Z' },
      expiresAt: { N: String(Date.parse('2026-06-01T00:00:00Z') / 1000 + 90 * 86400) },
    });
  });
});
