import { JobDefinitionSpelling } from './batch-job';
import { asList, isUnknown } from '../../policy/template-values';

/**
 * Batch.PrivateNetwork as the library enforces it, one judgement for `CompliancePack-BatchPublicNetwork`
 * and the scanner's `batch-compute-environment-private-subnets` and `batch-job-no-public-ip`:
 * a compute environment's subnets are private (they map no public IPs on launch, and their route
 * table sends neither 0.0.0.0/0 nor ::/0 to an internet gateway), and no task of a job definition
 * assigns a public IP (`networkConfiguration.assignPublicIp: ENABLED`).
 */

/** The destinations of a default route: every IPv4 or every IPv6 address. */
export function isDefaultRoute(destinationCidrBlock: unknown, destinationIpv6CidrBlock: unknown): boolean {
  return destinationCidrBlock === '0.0.0.0/0' || destinationIpv6CidrBlock === '::/0';
}

/** A gateway id that names an internet gateway (`igw-...`). */
export function isInternetGatewayId(gatewayId: unknown): boolean {
  return typeof gatewayId === 'string' && gatewayId.startsWith('igw-');
}

/** A subnet is public when it maps public IPs on launch, or a route of its route table is a default route to an internet gateway. */
export function isPublicSubnet(mapPublicIpOnLaunch: boolean, routesToInternetGateway: boolean): boolean {
  return mapPublicIpOnLaunch || routesToInternetGateway;
}

/** The ECS task-level blocks of a job definition (`containerProperties` and each of `ecsProperties.taskProperties`), which carry roles and network settings. */
export function jobTaskBlocks(def: any, spelling: JobDefinitionSpelling = 'template'): any[] {
  const [container, ecs, tasks] = spelling === 'template'
    ? ['ContainerProperties', 'EcsProperties', 'TaskProperties']
    : ['containerProperties', 'ecsProperties', 'taskProperties'];
  const blocks: any[] = [];
  if (def?.[container]) {
    blocks.push(def[container]);
  }
  blocks.push(...asList(def?.[ecs]?.[tasks]));
  return blocks.filter((t) => t && typeof t === 'object');
}

/** `networkConfiguration.assignPublicIp` of each task block, `undefined` where unset. */
export function assignPublicIpFlags(def: any, spelling: JobDefinitionSpelling = 'template'): unknown[] {
  const [network, assign] = spelling === 'template' ? ['NetworkConfiguration', 'AssignPublicIp'] : ['networkConfiguration', 'assignPublicIp'];
  return jobTaskBlocks(def, spelling).map((t) => t[network]?.[assign]);
}

/** A job definition's public IP verdict: `public` when a task assigns one; `unknown` when a flag is a deploy-time value; else `private`. */
export function publicIpVerdict(flags: readonly unknown[]): 'public' | 'private' | 'unknown' {
  if (flags.some((a) => a === 'ENABLED')) {
    return 'public';
  }
  return flags.some(isUnknown) ? 'unknown' : 'private';
}

/** Batch.FargateRoleTrust judges Fargate job definitions only (`platformCapabilities` includes `FARGATE`). */
export function runsOnFargate(platformCapabilities: unknown): boolean {
  return asList(platformCapabilities).includes('FARGATE');
}
