import { App } from 'aws-cdk-lib';
import { PermissionGate } from './gate';
import { logicalIdOf, fixedStack, resolvedTemplate, runAsFunction, startFake } from './harness';
import { ACCOUNT, REGION, ResolvedTemplate } from './template';
import { buildAuditingSystemApp } from '../../examples/auditing-system/typescript/app';
import { buildComplianceScannerApp } from '../../examples/compliance-scanner/typescript/app';
import { ComplianceBucket, ComplianceScanner, AuditedVpc } from '../../src';
import { handler as networkDefaults } from '../../src/audited-vpc/network-defaults.lambda';
import { handler as remediate } from '../../src/scanner/remediation/remediation.lambda';
import { handler as scan } from '../../src/scanner/runtime/scanner.lambda';
import { fixtureAccount } from '../scanner/fake-aws/fixtures';
import { FakeAccountState } from '../scanner/fake-aws/model';
import { FakeAws } from '../scanner/fake-aws/server';

// The module object itself (not an import namespace), so that its request function can be replaced.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const https = require('https');

/**
 * Every Lambda handler the library ships runs here against the fake AWS, as the synthesized
 * template deploys it: with the function's environment, and every call it makes evaluated against
 * the permissions the template gives that very function (its role's policies, the target's
 * resource policy, the key policy of KMS-encrypted targets). See gate.ts.
 */

jest.setTimeout(120_000);

const LAMBDA_CONTEXT = { getRemainingTimeInMillis: () => 120_000 };

/** Keeps the handlers' log lines out of the test output, and returns them. */
function captureLogs(): { lines: string[]; restore: () => void } {
  const lines: string[] = [];
  const spies = [
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { lines.push(String(chunk)); return true; }),
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { lines.push(String(chunk)); return true; }),
    jest.spyOn(console, 'log').mockImplementation((...a: unknown[]) => { lines.push(a.map(String).join(' ')); }),
    jest.spyOn(console, 'info').mockImplementation((...a: unknown[]) => { lines.push(a.map(String).join(' ')); }),
    jest.spyOn(console, 'warn').mockImplementation((...a: unknown[]) => { lines.push(a.map(String).join(' ')); }),
    jest.spyOn(console, 'error').mockImplementation((...a: unknown[]) => { lines.push(a.map(String).join(' ')); }),
  ];
  return { lines, restore: () => spies.forEach((s) => s.mockRestore()) };
}

function scannerApp(dryRun: boolean, securityHub = false): { template: ResolvedTemplate; scanner: string; remediation: string } {
  const { app, stack } = fixedStack();
  const reports = new ComplianceBucket(stack, 'Reports');
  new ComplianceScanner(stack, 'Scanner', { reportBucket: reports, remediation: { dryRun }, securityHub });
  const template = resolvedTemplate(app, stack);
  return {
    template,
    scanner: logicalIdOf(template, 'AWS::Lambda::Function', 'ScannerFunction'),
    remediation: logicalIdOf(template, 'AWS::Lambda::Function', 'ScannerRemediationFunction'),
  };
}

/** The event the schedule rule sends to the scanner, as the template has it. */
function scheduledEvent(template: ResolvedTemplate, functionLogicalId: string): unknown {
  const arn = template.getAtt(functionLogicalId, 'Arn');
  for (const id of template.ofType('AWS::Events::Rule')) {
    const target = (template.props(id).Targets ?? []).find((t: any) => t.Arn === arn);
    if (target) return JSON.parse(target.Input);
  }
  throw new Error(`no rule targets ${functionLogicalId}`);
}

function expectNoDenials(gate: PermissionGate): void {
  expect(gate.deniedLines()).toEqual([]);
}

describe('ComplianceScanner under its own permissions', () => {
  let fake: FakeAws;
  let state: FakeAccountState;
  const app = scannerApp(false);
  const bucket = app.template.props(app.template.functionPermissions(app.scanner).logicalId).Environment.Variables.REPORT_BUCKET as string;
  const env = app.template.functionPermissions(app.scanner).environment;

  beforeAll(async () => {
    state = fixtureAccount();
    fake = await startFake(state);
  });
  afterAll(async () => fake.stop());

  test('first scan, with no previous report: writes latest.json, the findings and the alert, every call allowed', async () => {
    const logs = captureLogs();
    const run = await runAsFunction(app.template, app.scanner, fake, () => scan(scheduledEvent(app.template, app.scanner), LAMBDA_CONTEXT));
    logs.restore();
    expectNoDenials(run.gate);
    expect(run.error).toBeUndefined();
    const result = run.result!;
    expect(result.dryRun).toBe(false);
    expect(result.reportKeys).toEqual([
      expect.stringMatching(/^compliance-scans\/reports\/\d{4}-\d{2}-\d{2}\/[^.]+\.json$/),
      'compliance-scans/latest.json',
      expect.stringMatching(/^compliance-scans\/reports\/\d{4}-\d{2}-\d{2}\/[^.]+\.ocsf\.json$/),
    ]);
    const ocsf = JSON.parse(state.s3Objects[`${bucket}/${result.reportKeys[2]}`].body);
    expect(ocsf).toHaveLength(result.findings);
    expect(ocsf[0]).toMatchObject({ class_uid: 2003, cloud: { account: { uid: ACCOUNT } } });
    const latest = state.s3Objects[`${bucket}/compliance-scans/latest.json`];
    expect(JSON.parse(latest.body).scanId).toBe(result.scanId);
    expect(latest.headers['x-amz-server-side-encryption-aws-kms-key-id']).toBe(env.REPORT_KMS_KEY_ID);
    expect(state.dynamoItems[env.FINDINGS_TABLE]).toHaveLength(result.findings);
    expect(result.findings).toBeGreaterThan(0);
    expect(result.alerted).toBe(true);
    expect(state.snsMessages.map((m) => m.TopicArn)).toEqual([env.ALERT_TOPIC_ARN]);
    // The previous report was looked for (and not found) before the new one was written.
    expect(run.gate.allowedActions()).toEqual(expect.arrayContaining(['s3:ListBucket', 's3:PutObject', 'kms:GenerateDataKey', 'dynamodb:BatchWriteItem', 'sns:Publish']));
  });

  test('second scan: reads the previous report (KMS-decrypted) and writes the new one, every call allowed', async () => {
    const before = JSON.parse(state.s3Objects[`${bucket}/compliance-scans/latest.json`].body).scanId;
    const logs = captureLogs();
    const run = await runAsFunction(app.template, app.scanner, fake, () => scan(scheduledEvent(app.template, app.scanner), LAMBDA_CONTEXT));
    logs.restore();
    expectNoDenials(run.gate);
    expect(run.error).toBeUndefined();
    const after = JSON.parse(state.s3Objects[`${bucket}/compliance-scans/latest.json`].body);
    expect(after.scanId).toBe(run.result!.scanId);
    expect(after.scanId).not.toBe(before);
    expect(run.gate.decisions.filter((d) => d.allowed).map((d) => `${d.action} ${d.resource}`)).toEqual(expect.arrayContaining([
      `s3:GetObject arn:aws:s3:::${bucket}/compliance-scans/latest.json`,
      `kms:Decrypt ${env.REPORT_KMS_KEY_ID}`,
    ]));
    // Nothing new and critical since the first scan: the score alone decides, and it is low.
    expect(state.snsMessages).toHaveLength(2);
    expect(state.snsMessages[1].Message).toMatch(/^Alert: score [\d.]+ is below the threshold 80$/m);
  });
});

describe('ComplianceScanner with securityHub', () => {
  test('imports the findings under its own permissions, and a later scan resolves the one fixed in between', async () => {
    const app = scannerApp(false, true);
    const state = fixtureAccount();
    const fake = await startFake(state);
    const logs = captureLogs();
    try {
      const first = await runAsFunction(app.template, app.scanner, fake, () => scan(scheduledEvent(app.template, app.scanner), LAMBDA_CONTEXT));
      expectNoDenials(first.gate);
      expect(first.error).toBeUndefined();
      expect(first.gate.allowedActions()).toContain('securityhub:BatchImportFindings');
      const stored = () => Object.values(fake.securityHub.findings);
      expect(stored()).toHaveLength(first.result!.findings);
      expect(stored().every((f) => f.ProductArn === `arn:aws:securityhub:${REGION}:${ACCOUNT}:product/${ACCOUNT}/default`)).toBe(true);
      // Fix one finding: the RDS instance is no longer public.
      const db = Object.values(state.regions).flatMap((r) => r.dbInstances).find((d) => d.PubliclyAccessible)!;
      db.PubliclyAccessible = false;
      const second = await runAsFunction(app.template, app.scanner, fake, () => scan(scheduledEvent(app.template, app.scanner), LAMBDA_CONTEXT));
      expectNoDenials(second.gate);
      expect(second.error).toBeUndefined();
      const resolved = stored().filter((f) => f.Workflow.Status === 'RESOLVED');
      expect(resolved.map((f) => f.GeneratorId)).toEqual(['cdk-compliance-scanner/rds-instance-not-public']);
      expect(resolved[0]).toMatchObject({ RecordState: 'ARCHIVED', Compliance: { Status: 'PASSED', SecurityControlId: 'RDS.2' } });
      expect(stored()).toHaveLength(first.result!.findings);
    } finally {
      logs.restore();
      await fake.stop();
    }
  });

  test('the role may not import findings about another account', async () => {
    const app = scannerApp(false, true);
    const fake = await startFake(fixtureAccount());
    try {
      const gate = new PermissionGate(app.template, app.template.functionPermissions(app.scanner), () => fake.state);
      const productArn = `arn:aws:securityhub:${REGION}:${ACCOUNT}:product/${ACCOUNT}/default`;
      const own = await gate.check('securityhub:BatchImportFindings', { action: 'securityhub:BatchImportFindings', resource: productArn, context: { 'securityhub:TargetAccount': ACCOUNT } });
      const other = await gate.check('securityhub:BatchImportFindings', { action: 'securityhub:BatchImportFindings', resource: productArn, context: { 'securityhub:TargetAccount': '999999999999' } });
      const otherProduct = await gate.check('securityhub:BatchImportFindings', {
        action: 'securityhub:BatchImportFindings', resource: `arn:aws:securityhub:${REGION}:${ACCOUNT}:product/aws/guardduty`, context: { 'securityhub:TargetAccount': ACCOUNT },
      });
      expect([own.allowed, other.allowed, otherProduct.allowed]).toEqual([true, false, false]);
    } finally {
      await fake.stop();
    }
  });
});

describe('ComplianceScanner whose role may not read the previous report', () => {
  test('"denied" is not "no previous report": the run writes its outputs, says why in the report and the alert, and fails', async () => {
    const app = scannerApp(false);
    // The same template without the grant that lets the engine look the previous report up.
    const policyId = logicalIdOf(app.template, 'AWS::IAM::ManagedPolicy', 'ScannerOutputPolicy');
    const doc = app.template.resources[policyId].Properties.PolicyDocument;
    doc.Statement = doc.Statement.filter((st: any) => st.Sid !== 'FindPreviousReport');
    const env = app.template.functionPermissions(app.scanner).environment;
    const fake = await startFake(fixtureAccount());
    const logs = captureLogs();
    try {
      const run = await runAsFunction(app.template, app.scanner, fake, () => scan(scheduledEvent(app.template, app.scanner), LAMBDA_CONTEXT));
      logs.restore();
      const bucketArn = `arn:aws:s3:::${env.REPORT_BUCKET}`;
      expect(run.gate.deniedLines()).toEqual([expect.stringMatching(new RegExp(
        `^s3:ListObjectsV2: s3:ListBucket on ${bucketArn} denied: no statement in the identity policies of role ScannerRole\\w+ .* allows s3:ListBucket on ${bucketArn} with s3:prefix="compliance-scans/latest.json"`))]);
      // Never swallowed: the invocation fails, naming bucket, key and the missing permission.
      expect(run.error).toMatchObject({
        name: 'PreviousReportUnreadable',
        bucket: env.REPORT_BUCKET,
        key: 'compliance-scans/latest.json',
        api: 'ListObjectsV2',
        code: 'AccessDenied',
        permission: `s3:ListBucket on ${bucketArn} with s3:prefix compliance-scans/latest.json`,
      });
      // ...after the scan's outputs are written: the report says why, the alert too.
      const latest = JSON.parse(fake.state.s3Objects[`${env.REPORT_BUCKET}/compliance-scans/latest.json`].body);
      expect(latest.statusReasons).toEqual(expect.arrayContaining([expect.stringContaining('could not be read: ListObjectsV2 answered AccessDenied')]));
      expect(latest.errors).toEqual(expect.arrayContaining([expect.objectContaining({ service: 's3', api: 'ListObjectsV2', code: 'AccessDenied', resource: `${env.REPORT_BUCKET}/compliance-scans/latest.json` })]));
      expect(fake.state.dynamoItems[env.FINDINGS_TABLE].length).toBeGreaterThan(0);
      expect(fake.state.snsMessages).toHaveLength(1);
      expect(fake.state.snsMessages[0].Message).toMatch(/^Alert: .*the previous report s3:\/\/\S+ could not be read/m);
      const logged = logs.lines.flatMap((l) => l.split('\n')).filter((l) => l.includes('previous report unreadable')).map((l) => JSON.parse(l));
      expect(logged).toEqual([expect.objectContaining({ level: 'ERROR', bucket: env.REPORT_BUCKET, api: 'ListObjectsV2', errorCode: 'AccessDenied' })]);
    } finally {
      logs.restore();
      await fake.stop();
    }
  });
});

describe('Remediation under its own permissions', () => {
  /** Stream records of the findings the scanner wrote, as the event source mapping's filter passes them. */
  function streamEvent(template: ResolvedTemplate, items: Array<Record<string, any>>): { Records: unknown[] } {
    const mapping = template.props(template.ofType('AWS::Lambda::EventSourceMapping')[0]);
    const filter = JSON.parse(mapping.FilterCriteria.Filters[0].Pattern);
    const fixes: string[] = filter.dynamodb.NewImage.checkId.S;
    const passed = items.filter((i) => i.status.S === 'FAIL' && fixes.includes(i.checkId.S));
    return { Records: passed.map((item, n) => ({ eventID: `e${n}`, eventName: 'INSERT', dynamodb: { NewImage: item, SequenceNumber: String(100 + n) } })) };
  }

  // One endpoint for both runs: the handler keeps its S3 clients between invocations, as in Lambda.
  let fake: FakeAws;
  beforeAll(async () => {
    fake = await startFake(fixtureAccount());
  });
  afterAll(async () => fake.stop());

  async function scanThenRemediate(dryRun: boolean) {
    const app = scannerApp(dryRun);
    const state = fixtureAccount();
    fake.state = state;
    const logs = captureLogs();
    try {
      const scanned = await runAsFunction(app.template, app.scanner, fake, () => scan(scheduledEvent(app.template, app.scanner), LAMBDA_CONTEXT));
      expect(scanned.error).toBeUndefined();
      const env = app.template.functionPermissions(app.remediation).environment;
      const event = streamEvent(app.template, state.dynamoItems[app.template.functionPermissions(app.scanner).environment.FINDINGS_TABLE]);
      const run = await runAsFunction(app.template, app.remediation, fake, () => remediate(event as any));
      const audits = Object.entries(state.s3Objects).filter(([k]) => k.startsWith(`${env.AUDIT_BUCKET}/${env.AUDIT_PREFIX}`)).map(([, o]) => ({ ...JSON.parse(o.body), kms: o.headers['x-amz-server-side-encryption-aws-kms-key-id'] }));
      return { run, state, env, event, audits };
    } finally {
      logs.restore();
    }
  }

  test('dry run: changes nothing, audits what it would do, every call allowed', async () => {
    const { run, state, env, event, audits } = await scanThenRemediate(true);
    expectNoDenials(run.gate);
    expect(run.error).toBeUndefined();
    expect(run.result!.batchItemFailures).toEqual([]);
    expect(event.Records.length).toBeGreaterThanOrEqual(2);
    expect(audits.map((a) => [a.checkId, a.outcome, a.kms]).sort()).toEqual([
      ['ec2-ebs-encryption-by-default', 'WOULD_APPLY', env.AUDIT_KMS_KEY_ID],
      // the access log bucket's SSE-S3, though SSE-KMS would stop server access log delivery to it
      ['s3-bucket-kms-encryption', 'WOULD_APPLY', env.AUDIT_KMS_KEY_ID],
      ['s3-bucket-public-access-block', 'WOULD_APPLY', env.AUDIT_KMS_KEY_ID],
    ]);
    expect(state.buckets.find((b) => b.Name === 'public-bucket')!.publicAccessBlock).toBeUndefined();
    expect(state.regions['eu-west-1'].ebsEncryptionByDefault).toBe(false);
  });

  test('live: fixes the findings, audits each change, every call allowed', async () => {
    const { run, state, env, audits } = await scanThenRemediate(false);
    expectNoDenials(run.gate);
    expect(run.error).toBeUndefined();
    expect(run.result!.batchItemFailures).toEqual([]);
    expect(audits.map((a) => [a.checkId, a.resourceId, a.outcome, a.kms]).sort()).toEqual([
      ['ec2-ebs-encryption-by-default', expect.any(String), 'APPLIED', env.AUDIT_KMS_KEY_ID],
      // the fix does not know the bucket is an access log target: SSE-KMS stops S3's log delivery to it
      ['s3-bucket-kms-encryption', 'arn:aws:s3:::logs', 'APPLIED', env.AUDIT_KMS_KEY_ID],
      ['s3-bucket-public-access-block', 'arn:aws:s3:::public-bucket', 'APPLIED', env.AUDIT_KMS_KEY_ID],
    ]);
    expect(state.buckets.find((b) => b.Name === 'public-bucket')!.publicAccessBlock).toEqual([true, true, true, true]);
    expect(state.regions['eu-west-1'].ebsEncryptionByDefault).toBe(true);
    expect(run.gate.allowedActions()).toEqual(expect.arrayContaining(['s3:PutBucketPublicAccessBlock', 'ec2:EnableEbsEncryptionByDefault', 's3:PutObject', 'kms:GenerateDataKey']));
  });
});

describe('AuditedVpc network defaults under their own permissions', () => {
  const { app, stack } = fixedStack();
  const vpc = new AuditedVpc(stack, 'Vpc');
  vpc.gatewayPrefixListIds();
  const template = resolvedTemplate(app, stack);
  const fn = logicalIdOf(template, 'AWS::Lambda::Function', 'VpcNetworkDefaults');
  const customResources = (type: string) => template.ofType(type).map((id) => ({ id, props: template.props(id) }));

  /** Invokes the handler as CloudFormation does and returns what it answered on the pre-signed URL. */
  async function invoke(fake: FakeAws, requestType: 'Create' | 'Update' | 'Delete', resourceType: string) {
    const [resource] = customResources(resourceType);
    expect(resource).toBeDefined();
    const { ServiceToken, ...properties } = resource.props;
    expect(ServiceToken).toBe(template.getAtt(fn, 'Arn'));
    const answers: any[] = [];
    const spy = jest.spyOn(https, 'request').mockImplementation(((_url: string, _opts: unknown, callback: (res: any) => void) => {
      const req = {
        on: () => req,
        end: (body: string) => {
          answers.push(JSON.parse(body));
          callback({ resume: () => undefined, on: (event: string, f: () => void) => { if (event === 'end') f(); } });
        },
      };
      return req;
    }) as any);
    const logs = captureLogs();
    try {
      const event = {
        RequestType: requestType,
        ResourceType: resourceType,
        ResponseURL: 'https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/presigned',
        StackId: template.ref('AWS::StackId'),
        RequestId: `${requestType}-1`,
        LogicalResourceId: resource.id,
        PhysicalResourceId: requestType === 'Create' ? undefined : `${resource.id}-physical`,
        ResourceProperties: properties,
      };
      const run = await runAsFunction(template, fn, fake, () => networkDefaults(event as any));
      return { run, answer: answers[0], properties };
    } finally {
      logs.restore();
      spy.mockRestore();
    }
  }

  function vpcAccount(groupId: string): FakeAccountState {
    const s = fixtureAccount();
    s.regions[REGION].securityGroups = [{
      GroupId: groupId,
      GroupName: 'default',
      VpcId: template.ref(logicalIdOf(template, 'AWS::EC2::VPC', 'Vpc')),
      ingress: [{ IpProtocol: '-1', groups: [groupId] }],
      egress: [{ IpProtocol: '-1', cidrs: ['0.0.0.0/0'] }],
    }];
    return s;
  }

  test.each(['Create', 'Update', 'Delete'] as const)('Custom::DefaultSecurityGroupRules %s: every call allowed', async (requestType) => {
    const groupId = template.getAtt(logicalIdOf(template, 'AWS::EC2::VPC', 'Vpc'), 'DefaultSecurityGroup');
    const fake = await startFake(vpcAccount(groupId));
    try {
      const { run, answer, properties } = await invoke(fake, requestType, 'Custom::DefaultSecurityGroupRules');
      expectNoDenials(run.gate);
      expect(properties).toMatchObject({ SecurityGroupId: groupId, AccountId: ACCOUNT });
      expect(answer).toMatchObject({ Status: 'SUCCESS' });
      const group = fake.state.regions[REGION].securityGroups[0];
      if (requestType === 'Delete') {
        expect(run.gate.decisions).toEqual([]);
        expect(group.ingress).toHaveLength(1);
      } else {
        expect(answer.PhysicalResourceId).toBe(groupId);
        expect([group.ingress, group.egress]).toEqual([[], []]);
        expect(run.gate.allowedActions()).toEqual(['ec2:RevokeSecurityGroupIngress', 'ec2:RevokeSecurityGroupEgress']);
      }
      if (requestType === 'Update') {
        // The rules are already gone after the first run: a repeat is fine.
        const again = await invoke(fake, 'Update', 'Custom::DefaultSecurityGroupRules');
        expectNoDenials(again.run.gate);
        expect(again.answer).toMatchObject({ Status: 'SUCCESS' });
      }
    } finally {
      await fake.stop();
    }
  });

  test.each(['Create', 'Update', 'Delete'] as const)('Custom::GatewayPrefixLists %s: every call allowed', async (requestType) => {
    const fake = await startFake(fixtureAccount());
    try {
      const { run, answer } = await invoke(fake, requestType, 'Custom::GatewayPrefixLists');
      expectNoDenials(run.gate);
      expect(answer).toMatchObject({ Status: 'SUCCESS' });
      if (requestType === 'Delete') {
        expect(run.gate.decisions).toEqual([]);
      } else {
        expect(answer.Data).toEqual({ S3: 'pl-63a5400a', DynamoDb: 'pl-02cd2c6b' });
        expect(run.gate.allowedActions()).toEqual(['ec2:DescribeManagedPrefixLists']);
      }
    } finally {
      await fake.stop();
    }
  });
});

/** Lambda's own calls with a function's role, evaluated by a gate of their own. */
async function lambdaCalls(template: ResolvedTemplate, functionLogicalId: string): Promise<PermissionGate> {
  const fn = template.functionPermissions(functionLogicalId);
  const gate = new PermissionGate(template, fn, () => fixtureAccount());
  const props = template.props(functionLogicalId);
  const logGroup = props.LoggingConfig?.LogGroup ?? `/aws/lambda/${fn.functionName}`;
  const stream = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${logGroup}:log-stream:2026/01/01/[$LATEST]0123456789abcdef`;
  await gate.check('Lambda logs', { action: 'logs:CreateLogStream', resource: stream });
  await gate.check('Lambda logs', { action: 'logs:PutLogEvents', resource: stream });
  if (props.TracingConfig?.Mode === 'Active') {
    await gate.check('Lambda active tracing', { action: 'xray:PutTraceSegments', resource: '*' });
    await gate.check('Lambda active tracing', { action: 'xray:PutTelemetryRecords', resource: '*' });
  }
  const sendTo = async (why: string, queueArn: string) => {
    await gate.check(why, { action: 'sqs:SendMessage', resource: queueArn, resourcePolicy: gate.queueResourcePolicy(queueArn) });
    for (const c of gate.kmsChecksFor('AWS::SQS::Queue', queueArn, 'sqs', true, `SQS encrypts the message for ${queueArn}`)) await gate.check(why, c);
  };
  if (props.DeadLetterConfig?.TargetArn) await sendTo('Lambda dead-letter queue', props.DeadLetterConfig.TargetArn);
  for (const id of template.ofType('AWS::Lambda::EventSourceMapping')) {
    const m = template.props(id);
    if (m.FunctionName !== fn.functionName && m.FunctionName !== fn.functionArn) continue;
    const streamArn: string = m.EventSourceArn;
    for (const action of ['dynamodb:DescribeStream', 'dynamodb:GetShardIterator', 'dynamodb:GetRecords']) {
      await gate.check(`event source mapping ${id}`, { action, resource: streamArn });
    }
    await gate.check(`event source mapping ${id}`, { action: 'dynamodb:ListStreams', resource: '*' });
    const tableArn = streamArn.replace(/\/stream\/.*$/, '');
    for (const c of gate.kmsChecksFor('AWS::DynamoDB::Table', tableArn, 'dynamodb', false, `the stream of ${tableArn} is encrypted with the table's key`)) {
      await gate.check(`event source mapping ${id}`, c);
    }
    const onFailure = m.DestinationConfig?.OnFailure?.Destination;
    if (onFailure) await sendTo(`event source mapping ${id} on-failure destination`, onFailure);
  }
  return gate;
}


/**
 * What Lambda itself does with each function's credentials (Lambda developer guide: execution
 * role): write its logs and traces, send a failed asynchronous event to the dead-letter queue,
 * and for an event source mapping read the stream and send a failed batch to the on-failure
 * destination. Each is evaluated like the handlers' own calls, KMS-encrypted targets included.
 */
describe('Lambda\'s own calls with each function\'s role', () => {
  test.each([true, false])('ComplianceScanner (remediation dry run %s): the scanner and the remediation function', async (dryRun) => {
    const app = scannerApp(dryRun);
    for (const fn of [app.scanner, app.remediation]) {
      const gate = await lambdaCalls(app.template, fn);
      expectNoDenials(gate);
      expect(gate.allowedActions()).toEqual(expect.arrayContaining(['logs:PutLogEvents', 'xray:PutTraceSegments', 'sqs:SendMessage', 'kms:GenerateDataKey']));
    }
  });

  test('AuditedVpc: the network-defaults function', async () => {
    const { app, stack } = fixedStack();
    new AuditedVpc(stack, 'Vpc').gatewayPrefixListIds();
    const template = resolvedTemplate(app, stack);
    const gate = await lambdaCalls(template, logicalIdOf(template, 'AWS::Lambda::Function', 'VpcNetworkDefaults'));
    expectNoDenials(gate);
    expect(gate.allowedActions()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents', 'xray:PutTraceSegments', 'xray:PutTelemetryRecords']);
  });
});

/**
 * The reference apps: every function of each, under its own permissions, the scanner twice and
 * the remediation on what the scanner wrote (as configured by the app, dry run or live).
 */
describe.each([
  ['compliance-scanner', () => {
    const a = new App();
    return { app: a, stack: buildComplianceScannerApp(a)[0] };
  }],
  ['auditing-system', () => {
    const a = new App();
    return { app: a, stack: buildAuditingSystemApp(a)[0] };
  }],
])('reference app %s', (_name, build) => {
  const { app, stack } = build();
  const template = resolvedTemplate(app, stack);
  const functions = template.ofType('AWS::Lambda::Function');
  const scanner = functions.find((id) => template.props(id).Environment?.Variables?.REPORT_BUCKET)!;
  const remediation = functions.find((id) => template.props(id).Environment?.Variables?.AUDIT_BUCKET);

  test('Lambda\'s own calls with each function\'s role', async () => {
    expect(functions.length).toBeGreaterThan(0);
    const denied: string[] = [];
    for (const id of functions) denied.push(...(await lambdaCalls(template, id)).deniedLines());
    expect(denied).toEqual([]);
  });

  test('the scanner twice, then the remediation on its findings', async () => {
    const state = fixtureAccount();
    const fake = await startFake(state);
    const logs = captureLogs();
    try {
      const env = template.functionPermissions(scanner).environment;
      for (const round of [1, 2]) {
        const run = await runAsFunction(template, scanner, fake, () => scan(scheduledEvent(template, scanner), LAMBDA_CONTEXT));
        expect(run.gate.deniedLines()).toEqual([]);
        expect(run.error).toBeUndefined();
        expect(JSON.parse(state.s3Objects[`${env.REPORT_BUCKET}/compliance-scans/latest.json`].body).scanId).toBe(run.result!.scanId);
        expect(state.snsMessages.map((m) => m.TopicArn)).toEqual(Array(round).fill(env.ALERT_TOPIC_ARN));
      }
      if (remediation) {
        const items = state.dynamoItems[env.FINDINGS_TABLE] as Array<Record<string, any>>;
        const allowed = template.functionPermissions(remediation).environment.ALLOWED_FIXES.split(',');
        const records = items.filter((i) => i.status.S === 'FAIL' && allowed.includes(i.checkId.S))
          .map((item, n) => ({ eventID: `e${n}`, eventName: 'INSERT', dynamodb: { NewImage: item, SequenceNumber: String(n) } }));
        expect(records.length).toBeGreaterThan(0);
        // A new execution environment: the handler keeps its S3 clients (and their endpoint) per container.
        let coldStart: typeof remediate = remediate;
        jest.isolateModules(() => {
          // eslint-disable-next-line @typescript-eslint/no-require-imports
          coldStart = require('../../src/scanner/remediation/remediation.lambda').handler;
        });
        const run = await runAsFunction(template, remediation, fake, () => coldStart({ Records: records } as any));
        expect(run.gate.deniedLines()).toEqual([]);
        expect(run.error).toBeUndefined();
        expect(run.result!.batchItemFailures).toEqual([]);
      }
    } finally {
      logs.restore();
      await fake.stop();
    }
  });
});
