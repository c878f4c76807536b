/**
 * Lambda runtimes and the date AWS deprecated (or will deprecate) each, from the "Deprecated runtimes"
 * and "Supported runtimes" tables of the AWS Lambda Developer Guide. The pack owns this list, so the
 * verdict does not depend on the consumer's aws-cdk-lib version (whose `Runtime` constants stay
 * available long after a runtime is deprecated).
 *
 * Runtimes not listed here (newer ones) are taken as supported. Update this list when AWS announces
 * a deprecation date.
 */
export const RUNTIME_LIST_AS_OF = '2026-11-01';

export const RUNTIME_DEPRECATIONS: ReadonlyArray<readonly [runtime: string, deprecated: string]> = [
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
  ['python2.7', '2021-07-15'],
  ['python3.6', '2022-07-18'],
  ['python3.7', '2023-12-04'],
  ['python3.8', '2024-10-14'],
  ['python3.9', '2025-12-15'],
  ['python3.10', '2026-06-30'],
  ['python3.11', '2027-06-30'],
  ['python3.12', '2028-10-31'],
  ['java8', '2024-01-08'],
  ['java8.al2', '2026-06-30'],
  ['java11', '2026-06-30'],
  ['java17', '2026-06-30'],
  ['dotnetcore1.0', '2019-07-30'],
  ['dotnetcore2.0', '2019-05-30'],
  ['dotnetcore2.1', '2022-01-05'],
  ['dotnetcore3.1', '2023-04-03'],
  ['dotnet5.0', '2022-05-10'],
  ['dotnet6', '2024-12-20'],
  ['dotnet7', '2024-05-14'],
  ['dotnet8', '2026-11-10'],
  ['go1.x', '2024-01-08'],
  ['ruby2.5', '2021-07-30'],
  ['ruby2.7', '2023-12-07'],
  ['ruby3.2', '2026-03-31'],
  ['ruby3.3', '2027-03-31'],
  ['provided', '2024-01-08'],
  ['provided.al2', '2026-06-30'],
];

const BY_RUNTIME = new Map(RUNTIME_DEPRECATIONS.map(([runtime, date]) => [runtime, date]));

/** The deprecation date of `runtime` (YYYY-MM-DD) if it is on or before `now`, else `undefined`. */
export function deprecatedSince(runtime: string, now: Date): string | undefined {
  const date = BY_RUNTIME.get(runtime);
  if (date === undefined) {
    return undefined;
  }
  return new Date(`${date}T00:00:00Z`).getTime() <= now.getTime() ? date : undefined;
}
