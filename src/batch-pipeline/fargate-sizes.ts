import { IConstruct } from 'constructs';
import { ComplianceValidationError } from '../core/validation';

/**
 * Memory (MiB) Fargate accepts for each vCPU value: the allowed pairs of Fargate task sizes.
 */
export const FARGATE_MEMORY_BY_CPU: Record<string, number[]> = {
  0.25: [512, 1024, 2048],
  0.5: range(1024, 4096, 1024),
  1: range(2048, 8192, 1024),
  2: range(4096, 16384, 1024),
  4: range(8192, 30720, 1024),
  8: range(16384, 61440, 4096),
  16: range(32768, 122880, 8192),
};

/** The vCPU values Fargate offers, smallest first. */
const FARGATE_CPUS = ['0.25', '0.5', '1', '2', '4', '8', '16'];

function range(from: number, to: number, step: number): number[] {
  const values: number[] = [];
  for (let v = from; v <= to; v += step) {
    values.push(v);
  }
  return values;
}

/** Throw unless (cpu, memoryMiB) is a pair Fargate accepts. */
export function requireFargateSize(scope: IConstruct, cpu: number, memoryMiB: number): void {
  const allowed = FARGATE_MEMORY_BY_CPU[String(cpu)];
  if (allowed === undefined) {
    throw new ComplianceValidationError(scope, 'cpu', cpu, `Allowed on Fargate: ${FARGATE_CPUS.join(', ')} vCPU.`);
  }
  if (!allowed.includes(memoryMiB)) {
    throw new ComplianceValidationError(scope, 'memory', `${memoryMiB} MiB with ${cpu} vCPU`,
      `Allowed on Fargate with ${cpu} vCPU: ${describeMemory(allowed)}.`);
  }
}

function describeMemory(values: number[]): string {
  if (values.length <= 3) {
    return values.map((v) => `${v} MiB`).join(', ');
  }
  return `${values[0]} to ${values[values.length - 1]} MiB in steps of ${values[1] - values[0]} MiB`;
}
