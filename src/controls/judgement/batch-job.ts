import { asList, isTrue, isUnknown } from '../../policy/template-values';

/**
 * The AWS Batch job definition controls as the library enforces them, one judgement for the
 * CompliancePack rules (`BatchJobRetryStrategy`, `BatchJobTimeout`, `BatchPrivilegedContainer`) and
 * the scanner's `batch-job-*` checks. A template spells the properties in PascalCase
 * (`ContainerProperties.Privileged`), the Batch API (`DescribeJobDefinitions`) in camelCase
 * (`containerProperties.privileged`); both are read by the same walk.
 */
export type JobDefinitionSpelling = 'template' | 'api';

function key(spelling: JobDefinitionSpelling, pascal: string): string {
  return spelling === 'template' ? pascal : pascal.charAt(0).toLowerCase() + pascal.slice(1);
}

/** Every container definition of a job definition, across container, multi-node, ECS and EKS properties. */
export function jobContainers(def: any, spelling: JobDefinitionSpelling = 'template'): any[] {
  const k = (p: string) => key(spelling, p);
  const containers: any[] = [];
  if (def?.[k('ContainerProperties')]) {
    containers.push(def[k('ContainerProperties')]);
  }
  for (const range of asList(def?.[k('NodeProperties')]?.[k('NodeRangeProperties')])) {
    if (range?.[k('Container')]) {
      containers.push(range[k('Container')]);
    }
  }
  for (const task of asList(def?.[k('EcsProperties')]?.[k('TaskProperties')])) {
    containers.push(...asList(task?.[k('Containers')]));
  }
  for (const container of asList(def?.[k('EksProperties')]?.[k('PodProperties')]?.[k('Containers')])) {
    containers.push(container);
  }
  return containers.filter((c) => c && typeof c === 'object');
}

/** The `Privileged` flag of each container (ECS `Privileged`, EKS `SecurityContext.Privileged`), `undefined` where unset. */
export function privilegedFlags(def: any, spelling: JobDefinitionSpelling = 'template'): unknown[] {
  const k = (p: string) => key(spelling, p);
  return jobContainers(def, spelling).map((c) => c[k('Privileged')] ?? c[k('SecurityContext')]?.[k('Privileged')]);
}

/** Batch.PrivilegedContainer: `privileged` when any container is; `unknown` when a flag is a deploy-time value. */
export function privilegedVerdict(flags: readonly unknown[]): 'privileged' | 'unprivileged' | 'unknown' {
  if (flags.some(isTrue)) {
    return 'privileged';
  }
  return flags.some(isUnknown) ? 'unknown' : 'unprivileged';
}

/** Batch.JobRetryStrategy: more than one attempt (`RetryStrategy.Attempts` > 1); none, or 1, is no retry. A deploy-time value counts as set. */
export function retriesJob(attempts: unknown): boolean {
  if (attempts === undefined || attempts === null) {
    return false;
  }
  return isUnknown(attempts) || Number(attempts) > 1;
}

/** Batch.JobTimeout: an attempt timeout (`Timeout.AttemptDurationSeconds`) is set; a deploy-time value counts as set. */
export function hasAttemptTimeout(seconds: unknown): boolean {
  return seconds !== undefined;
}
