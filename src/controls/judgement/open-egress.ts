/**
 * EC2.NoOpenEgress: a security group rule whose destination is the whole internet. A CIDR with prefix
 * length 0 is every address, however it is spelled (`0.0.0.0/0`, `::/0`, `::0/0`); any protocol and
 * port counts, as the rule is written for the destination. One judgement for
 * `CompliancePack-SecurityGroupOpenEgress` (inline rules and `AWS::EC2::SecurityGroupEgress`) and the
 * scanner's `ec2-sg-no-open-egress` (`IpPermissionsEgress`); the scanner's ingress checks use the same
 * CIDR test.
 */
export function isWorldCidr(cidr: unknown): boolean {
  if (typeof cidr !== 'string') return false;
  const [, len] = cidr.trim().split('/');
  return len !== undefined && len.trim() !== '' && Number(len) === 0;
}

/** The world-open destinations among a rule's IPv4 and IPv6 ranges. */
export function worldDestinations(ipv4: readonly unknown[], ipv6: readonly unknown[]): string[] {
  return [...ipv4, ...ipv6].filter(isWorldCidr) as string[];
}
