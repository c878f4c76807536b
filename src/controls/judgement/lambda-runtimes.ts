/**
 * Lambda.2: Lambda runtimes and the date AWS deprecated (or will deprecate) each, from the
 * "Deprecated runtimes" and "Supported runtimes" tables of the AWS Lambda Developer Guide. One
 * table for `CompliancePack-LambdaDeprecatedRuntime` (judged on the synth date) and the scanner's
 * `lambda-supported-runtime` (judged on the scan date), so both sides give the same verdict for
 * the same runtime on the same day. The library owns this list, so the verdict does not depend
 * on the consumer's aws-cdk-lib version (whose `Runtime` constants stay available long after a
 * runtime is deprecated).
 *
 * Plain data: imported by the nag rule and by the scanner's bundled runtime alike.
 * Update it when AWS announces a deprecation date.
 */
export const RUNTIME_LIST_AS_OF = '2026-11-01';

/** Runtime and its deprecation date (YYYY-MM-DD), `null` where AWS has announced none yet. */
export const RUNTIME_DEPRECATIONS: ReadonlyArray<readonly [runtime: string, deprecated: string | null]> = [
  ['nodejs', '2016-10-31'],
  ['nodejs4.3', '2020-03-05'],
  ['nodejs4.3-edge', '2019-04-30'],
  ['nodejs6.10', '2019-08-12'],
  ['nodejs8.10', '2020-03-06'],
  ['nodejs10.x', '2021-07-30'],
  ['nodejs12.x', '2023-03-31'],
  ['nodejs14.x', '2023-12-04'],
  ['nodejs16.x', '2024-06-12'],
  ['nodejs18.x', '2025-09-01'],
  ['nodejs20.x', '2026-04-30'],
  ['nodejs22.x', '2027-04-30'],
  ['nodejs24.x', '2028-04-30'],
  ['python2.7', '2021-07-15'],
  ['python3.6', '2022-07-18'],
  ['python3.7', '2023-12-04'],
  ['python3.8', '2024-10-14'],
  ['python3.9', '2025-12-15'],
  ['python3.10', '2026-06-30'],
  ['python3.11', '2027-06-30'],
  ['python3.12', '2028-10-31'],
  ['python3.13', '2029-06-30'],
  ['python3.14', null],
  ['java8', '2024-01-08'],
  ['java8.al2', '2026-06-30'],
  ['java11', '2026-06-30'],
  ['java17', '2026-06-30'],
  ['java21', '2029-06-30'],
  ['java25', null],
  ['dotnetcore1.0', '2019-07-30'],
  ['dotnetcore2.0', '2019-05-30'],
  ['dotnetcore2.1', '2022-01-05'],
  ['dotnetcore3.1', '2023-04-03'],
  ['dotnet5.0', '2022-05-10'],
  ['dotnet6', '2024-12-20'],
  ['dotnet7', '2024-05-14'],
  ['dotnet8', '2026-11-10'],
  ['dotnet10', null],
  ['go1.x', '2024-01-08'],
  ['ruby2.5', '2021-07-30'],
  ['ruby2.7', '2023-12-07'],
  ['ruby3.2', '2026-03-31'],
  ['ruby3.3', '2027-03-31'],
  ['ruby3.4', '2028-03-31'],
  ['provided', '2024-01-08'],
  ['provided.al2', '2026-06-30'],
  ['provided.al2023', null],
];

const BY_RUNTIME = new Map(RUNTIME_DEPRECATIONS.map(([runtime, date]) => [runtime, date]));

/** The verdict on one runtime at one time. */
export interface RuntimeVerdict {
  /** False when AWS deprecated the runtime on or before the evaluation date. */
  readonly supported: boolean;
  /** Why, naming the runtime and the date. */
  readonly reason: string;
}

/**
 * Is `runtime` supported on `now`? Deprecated from its deprecation date (00:00 UTC) on. A runtime
 * the table does not know is taken as supported (a runtime newer than the table), and the reason
 * says so.
 */
export function lambdaRuntimeVerdict(runtime: string, now: Date): RuntimeVerdict {
  const date = BY_RUNTIME.get(runtime);
  if (date === undefined) {
    return { supported: true, reason: `runtime ${runtime} is not in the runtime table (as of ${RUNTIME_LIST_AS_OF}); taken as a newer, supported runtime` };
  }
  if (date === null) {
    return { supported: true, reason: `runtime ${runtime} is supported (no deprecation date announced)` };
  }
  if (new Date(`${date}T00:00:00Z`).getTime() <= now.getTime()) {
    return { supported: false, reason: `runtime ${runtime} is deprecated since ${date}` };
  }
  return { supported: true, reason: `runtime ${runtime} is supported until ${date}` };
}
