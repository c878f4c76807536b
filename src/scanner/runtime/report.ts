import { createHash } from 'crypto';
import { ApiStats, ScanError } from './clients';
import { CheckMetadata, CheckMetadataFields, ResultStatus, Severity } from './model';
import { Score } from './scoring';

/** Version of the report format (semver: a major bump breaks readers). Schema: report.schema.json. */
export const REPORT_SCHEMA_VERSION = '1.0.0';

export type ScanStatus = 'COMPLETE' | 'PARTIAL' | 'FAILED';

/** One failed resource: its check's metadata (`id` as `checkId`), where and why, and how to fix it. */
export interface Finding extends Omit<CheckMetadataFields, 'id'>, Pick<CheckMetadata, 'remediation'> {
  /** sha256 of `account|region|check|resource`: stable across scans, so writes are idempotent. */
  readonly findingId: string;
  readonly checkId: string;
  readonly status: 'FAIL';
  readonly region: string;
  readonly resourceId: string;
  readonly reason: string;
}

export interface CheckError {
  readonly region: string;
  readonly resource?: string;
  readonly code: string;
  readonly message: string;
}

/** One check's outcome: its metadata, then what it found over every region it ran in. */
export interface CheckReport extends CheckMetadataFields {
  /** FAIL if any resource failed; ERROR if nothing could be evaluated; PASS / NOT_APPLICABLE otherwise. */
  readonly status: ResultStatus;
  /** True when some regions or resources errored while others were evaluated. */
  readonly partial: boolean;
  readonly counts: { readonly passed: number; readonly failed: number; readonly notApplicable: number; readonly errored: number };
  /** Distinct resources with a PASS, FAIL or NOT_APPLICABLE result. */
  readonly resourcesEvaluated: number;
  readonly regionsEvaluated: readonly string[];
  readonly errors: readonly CheckError[];
}

export interface ServiceReport {
  readonly status: 'OK' | 'PARTIAL' | 'ERROR';
  readonly datasetsCollected: number;
  readonly datasetsFailed: number;
  readonly resourcesEvaluated: number;
  readonly breakerState: string;
}

export interface ScanReport {
  readonly schemaVersion: string;
  readonly scanId: string;
  readonly status: ScanStatus;
  /** Why the scan is not COMPLETE (empty when it is). */
  readonly statusReasons: readonly string[];
  readonly accountId: string;
  readonly partition: string;
  readonly homeRegion: string;
  readonly regions: readonly string[];
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  readonly deadlineAt: string;
  readonly score: Score;
  readonly summary: {
    readonly checksRun: number;
    readonly checksErrored: number;
    readonly resourcesEvaluated: number;
    readonly passed: number;
    readonly failed: number;
    readonly notApplicable: number;
    readonly errored: number;
    readonly findingsBySeverity: Readonly<Record<Severity, number>>;
  };
  readonly checks: readonly CheckReport[];
  readonly findings: readonly Finding[];
  readonly services: Readonly<Record<string, ServiceReport>>;
  readonly apiStats: Readonly<Record<string, ApiStats>>;
  readonly errors: readonly ScanError[];
}

export function findingId(accountId: string, region: string, checkId: string, resourceId: string): string {
  return createHash('sha256').update(`${accountId}|${region}|${checkId}|${resourceId}`).digest('hex');
}

export function toFinding(accountId: string, check: CheckMetadata, region: string, resourceId: string, reason: string): Finding {
  return {
    findingId: findingId(accountId, region, check.id, resourceId),
    checkId: check.id,
    title: check.title,
    status: 'FAIL',
    severity: check.severity,
    category: check.category,
    region,
    resourceId,
    resourceType: check.resourceType,
    reason,
    remediation: check.remediation,
    fsbp: check.fsbp,
    cis: check.cis,
  };
}

/** The metadata a check's report repeats, in the report's order. */
export function checkReportFields(check: CheckMetadataFields): CheckMetadataFields {
  return {
    id: check.id,
    title: check.title,
    severity: check.severity,
    category: check.category,
    resourceType: check.resourceType,
    fsbp: check.fsbp,
    cis: check.cis,
  };
}

const SEVERITY_ORDER: Record<Severity, number> = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 };

/** Findings most severe first, then by check and resource (stable output). */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.checkId.localeCompare(b.checkId) ||
      a.region.localeCompare(b.region) ||
      a.resourceId.localeCompare(b.resourceId),
  );
}
