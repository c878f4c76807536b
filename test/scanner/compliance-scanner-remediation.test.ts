import { EC2Client } from '@aws-sdk/client-ec2';
import { S3Client } from '@aws-sdk/client-s3';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ComplianceBucket, ComplianceScanner, ComplianceScannerProps, RemediationFix } from '../../src';
import { handler } from '../../src/scanner/remediation/remediation.lambda';
import { formatFindings, nagFindings, newStack } from '../nag-helper';

function synth(props: ComplianceScannerProps): { stack: Stack; scanner: ComplianceScanner; template: Template } {
  const stack = newStack();
  const scanner = new ComplianceScanner(stack, 'Scanner', props);
  return { stack, scanner, template: Template.fromStack(stack) };
}

function remediationPolicy(stack: Stack, template: Template, scanner: ComplianceScanner): any[] {
  const roleId = stack.getLogicalId(scanner.remediationRole!.node.defaultChild as any);
  const policies = Object.values(template.findResources('AWS::IAM::ManagedPolicy'))
    .filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]));
  expect(policies).toHaveLength(1);
  return policies[0].Properties.PolicyDocument.Statement;
}

const actions = (statements: any[]) => statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])).sort();
const FIX_ACTIONS = ['ec2:EnableEbsEncryptionByDefault', 's3:PutBucketPublicAccessBlock', 's3:PutEncryptionConfiguration'];

describe('remediation is opt-in', () => {
  test('without the prop there is no remediation function and no stream', () => {
    const { scanner, template } = synth({});
    expect(scanner.remediationFunction).toBeUndefined();
    expect(Object.keys(template.findResources('AWS::Lambda::Function'))).toHaveLength(1);
    expect(Object.values(template.findResources('AWS::DynamoDB::Table'))[0].Properties.StreamSpecification).toBeUndefined();
    expect(template.findResources('AWS::Lambda::EventSourceMapping')).toEqual({});
  });
});

describe('remediation in dry run (the default)', () => {
  const { stack, scanner, template } = synth({ remediation: {} });

  test('a separate function and role, triggered by FAIL findings of the allow-listed checks on the findings stream', () => {
    expect(scanner.remediationRole).not.toBe(scanner.role);
    expect(Object.keys(template.findResources('AWS::Lambda::Function'))).toHaveLength(2);
    const fn = template.toJSON().Resources[stack.getLogicalId(scanner.remediationFunction!.node.defaultChild as any)].Properties;
    expect(fn).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], TracingConfig: { Mode: 'Active' }, ReservedConcurrentExecutions: 1 });
    expect(fn.Environment.Variables.DRY_RUN).toBe('true');
    expect(fn.Environment.Variables.ALLOWED_FIXES.split(',').sort()).toEqual(Object.values(RemediationFix).sort());
    expect(fn.Environment.Variables.AUDIT_PREFIX).toBe('compliance-remediation/');
    expect(Object.values(template.findResources('AWS::DynamoDB::Table'))[0].Properties.StreamSpecification).toEqual({ StreamViewType: 'NEW_IMAGE' });
    const esm = Object.values(template.findResources('AWS::Lambda::EventSourceMapping'));
    expect(esm).toHaveLength(1);
    const pattern = JSON.parse(esm[0].Properties.FilterCriteria.Filters[0].Pattern);
    expect(pattern.dynamodb.NewImage.status.S).toEqual(['FAIL']);
    expect([...pattern.dynamodb.NewImage.checkId.S].sort()).toEqual(Object.values(RemediationFix).sort());
    expect(esm[0].Properties).toMatchObject({ FunctionResponseTypes: ['ReportBatchItemFailures'], BisectBatchOnFunctionError: true, MaximumRetryAttempts: 3 });
    expect(esm[0].Properties.DestinationConfig.OnFailure.Destination).toBeDefined();
  });

  test('the remediation role has a customer managed policy only, and no fixing action in a dry run', () => {
    expect(template.findResources('AWS::IAM::Policy')).toEqual({});
    const role = template.toJSON().Resources[stack.getLogicalId(scanner.remediationRole!.node.defaultChild as any)].Properties;
    expect(role.Policies).toBeUndefined();
    expect(role.ManagedPolicyArns).toBeUndefined();
    const granted = actions(remediationPolicy(stack, template, scanner));
    for (const a of FIX_ACTIONS) expect(granted).not.toContain(a);
    expect(granted).toContain('s3:PutObject');
  });

  test('audit records go to the report bucket under their own prefix', () => {
    const bucket = (scanner.reportBucket as ComplianceBucket).bucket;
    const audit = remediationPolicy(stack, template, scanner).find((s) => s.Sid === 'WriteAuditRecords');
    expect(audit.Resource).toEqual({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [stack.getLogicalId(bucket.node.defaultChild as any), 'Arn'] }, '/compliance-remediation/*']] });
  });

  test('no unacknowledged finding in any stock pack', () => {
    expect(formatFindings(nagFindings(stack))).toEqual([]);
  });
});

describe('remediation that applies fixes', () => {
  const { stack, scanner, template } = synth({
    remediation: { dryRun: false, fixes: [RemediationFix.S3_BUCKET_PUBLIC_ACCESS_BLOCK, RemediationFix.EBS_ENCRYPTION_BY_DEFAULT] },
  });

  test('only the chosen fixes are granted', () => {
    const statements = remediationPolicy(stack, template, scanner);
    const granted = actions(statements);
    expect(granted).toContain('s3:PutBucketPublicAccessBlock');
    expect(granted).toContain('ec2:EnableEbsEncryptionByDefault');
    expect(granted).not.toContain('s3:PutEncryptionConfiguration');
    const fn = template.toJSON().Resources[stack.getLogicalId(scanner.remediationFunction!.node.defaultChild as any)].Properties;
    expect(fn.Environment.Variables.DRY_RUN).toBe('false');
    expect(template.findResources('AWS::IAM::Policy')).toEqual({});
  });

  test('alarms on remediation errors and failed batches', () => {
    expect(scanner.remediationErrorsAlarm).toBeDefined();
    expect(scanner.remediationFailuresAlarm).toBeDefined();
    expect(Object.keys(template.findResources('AWS::CloudWatch::Alarm'))).toHaveLength(8);
  });

  test('no unacknowledged finding in any stock pack', () => {
    expect(formatFindings(nagFindings(stack))).toEqual([]);
  });
});

describe('remediation props are validated', () => {
  test('a fix whose check is not enabled', () => {
    expect(() => synth({ checks: ['s3-bucket-versioning'], remediation: { fixes: [RemediationFix.EBS_ENCRYPTION_BY_DEFAULT] } }))
      .toThrow(/invalid remediation\.fixes: \["ec2-ebs-encryption-by-default"\]\. Each fix needs its check enabled/);
  });
  test('no fix possible with the enabled checks', () => {
    expect(() => synth({ checks: ['s3-bucket-versioning'], remediation: {} })).toThrow(/invalid remediation\.fixes: \[\]\. At least one fix/);
  });
});

describe('remediation handler', () => {
  const env = { ...process.env };
  let s3Calls: any[];
  let ec2Calls: any[];
  beforeEach(() => {
    s3Calls = [];
    ec2Calls = [];
    jest.spyOn(S3Client.prototype, 'send').mockImplementation(async (command: any) => {
      s3Calls.push(command);
      return {};
    });
    jest.spyOn(EC2Client.prototype, 'send').mockImplementation(async (command: any) => {
      ec2Calls.push(command);
      return {};
    });
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    Object.assign(process.env, {
      AWS_REGION: 'us-east-1',
      AUDIT_BUCKET: 'audit-bucket',
      AUDIT_KMS_KEY_ID: 'arn:aws:kms:us-east-1:123456789012:key/k',
      AUDIT_PREFIX: 'compliance-remediation/',
      ALLOWED_FIXES: 's3-bucket-public-access-block,ec2-ebs-encryption-by-default',
    });
  });
  afterEach(() => {
    jest.restoreAllMocks();
    process.env = { ...env };
  });
  const record = (checkId: string, resourceId: string, status = 'FAIL', region = 'eu-west-1') => ({
    eventName: 'INSERT',
    dynamodb: { SequenceNumber: `${checkId}-1`, NewImage: { findingId: { S: `f-${checkId}` }, checkId: { S: checkId }, status: { S: status }, resourceId: { S: resourceId }, region: { S: region } } },
  });
  const audits = () => s3Calls.filter((c) => c.constructor.name === 'PutObjectCommand').map((c) => ({ key: c.input.Key, body: JSON.parse(c.input.Body), kms: c.input.SSEKMSKeyId }));

  test('a dry run changes nothing and writes an audit record of what it would do', async () => {
    process.env.DRY_RUN = 'true';
    const out = await handler({
      Records: [record('s3-bucket-public-access-block', 'arn:aws:s3:::victim'), record('ec2-ebs-encryption-by-default', 'arn:aws:ec2:eu-west-1:123456789012:account')],
    });
    expect(out.batchItemFailures).toEqual([]);
    expect(ec2Calls).toEqual([]);
    expect(s3Calls.filter((c) => c.constructor.name !== 'PutObjectCommand')).toEqual([]);
    expect(audits().map((a) => [a.body.checkId, a.body.outcome, a.body.dryRun, a.kms])).toEqual([
      ['s3-bucket-public-access-block', 'WOULD_APPLY', true, 'arn:aws:kms:us-east-1:123456789012:key/k'],
      ['ec2-ebs-encryption-by-default', 'WOULD_APPLY', true, 'arn:aws:kms:us-east-1:123456789012:key/k'],
    ]);
    expect(audits()[0].key).toMatch(/^compliance-remediation\/\d{4}-\d{2}-\d{2}\/f-s3-bucket-public-access-block-/);
  });

  test('applying fixes only allow-listed FAIL findings, and audits each change', async () => {
    process.env.DRY_RUN = 'false';
    await handler({
      Records: [
        record('s3-bucket-public-access-block', 'arn:aws:s3:::victim'),
        record('s3-bucket-kms-encryption', 'arn:aws:s3:::other'), // not allow-listed here
        record('s3-bucket-public-access-block', 'arn:aws:s3:::fine', 'PASS'),
        record('ec2-ebs-encryption-by-default', 'arn:aws:ec2:eu-west-1:123456789012:account'),
      ],
    });
    const fixes = s3Calls.filter((c) => c.constructor.name !== 'PutObjectCommand');
    expect(fixes.map((c) => [c.constructor.name, c.input.Bucket])).toEqual([['PutPublicAccessBlockCommand', 'victim']]);
    expect(fixes[0].input.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true,
    });
    expect(ec2Calls.map((c) => c.constructor.name)).toEqual(['EnableEbsEncryptionByDefaultCommand']);
    expect(audits().map((a) => [a.body.resourceId, a.body.outcome])).toEqual([
      ['arn:aws:s3:::victim', 'APPLIED'],
      ['arn:aws:ec2:eu-west-1:123456789012:account', 'APPLIED'],
    ]);
  });

  test('a failed fix is audited and reported as a batch item failure', async () => {
    process.env.DRY_RUN = 'false';
    const out = await handler({ Records: [record('s3-bucket-public-access-block', 'not-an-arn')] });
    expect(out.batchItemFailures).toEqual([{ itemIdentifier: 's3-bucket-public-access-block-1' }]);
    expect(audits()[0].body).toMatchObject({ outcome: 'FAILED', error: expect.stringContaining('not an S3 bucket ARN') });
  });

  test('an invalid environment is refused', async () => {
    process.env.DRY_RUN = 'maybe';
    await expect(handler({ Records: [] })).rejects.toThrow(/DRY_RUN must be true or false, got maybe/);
  });
});
