import { AwsSecurityFinding, BatchImportFindingsCommand, ImportFindingsError } from '@aws-sdk/client-securityhub';
import { AwsClients } from './clients';
import { asffRequirementsOf, controlIdOf } from './control-id';
import { TokenBucket } from './pacer';
import { Finding, ScanReport } from './report';

/**
 * AWS Security Finding Format (ASFF) and the BatchImportFindings import, within the documented
 * limits: at most 100 findings and 6 MB per call, each finding under 240 KB, 10 requests per second
 * with a burst of 30.
 */
export const ASFF_SCHEMA_VERSION = '2018-10-08';
export const MAX_FINDINGS_PER_CALL = 100;
export const MAX_REQUEST_BYTES = 6 * 1024 * 1024;
export const MAX_FINDING_BYTES = 240 * 1024;
/** Documented BatchImportFindings limit: 10 requests per second, burst 30. We stay under both. */
export const IMPORT_RATE = { ratePerSec: 10, burst: 30 } as const;

/** Field lengths ASFF documents (characters). */
const MAX_TITLE = 256;
const MAX_DESCRIPTION = 1024;
const MAX_RECOMMENDATION = 512;

/** Fields ASFF requires in every imported finding. */
export const ASFF_REQUIRED_FIELDS = [
  'AwsAccountId', 'CreatedAt', 'Description', 'GeneratorId', 'Id', 'ProductArn', 'Resources',
  'SchemaVersion', 'Severity', 'Title', 'Types', 'UpdatedAt',
] as const;

/** The default product of the account: where an account imports its own findings. */
export function productArn(partition: string, region: string, accountId: string): string {
  return `arn:${partition}:securityhub:${region}:${accountId}:product/${accountId}/default`;
}

/** Stable per (account, Region, check, resource): a re-import updates the finding instead of adding one. */
export function asffId(f: Pick<Finding, 'findingId'>): string {
  return `cdk-compliance-scanner/${f.findingId}`;
}

/** ASFF resource types of the CloudFormation types the checks report; anything else is `Other`. */
const ASFF_RESOURCE_TYPES: Record<string, string> = {
  'AWS::::Account': 'AwsAccount',
  'AWS::CloudTrail::Trail': 'AwsCloudTrailTrail',
  'AWS::DynamoDB::Table': 'AwsDynamoDbTable',
  'AWS::EC2::Instance': 'AwsEc2Instance',
  'AWS::EC2::NetworkAcl': 'AwsEc2NetworkAcl',
  'AWS::EC2::SecurityGroup': 'AwsEc2SecurityGroup',
  'AWS::EC2::VPC': 'AwsEc2Vpc',
  'AWS::EC2::Volume': 'AwsEc2Volume',
  'AWS::IAM::User': 'AwsIamUser',
  'AWS::IAM::ManagedPolicy': 'AwsIamPolicy',
  'AWS::KMS::Key': 'AwsKmsKey',
  'AWS::Lambda::Function': 'AwsLambdaFunction',
  'AWS::RDS::DBInstance': 'AwsRdsDbInstance',
  'AWS::S3::Bucket': 'AwsS3Bucket',
  'AWS::SNS::Topic': 'AwsSnsTopic',
};

export function asffResourceType(cfnType: string): string {
  return ASFF_RESOURCE_TYPES[cfnType] ?? 'Other';
}

const clip = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

export type ComplianceState = 'FAILED' | 'PASSED';

/**
 * One finding in ASFF. `PASSED` with record state ARCHIVED is how a provider closes a finding it
 * imported before (Security Hub then sets its workflow status to RESOLVED).
 */
export function toAsff(report: ScanReport, f: Finding, state: ComplianceState = 'FAILED'): AwsSecurityFinding {
  const region = f.region === 'global' ? report.homeRegion : f.region;
  const controlId = controlIdOf(f.checkId, f.fsbp);
  const types = [f.fsbp.length > 0
    ? 'Software and Configuration Checks/Industry and Regulatory Standards/AWS-Foundational-Security-Best-Practices'
    : 'Software and Configuration Checks/Industry and Regulatory Standards'];
  const severity = { Label: state === 'PASSED' ? 'INFORMATIONAL' as const : f.severity };
  return {
    SchemaVersion: ASFF_SCHEMA_VERSION,
    Id: asffId(f),
    ProductArn: productArn(report.partition, report.homeRegion, report.accountId),
    GeneratorId: `cdk-compliance-scanner/${f.checkId}`,
    AwsAccountId: report.accountId,
    Types: types,
    CreatedAt: report.startedAt,
    UpdatedAt: report.startedAt,
    LastObservedAt: report.startedAt,
    Severity: severity,
    Title: clip(f.title, MAX_TITLE),
    Description: clip(state === 'PASSED' ? `Passed: ${f.title}` : f.reason, MAX_DESCRIPTION),
    Remediation: { Recommendation: { Text: clip(f.remediation, MAX_RECOMMENDATION) } },
    ProductFields: {
      'cdk-compliance-constructs/CheckId': f.checkId,
      'cdk-compliance-constructs/ControlId': controlId,
      'cdk-compliance-constructs/ScanId': report.scanId,
    },
    Resources: [{ Type: asffResourceType(f.resourceType), Id: f.resourceId, Partition: report.partition as 'aws', Region: region }],
    Compliance: { Status: state, SecurityControlId: controlId, RelatedRequirements: asffRequirementsOf(f) },
    FindingProviderFields: { Severity: { Label: severity.Label, Original: f.severity }, Types: types },
    RecordState: state === 'PASSED' ? 'ARCHIVED' : 'ACTIVE',
  };
}

/** Why a finding breaks ASFF's required fields or limits (empty when it does not). */
export function asffProblems(f: AwsSecurityFinding): string[] {
  const problems: string[] = [];
  const record = f as unknown as Record<string, unknown>;
  for (const k of ASFF_REQUIRED_FIELDS) if (record[k] === undefined || record[k] === '') problems.push(`${k} is required`);
  if ((f.Title ?? '').length > MAX_TITLE) problems.push(`Title is longer than ${MAX_TITLE}`);
  if ((f.Description ?? '').length > MAX_DESCRIPTION) problems.push(`Description is longer than ${MAX_DESCRIPTION}`);
  if ((f.Id ?? '').length > 512 || (f.GeneratorId ?? '').length > 512) problems.push('Id and GeneratorId are at most 512 characters');
  if ((f.Resources ?? []).length < 1 || (f.Resources ?? []).length > 32) problems.push('Resources must have 1 to 32 entries');
  if ((f.Types ?? []).length < 1 || (f.Types ?? []).length > 50) problems.push('Types must have 1 to 50 entries');
  if (Object.keys(f.ProductFields ?? {}).length > 50) problems.push('ProductFields has at most 50 entries');
  for (const t of ['CreatedAt', 'UpdatedAt'] as const) if (Number.isNaN(Date.parse(f[t] ?? ''))) problems.push(`${t} is not an ISO 8601 time`);
  const bytes = Buffer.byteLength(JSON.stringify(f), 'utf8');
  if (bytes > MAX_FINDING_BYTES) problems.push(`finding is ${bytes} bytes, over the ${MAX_FINDING_BYTES}-byte limit`);
  return problems;
}

/** Findings in calls of at most `maxPerCall` (100) findings and 6 MB (request body). */
export function batches(findings: readonly AwsSecurityFinding[], maxPerCall = MAX_FINDINGS_PER_CALL): AwsSecurityFinding[][] {
  const limit = Math.max(1, Math.min(MAX_FINDINGS_PER_CALL, maxPerCall));
  const out: AwsSecurityFinding[][] = [];
  let current: AwsSecurityFinding[] = [];
  const envelope = Buffer.byteLength('{"Findings":[]}', 'utf8');
  let size = envelope;
  for (const f of findings) {
    const bytes = Buffer.byteLength(JSON.stringify(f), 'utf8') + 1;
    if (current.length > 0 && (current.length >= limit || size + bytes > MAX_REQUEST_BYTES)) {
      out.push(current);
      current = [];
      size = envelope;
    }
    current.push(f);
    size += bytes;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * The previous scan's findings that this scan shows fixed (or whose resource is gone): their check
 * ran in their Region and evaluated it without error, and they are no longer among the findings.
 * A finding whose check or Region errored stays as it was: not seeing it is not proof it is fixed.
 */
export function fixedFindings(report: ScanReport, previous: ScanReport | null): Finding[] {
  if (!previous) return [];
  const current = new Set(report.findings.map((f) => f.findingId));
  return previous.findings.filter((f) => {
    if (current.has(f.findingId)) return false;
    const check = report.checks.find((c) => c.id === f.checkId);
    if (!check) return false;
    const unit = check.regionsEvaluated.includes('global') ? 'global' : f.region;
    if (!check.regionsEvaluated.includes(unit)) return false;
    return !check.errors.some((e) => (e.region === f.region || e.region === unit) && (e.resource === undefined || e.resource === f.resourceId));
  });
}

export interface SecurityHubImportOptions {
  /** Region the findings are imported into (its product ARN). */
  readonly region: string;
  /** Rounds for findings Security Hub failed with a transient error code. @default 4 */
  readonly maxRounds?: number;
  /** Backoff base between rounds (full jitter, doubled each round). @default 200 */
  readonly baseDelayMs?: number;
  /** Client-side pacing. @default IMPORT_RATE less one request per second and a burst of 10 */
  readonly rate?: { readonly ratePerSec: number; readonly burst: number };
  /** Findings per call, at most 100 (tests use fewer to make many small calls). @default 100 */
  readonly maxFindingsPerCall?: number;
}

export interface FailedImport {
  readonly id: string;
  readonly code: string;
  readonly message: string;
}

export interface SecurityHubImportResult {
  /** Findings imported as FAILED (open). */
  readonly imported: number;
  /** Previously open findings imported as PASSED and ARCHIVED. */
  readonly resolved: number;
  readonly calls: number;
  /** Findings sent again after a transient failure. */
  readonly retried: number;
  /** Findings Security Hub did not accept, with its error code and message. */
  readonly failed: readonly FailedImport[];
}

/** Codes of a finding Security Hub refused for what it is, not for a passing condition. */
const PERMANENT = /invalid|validation|sizeexceeded|accessdenied|notfound/i;

/** Some findings were not imported; thrown by the caller after every other output is written. */
export class SecurityHubImportError extends Error {
  public readonly name = 'SecurityHubImportIncomplete';
  constructor(public readonly region: string, public readonly failed: readonly FailedImport[]) {
    super(`securityhub BatchImportFindings in ${region}: ${failed.length} finding(s) not imported: ` +
      failed.slice(0, 5).map((f) => `${f.id} ${f.code} ${f.message}`).join('; ') + (failed.length > 5 ? '; ...' : ''));
  }
}

/**
 * Imports a scan's findings into Security Hub as FAILED, and closes the previous scan's findings
 * that this scan shows fixed (PASSED, ARCHIVED). Paced under the API's rate limit; findings that
 * fail with a transient code are retried with backoff; the rest are returned in `failed`.
 */
export async function importToSecurityHub(
  clients: AwsClients,
  report: ScanReport,
  previous: ScanReport | null,
  opts: SecurityHubImportOptions,
): Promise<SecurityHubImportResult> {
  const open = report.findings.map((f) => toAsff(report, f, 'FAILED'));
  const closed = fixedFindings(report, previous).map((f) => toAsff(report, f, 'PASSED'));
  const failed: FailedImport[] = [];
  let pending: AwsSecurityFinding[] = [];
  for (const f of [...open, ...closed]) {
    const problems = asffProblems(f);
    if (problems.length > 0) failed.push({ id: f.Id!, code: 'InvalidInput', message: problems.join('; ') });
    else pending.push(f);
  }
  const rate = opts.rate ?? { ratePerSec: IMPORT_RATE.ratePerSec - 1, burst: 10 };
  const bucket = new TokenBucket(rate.ratePerSec, rate.burst);
  const maxRounds = opts.maxRounds ?? 4;
  const baseDelay = opts.baseDelayMs ?? 200;
  let calls = 0;
  let retried = 0;
  for (let round = 1; pending.length > 0; round++) {
    const again: AwsSecurityFinding[] = [];
    await Promise.all(batches(pending, opts.maxFindingsPerCall).map(async (batch) => {
      await bucket.take();
      calls++;
      const out = await clients.send({ service: 'securityhub', region: opts.region, api: 'BatchImportFindings', resource: batch[0].ProductArn }, (c, abortSignal) =>
        c.send(new BatchImportFindingsCommand({ Findings: batch }), { abortSignal }));
      const byId = new Map(batch.map((f) => [f.Id!, f]));
      for (const e of out.FailedFindings ?? []) {
        const f = byId.get(e.Id ?? '');
        if (f && round < maxRounds && !PERMANENT.test(e.ErrorCode ?? '')) again.push(f);
        else failed.push(failure(e));
      }
    }));
    retried += again.length;
    pending = again;
    if (pending.length > 0) await new Promise((r) => setTimeout(r, Math.random() * Math.min(5_000, baseDelay * 2 ** (round - 1))));
  }
  const failedIds = new Set(failed.map((f) => f.id));
  return {
    imported: open.filter((f) => !failedIds.has(f.Id!)).length,
    resolved: closed.filter((f) => !failedIds.has(f.Id!)).length,
    calls,
    retried,
    failed,
  };
}

function failure(e: ImportFindingsError): FailedImport {
  return { id: e.Id ?? '(no id)', code: e.ErrorCode ?? 'Unknown', message: e.ErrorMessage ?? '' };
}
