import { Check, CheckResult, Inventory, IpPermission, SecurityGroupInfo } from '../../../src/scanner/runtime/model';

export const NOW = '2026-06-01T00:00:00Z';

export function inv(extra: Partial<Inventory> = {}): Inventory {
  return { accountId: '123456789012', partition: 'aws', region: 'eu-west-1', regions: ['eu-west-1'], now: NOW, ...extra };
}

export function statuses(check: Check, inventory: Inventory): string[] {
  return check.evaluate(inventory).map((r) => r.status);
}

export function only(check: Check, inventory: Inventory): CheckResult {
  const r = check.evaluate(inventory);
  if (r.length !== 1) throw new Error(`expected one result, got ${r.length}`);
  return r[0];
}

export function perm(p: Partial<IpPermission> & { protocol: string }): IpPermission {
  return { ipv4Ranges: [], ipv6Ranges: [], sourceGroups: [], prefixLists: [], ...p };
}

export function sg(groupId: string, ingress: IpPermission[], extra: Partial<SecurityGroupInfo> = {}): SecurityGroupInfo {
  return { groupId, groupName: `g-${groupId}`, vpcId: 'vpc-1', ingress, egress: [], ...extra };
}

export function daysAgo(n: number): string {
  return new Date(Date.parse(NOW) - n * 86400000).toISOString();
}
