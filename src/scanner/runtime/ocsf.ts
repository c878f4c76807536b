import { controlIdOf, PRODUCT_NAME, PRODUCT_VENDOR, requirementsOf, standardsOf } from './control-id';
import { Severity } from './model';
import { CheckReport, Finding, findingId, ScanReport } from './report';

/**
 * OCSF version the events follow: 1.5.0, the version Prowler's OCSF output (py-ocsf-models) is
 * written in, so that both land in the same tables (Security Lake, a SIEM) without a second mapping.
 */
export const OCSF_VERSION = '1.5.0';

/** OCSF Compliance Finding (category Findings). */
const CLASS_UID = 2003;
const CATEGORY_UID = 2;
/** activity_id 1 Create: the scan reports the finding's current state. */
const ACTIVITY_ID = 1;

const SEVERITY_ID: Record<Severity, number> = { LOW: 2, MEDIUM: 3, HIGH: 4, CRITICAL: 5 };
const SEVERITY_NAME: Record<number, string> = { 1: 'Informational', 2: 'Low', 3: 'Medium', 4: 'High', 5: 'Critical' };

/** An OCSF Compliance Finding event (class 2003), as plain JSON. */
export type OcsfComplianceFinding = Record<string, unknown>;

export interface OcsfOptions {
  /** Also one event per check and region that passed (compliance status Pass). @default false */
  readonly includePassed?: boolean;
}

function eventRegion(region: string, report: ScanReport): string {
  return region === 'global' ? report.homeRegion : region;
}

function base(report: ScanReport, region: string, severityId: number, time: number): OcsfComplianceFinding {
  return {
    activity_id: ACTIVITY_ID,
    activity_name: 'Create',
    category_uid: CATEGORY_UID,
    category_name: 'Findings',
    class_uid: CLASS_UID,
    class_name: 'Compliance Finding',
    type_uid: CLASS_UID * 100 + ACTIVITY_ID,
    type_name: 'Compliance Finding: Create',
    severity_id: severityId,
    severity: SEVERITY_NAME[severityId],
    time,
    cloud: {
      provider: 'AWS',
      region: eventRegion(region, report),
      account: { uid: report.accountId, type_id: 10, type: 'AWS Account' },
    },
    metadata: {
      version: OCSF_VERSION,
      profiles: ['cloud'],
      product: { name: PRODUCT_NAME, vendor_name: PRODUCT_VENDOR },
      correlation_uid: report.scanId,
    },
  };
}

/** One failed resource as an OCSF Compliance Finding with compliance status Fail. */
export function ocsfFinding(report: ScanReport, f: Finding): OcsfComplianceFinding {
  const time = Date.parse(report.startedAt);
  return {
    ...base(report, f.region, SEVERITY_ID[f.severity], time),
    status_id: 1,
    status: 'New',
    message: `${f.title}: ${f.reason}`,
    finding_info: {
      uid: f.findingId,
      title: f.title,
      desc: f.reason,
      types: ['Software and Configuration Checks/Industry and Regulatory Standards'],
      product_uid: f.checkId,
    },
    compliance: {
      control: controlIdOf(f.checkId, f.fsbp),
      standards: standardsOf(f),
      requirements: requirementsOf(f),
      status_id: 3,
      status: 'Fail',
      status_detail: f.reason,
    },
    resources: [{
      uid: f.resourceId,
      type: f.resourceType,
      region: eventRegion(f.region, report),
      cloud_partition: report.partition,
    }],
    remediation: { desc: f.remediation },
  };
}

/** One check that passed in one evaluated region (no resource failed there). */
export function ocsfPassed(report: ScanReport, c: CheckReport, region: string): OcsfComplianceFinding {
  return {
    ...base(report, region, 1, Date.parse(report.startedAt)),
    status_id: 4,
    status: 'Resolved',
    message: `${c.title}: passed`,
    finding_info: {
      uid: findingId(report.accountId, region, c.id, '*'),
      title: c.title,
      desc: `${c.counts.passed} resource(s) passed, none failed`,
      types: ['Software and Configuration Checks/Industry and Regulatory Standards'],
      product_uid: c.id,
    },
    compliance: {
      control: controlIdOf(c.id, c.fsbp),
      standards: standardsOf(c),
      requirements: requirementsOf(c),
      status_id: 1,
      status: 'Pass',
    },
  };
}

/**
 * The report's findings as OCSF Compliance Findings; with `includePassed`, also one Pass event per
 * check and region where the check ran and nothing failed. Callable from any engine result.
 */
export function toOcsf(report: ScanReport, options: OcsfOptions = {}): OcsfComplianceFinding[] {
  const events = report.findings.map((f) => ocsfFinding(report, f));
  if (options.includePassed) {
    for (const c of report.checks) {
      if (c.counts.passed === 0) continue;
      const failedRegions = new Set(report.findings.filter((f) => f.checkId === c.id).map((f) => (c.regionsEvaluated.includes('global') ? 'global' : f.region)));
      for (const region of c.regionsEvaluated) {
        if (!failedRegions.has(region)) events.push(ocsfPassed(report, c, region));
      }
    }
  }
  return events;
}
