import { isWorldCidr } from '../../../../controls/judgement/open-egress';
import { Check, IpPermission, NaclEntry } from '../../model';
import { defineResourceCheck, ResourceCheckSpec } from '../define';
import { SECURITY_GROUPS } from '../resource-kinds';

export { isWorldCidr };

/** Admin ports (FSBP EC2.53/EC2.54, CIS 5.2/5.3): remote administration. */
export const ADMIN_PORTS: readonly number[] = [22, 3389];

/** High-risk ports of FSBP EC2.19. */
export const HIGH_RISK_PORTS: readonly number[] = [
  20, 21, 22, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 3389, 4333, 5000, 5432, 5500, 5601, 8080, 8088,
  8888, 9200, 9300,
];

const TCP = new Set(['tcp', '6']);
const UDP = new Set(['udp', '17']);
const ALL = new Set(['-1', 'all', '*']);

/**
 * True when a rule with this protocol and port range lets traffic to `port` over TCP through.
 * Protocol -1 means every protocol and port; a missing or -1 bound means the whole range;
 * otherwise the port must be contained in [from, to].
 */
export function coversTcpPort(protocol: string, fromPort: number | undefined, toPort: number | undefined, port: number): boolean {
  const proto = protocol.toLowerCase();
  if (ALL.has(proto)) return true;
  if (!TCP.has(proto) && !UDP.has(proto)) return false;
  if (!TCP.has(proto)) return false;
  const from = fromPort === undefined || fromPort < 0 ? 0 : fromPort;
  const to = toPort === undefined || toPort < 0 ? 65535 : toPort;
  return from <= port && port <= to;
}

export function isAllTraffic(protocol: string): boolean {
  return ALL.has(protocol.toLowerCase());
}

/** World-open source ranges of a permission for one address family. */
export function worldSources(p: IpPermission, family: 'ipv4' | 'ipv6' | 'any'): string[] {
  const out: string[] = [];
  if (family !== 'ipv6') out.push(...p.ipv4Ranges.filter(isWorldCidr));
  if (family !== 'ipv4') out.push(...p.ipv6Ranges.filter(isWorldCidr));
  return out;
}

export function describePermission(p: IpPermission): string {
  const ports = isAllTraffic(p.protocol)
    ? 'all traffic'
    : p.fromPort === undefined
      ? `${p.protocol} all ports`
      : p.fromPort === p.toPort
        ? `${p.protocol}/${p.fromPort}`
        : `${p.protocol}/${p.fromPort}-${p.toPort}`;
  return ports;
}

/**
 * Ports of `ports` that a security group's ingress opens to the world for `family`.
 * Returns human-readable offences (`tcp/0-65535 from 0.0.0.0/0 reaches 22`).
 */
export function worldOpenPorts(ingress: readonly IpPermission[], ports: readonly number[], family: 'ipv4' | 'ipv6' | 'any'): string[] {
  const offences: string[] = [];
  for (const p of ingress) {
    const sources = worldSources(p, family);
    if (sources.length === 0) continue;
    const reached = ports.filter((port) => coversTcpPort(p.protocol, p.fromPort, p.toPort, port));
    if (reached.length > 0) {
      offences.push(`${describePermission(p)} from ${sources.join(', ')} reaches port ${reached.join(', ')}`);
    }
  }
  return offences;
}

/** Declares a check of each security group: FAIL naming every ingress rule that opens one of `ports` to the world for `family`, else PASS. */
export function defineWorldOpenPortsCheck(meta: ResourceCheckSpec, ports: readonly number[], family: 'ipv4' | 'ipv6' | 'any'): Check {
  return defineResourceCheck(SECURITY_GROUPS, meta, (sg) => {
    const offences = worldOpenPorts(sg.ingress, ports, family);
    return offences.length === 0 ? { ok: true, reason: 'no inbound rule opens these ports to the internet' } : { ok: false, reason: offences.join('; ') };
  });
}

/**
 * NACL semantics: ingress entries are evaluated in ascending rule number and the first entry
 * that matches decides. For traffic from the whole internet to `port`, an entry matches only
 * when its CIDR is the whole internet (a narrower CIDR does not match every source address).
 * Returns the deciding entry, or undefined when the implicit final deny decides.
 */
export function naclDecidingEntry(entries: readonly NaclEntry[], port: number, family: 'ipv4' | 'ipv6'): NaclEntry | undefined {
  const ordered = entries.filter((e) => !e.egress).slice().sort((a, b) => a.ruleNumber - b.ruleNumber);
  for (const e of ordered) {
    const cidr = family === 'ipv4' ? e.cidrBlock : e.ipv6CidrBlock;
    if (!isWorldCidr(cidr)) continue;
    if (!coversTcpPort(e.protocol, e.fromPort, e.toPort, port)) continue;
    return e;
  }
  return undefined;
}
