import { ALL_CHECKS } from './checks';

/** Thrown when the event or the environment is invalid; the message names what is wrong. */
export class InvalidInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidInputError';
  }
}

export const REGION_PATTERN = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;

export interface ScanEvent {
  readonly regions?: string[];
  readonly checkIds?: string[];
  readonly dryRun: boolean;
}

function stringList(name: string, value: unknown, valid: (s: string) => boolean, allowed: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new InvalidInputError(`invalid ${name}: ${JSON.stringify(value)}. Must be an array of strings (${allowed}).`);
  }
  const bad = (value as string[]).filter((v) => !valid(v));
  if (bad.length > 0) throw new InvalidInputError(`invalid ${name}: ${bad.join(', ')}. ${allowed}.`);
  return [...new Set(value as string[])];
}

/**
 * Validates the invocation event. A scheduled EventBridge event carries its input in `detail`
 * when configured so; other EventBridge envelope fields are ignored.
 */
export function parseEvent(raw: unknown): ScanEvent {
  const event = (raw ?? {}) as Record<string, unknown>;
  if (typeof event !== 'object' || Array.isArray(event)) {
    throw new InvalidInputError(`invalid event: ${JSON.stringify(raw)}. Must be an object with optional regions, checkIds, dryRun.`);
  }
  const src = (event.source === 'aws.events' && typeof event.detail === 'object' && event.detail !== null ? event.detail : event) as Record<string, unknown>;
  const known = new Set(ALL_CHECKS.map((c) => c.id));
  const regions = stringList('regions', src.regions, (r) => REGION_PATTERN.test(r), 'Each must be a region name such as eu-west-1');
  const checkIds = stringList('checkIds', src.checkIds, (c) => known.has(c), `Known check ids: ${[...known].join(', ')}`);
  if (src.dryRun !== undefined && typeof src.dryRun !== 'boolean') {
    throw new InvalidInputError(`invalid dryRun: ${JSON.stringify(src.dryRun)}. Must be true or false.`);
  }
  if (regions && regions.length === 0) throw new InvalidInputError('invalid regions: []. Omit regions to scan every enabled region, or name at least one.');
  return { regions, checkIds: checkIds && checkIds.length > 0 ? checkIds : undefined, dryRun: src.dryRun === true };
}

export interface ScannerEnv {
  readonly reportBucket: string;
  readonly reportKmsKeyId: string;
  readonly findingsTable: string;
  readonly alertTopicArn: string;
  readonly scoreThreshold: number;
  readonly regions?: string[];
  /** The checks this deployment runs (`SCAN_CHECK_IDS`); the role only allows their actions. */
  readonly checkIds?: string[];
  readonly concurrency: number;
  readonly maxAttempts: number;
  /** Time kept back from the Lambda timeout to write the outputs. */
  readonly outputReserveMs: number;
  /** Import findings into Security Hub (`SECURITY_HUB=true`). */
  readonly securityHub: boolean;
  /** OCSF output also lists the checks that passed (`OCSF_INCLUDE_PASSED=true`). */
  readonly ocsfIncludePassed: boolean;
}

function flag(env: NodeJS.ProcessEnv, name: string, problems: string[]): boolean {
  const v = env[name];
  if (v === undefined || v === '' || v === 'false') return false;
  if (v === 'true') return true;
  problems.push(`invalid ${name}: ${v}. Must be true or false`);
  return false;
}

function intIn(env: NodeJS.ProcessEnv, name: string, def: number, min: number, max: number, problems: string[]): number {
  const v = env[name];
  if (v === undefined || v === '') return def;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`invalid ${name}: ${v}. Must be an integer from ${min} to ${max}`);
    return def;
  }
  return n;
}

/** Validates the environment; every problem is reported at once. */
export function parseEnv(env: NodeJS.ProcessEnv): ScannerEnv {
  const problems: string[] = [];
  const required = (name: string, pattern?: RegExp, shape?: string): string => {
    const v = env[name];
    if (!v) problems.push(`missing ${name}`);
    else if (pattern && !pattern.test(v)) problems.push(`invalid ${name}: ${v}. Must be ${shape}`);
    return v ?? '';
  };
  const reportBucket = required('REPORT_BUCKET', /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name');
  const reportKmsKeyId = required('REPORT_KMS_KEY_ID', /^(arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/.+|[0-9a-f-]{36}|alias\/.+)$/, 'a KMS key ARN, key id or alias');
  const findingsTable = required('FINDINGS_TABLE', /^[a-zA-Z0-9_.-]{3,255}$/, 'a DynamoDB table name');
  const alertTopicArn = required('ALERT_TOPIC_ARN', /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]+(\.fifo)?$/, 'an SNS topic ARN');
  const scoreThreshold = intIn(env, 'SCORE_THRESHOLD', 80, 0, 100, problems);
  const concurrency = intIn(env, 'SCAN_CONCURRENCY', 8, 1, 64, problems);
  const maxAttempts = intIn(env, 'SCAN_MAX_ATTEMPTS', 5, 1, 20, problems);
  const outputReserveMs = intIn(env, 'OUTPUT_RESERVE_MS', 30_000, 1000, 300_000, problems);
  const securityHub = flag(env, 'SECURITY_HUB', problems);
  const ocsfIncludePassed = flag(env, 'OCSF_INCLUDE_PASSED', problems);
  let regions: string[] | undefined;
  if (env.SCAN_REGIONS) {
    regions = env.SCAN_REGIONS.split(',').map((r) => r.trim()).filter(Boolean);
    const bad = regions.filter((r) => !REGION_PATTERN.test(r));
    if (bad.length > 0 || regions.length === 0) problems.push(`invalid SCAN_REGIONS: ${env.SCAN_REGIONS}. Must be a comma-separated list of region names such as eu-west-1,us-east-1`);
  }
  const knownChecks = new Set(ALL_CHECKS.map((c) => c.id));
  const checkIds = env.SCAN_CHECK_IDS ? env.SCAN_CHECK_IDS.split(',').map((c) => c.trim()).filter(Boolean) : undefined;
  if (checkIds && checkIds.some((c) => !knownChecks.has(c))) problems.push(`invalid SCAN_CHECK_IDS: ${env.SCAN_CHECK_IDS}. Known check ids: ${[...knownChecks].join(', ')}`);
  if (problems.length > 0) throw new InvalidInputError(`scanner environment is invalid: ${problems.join('; ')}`);
  return {
    reportBucket,
    reportKmsKeyId,
    findingsTable,
    alertTopicArn,
    scoreThreshold,
    regions,
    checkIds,
    concurrency,
    maxAttempts,
    outputReserveMs,
    securityHub,
    ocsfIncludePassed,
  };
}
