/** Validation and layout of an `AuditedVpc` before it exists: CIDR block, Availability Zones, subnet groups, NAT gateways, endpoint names. */
import { Fn, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct, IConstruct } from 'constructs';
import type { AuditedVpcProps } from './audited-vpc';
import { formatIpv4, Ipv4Block, overlaps, parseIpv4Cidr } from './cidr';
import { ComplianceValidationError } from '../core/validation';

/** Smallest and largest prefix lengths AWS accepts for a VPC CIDR block and for a subnet. */
const MIN_MASK = 16;
const MAX_MASK = 28;

/** Context value CDK returns for the Region's AZs while the real ones are still to be looked up. */
const DUMMY_AZS = ['dummy1a', 'dummy1b', 'dummy1c'];

/** The checked layout of a VPC, worked out from its props before it exists. */
export interface VpcPlan {
  readonly cidr: Ipv4Block;
  readonly availabilityZones: string[];
  readonly subnetConfiguration: ec2.SubnetConfiguration[];
  readonly natGateways: number;
  readonly interfaceEndpoints: string[];
}

/**
 * Validate the props and work out the layout, before the VPC exists (hence `scope` and `id`).
 *
 * @param defaultInterfaceEndpoints the endpoints created when `interfaceEndpoints` is not given
 */
export function planVpc(scope: Construct, id: string, props: AuditedVpcProps, defaultInterfaceEndpoints: string[]): VpcPlan {
  // Errors raised before the VPC exists name the path it will have.
  const where = { node: { path: `${scope.node.path}/${id}` } } as unknown as IConstruct;
  const cidr = parseIpv4Cidr(where, 'cidr', props.cidr ?? '10.0.0.0/16');
  if (cidr.mask < MIN_MASK || cidr.mask > MAX_MASK) {
    throw new ComplianceValidationError(where, 'cidr', cidr.text, `A VPC CIDR block has a prefix length from /${MIN_MASK} to /${MAX_MASK}.`);
  }
  (props.peerCidrs ?? []).forEach((text, i) => {
    const peer = parseIpv4Cidr(where, `peerCidrs[${i}]`, text);
    if (overlaps(cidr, peer)) {
      throw new ComplianceValidationError(where, 'cidr', cidr.text,
        `It overlaps peerCidrs[${i}] (${text}); a VPC cannot route to a network that shares its addresses. Choose a CIDR block outside ${text}.`);
    }
  });

  const availabilityZones = planAzs(scope, where, props);
  const natGateways = props.natGateways ?? 0;
  if (!Number.isInteger(natGateways) || natGateways < 0) {
    throw new ComplianceValidationError(where, 'natGateways', natGateways, 'Allowed: a whole number, 0 or more.');
  }
  const subnetConfiguration = (props.subnetConfiguration ?? defaultSubnets(cidr, natGateways)).map((c) =>
    (c.subnetType === ec2.SubnetType.PUBLIC && c.mapPublicIpOnLaunch === undefined ? { ...c, mapPublicIpOnLaunch: false } : c));
  checkSubnetsFit(where, cidr, subnetConfiguration, availabilityZones.length);
  if (natGateways > 0 && !subnetConfiguration.some((c) => c.subnetType === ec2.SubnetType.PUBLIC && !c.reserved)) {
    throw new ComplianceValidationError(where, 'natGateways', natGateways, 'NAT gateways live in public subnets: add a PUBLIC group to subnetConfiguration, or leave natGateways at 0.');
  }
  if (natGateways === 0 && subnetConfiguration.some((c) => c.subnetType === ec2.SubnetType.PRIVATE_WITH_EGRESS && !c.reserved)) {
    throw new ComplianceValidationError(where, 'subnetConfiguration', subnetConfiguration.map((c) => `${c.name}:${c.subnetType}`),
      'PRIVATE_WITH_EGRESS subnets need NAT gateways: set natGateways, or use PRIVATE_ISOLATED subnets (reaching AWS through the endpoints).');
  }

  if (props.flowLogFormat && props.flowLogFormat.length === 0) {
    throw new ComplianceValidationError(where, 'flowLogFormat', [], 'Give at least one field, or leave the prop unset for the default AWS format.');
  }
  const interfaceEndpoints = [...(props.interfaceEndpoints ?? defaultInterfaceEndpoints)];
  const known = knownInterfaceServices();
  const seen = new Set<string>();
  for (const name of interfaceEndpoints) {
    if (!known.has(name)) {
      const hint = [...known].filter((k) => k.includes(name) || name.includes(k)).slice(0, 5);
      throw new ComplianceValidationError(where, 'interfaceEndpoints', name,
        `It is not an interface endpoint service known to aws-cdk-lib; give the part after "com.amazonaws.<region>.", for example "logs" or "ecr.api"${hint.length ? ` (did you mean ${hint.map((h) => `"${h}"`).join(', ')}?)` : ''}.`);
    }
    if (seen.has(name)) {
      throw new ComplianceValidationError(where, 'interfaceEndpoints', name, 'Each service may appear once.');
    }
    seen.add(name);
  }
  return { cidr, availabilityZones, subnetConfiguration, natGateways, interfaceEndpoints };
}

export function planAzs(scope: Construct, where: IConstruct, props: AuditedVpcProps): string[] {
  if (props.azCount !== undefined && (!Number.isInteger(props.azCount) || props.azCount < 1)) {
    throw new ComplianceValidationError(where, 'azCount', props.azCount, 'Allowed: a whole number, 1 or more (2 or more for high availability).');
  }
  if (props.availabilityZones) {
    const azs = props.availabilityZones;
    if (azs.length === 0) {
      throw new ComplianceValidationError(where, 'availabilityZones', azs, 'Give at least one Availability Zone, or leave the prop unset to use azCount.');
    }
    if (new Set(azs).size !== azs.length) {
      throw new ComplianceValidationError(where, 'availabilityZones', azs, 'Each Availability Zone may appear once.');
    }
    if (props.azCount !== undefined && props.azCount !== azs.length) {
      throw new ComplianceValidationError(where, 'azCount', props.azCount, `It must match the ${azs.length} availabilityZones given, or be left unset.`);
    }
    return azs;
  }
  const count = props.azCount ?? 2;
  const stack = Stack.of(scope);
  if (Token.isUnresolved(stack.account) || Token.isUnresolved(stack.region)) {
    // Environment-agnostic stack: the zones are picked at deploy time, as many as asked for.
    return Array.from({ length: count }, (_, i) => Fn.select(i, Fn.getAzs()));
  }
  const regionAzs = stack.availabilityZones;
  const lookupPending = regionAzs.every((az) => DUMMY_AZS.includes(az));
  if (!lookupPending && count > regionAzs.length) {
    throw new ComplianceValidationError(where, 'azCount', count, `The Region ${stack.region} offers ${regionAzs.length} Availability Zones to this account (${regionAzs.join(', ')}).`);
  }
  if (lookupPending && count > regionAzs.length) {
    return Array.from({ length: count }, (_, i) => Fn.select(i, Fn.getAzs()));
  }
  return regionAzs.slice(0, count);
}

export function defaultSubnets(cidr: Ipv4Block, natGateways: number): ec2.SubnetConfiguration[] {
  if (natGateways === 0) {
    return [{ name: 'Private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }];
  }
  return [
    { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: cidr.mask <= 20 ? 24 : undefined },
    { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
  ];
}

/**
 * Check that every subnet group fits, allocating as CDK does: groups with a mask first, in order,
 * each subnet aligned to its size; then the groups without a mask share what is left equally.
 */
export function checkSubnetsFit(where: IConstruct, cidr: Ipv4Block, groups: ec2.SubnetConfiguration[], azCount: number): void {
  if (groups.length === 0) {
    throw new ComplianceValidationError(where, 'subnetConfiguration', [], 'Give at least one subnet group.');
  }
  const names = new Set<string>();
  let next = cidr.start;
  const end = cidr.start + cidr.size;
  for (const group of groups) {
    if (names.has(group.name)) {
      throw new ComplianceValidationError(where, 'subnetConfiguration', group.name, 'Each subnet group needs its own name.');
    }
    names.add(group.name);
    if (group.cidrMask === undefined) {
      continue;
    }
    if (!Number.isInteger(group.cidrMask) || group.cidrMask < Math.max(MIN_MASK, cidr.mask) || group.cidrMask > MAX_MASK) {
      throw new ComplianceValidationError(where, `subnetConfiguration[${group.name}].cidrMask`, group.cidrMask,
        `A subnet's prefix length is from /${Math.max(MIN_MASK, cidr.mask)} (the VPC's own, ${cidr.text}) to /${MAX_MASK}.`);
    }
    const size = 2 ** (32 - group.cidrMask);
    for (let i = 0; i < azCount; i++) {
      const start = Math.ceil(next / size) * size;
      if (start + size > end) {
        throw new ComplianceValidationError(where, 'azCount', azCount,
          `${azCount} Availability Zones need ${azCount} /${group.cidrMask} subnets for group ${group.name}, and ${cidr.text} has no room left from ${formatIpv4(next)}. Use fewer Availability Zones, smaller subnets (a longer cidrMask) or a larger VPC CIDR block.`);
      }
      next = start + size;
    }
  }
  const unmasked = groups.filter((g) => g.cidrMask === undefined).length * azCount;
  if (unmasked > 0) {
    const each = Math.floor((end - next) / unmasked);
    if (each < 2 ** (32 - MAX_MASK)) {
      throw new ComplianceValidationError(where, 'azCount', azCount,
        `${unmasked} subnets without a cidrMask would share ${end - next} addresses in ${cidr.text}, less than a /${MAX_MASK} each. Use fewer Availability Zones or subnet groups, or a larger VPC CIDR block.`);
    }
  }
}

let knownServices: Set<string> | undefined;

/** Short names of every interface endpoint service aws-cdk-lib knows (`logs`, `ecr.api`, ...). */
export function knownInterfaceServices(): Set<string> {
  if (!knownServices) {
    knownServices = new Set(Object.values(ec2.InterfaceVpcEndpointAwsService)
      .filter((v): v is ec2.InterfaceVpcEndpointAwsService => v instanceof ec2.InterfaceVpcEndpointAwsService)
      .map((v) => v.shortName));
  }
  return knownServices;
}
