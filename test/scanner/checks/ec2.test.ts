import { inv, only, perm, sg, statuses } from './helpers';
import { controlForCheck } from '../../../src/controls';
import { ALL_CHECKS, requiredActions } from '../../../src/scanner/runtime/checks';
import { defaultSecurityGroupClosed } from '../../../src/scanner/runtime/checks/ec2/default-security-group-closed';
import { ebsAttachedVolumeEncrypted } from '../../../src/scanner/runtime/checks/ec2/ebs-attached-volume-encrypted';
import { ebsEncryptionByDefault } from '../../../src/scanner/runtime/checks/ec2/ebs-encryption-by-default';
import { ebsSnapshotNotPublic } from '../../../src/scanner/runtime/checks/ec2/ebs-snapshot-not-public';
import { naclNoPublicAdminPorts } from '../../../src/scanner/runtime/checks/ec2/nacl-no-public-admin-ports';
import { naclUnused } from '../../../src/scanner/runtime/checks/ec2/nacl-unused';
import { coversTcpPort, isWorldCidr } from '../../../src/scanner/runtime/checks/ec2/port-rules';
import { sgNoIpv4AdminPorts } from '../../../src/scanner/runtime/checks/ec2/sg-no-ipv4-admin-ports';
import { sgNoIpv6AdminPorts } from '../../../src/scanner/runtime/checks/ec2/sg-no-ipv6-admin-ports';
import { sgNoPublicAllTraffic } from '../../../src/scanner/runtime/checks/ec2/sg-no-public-all-traffic';
import { sgNoPublicHighRiskPorts } from '../../../src/scanner/runtime/checks/ec2/sg-no-public-high-risk-ports';
import { sgNoPublicRdp } from '../../../src/scanner/runtime/checks/ec2/sg-no-public-rdp';
import { sgNoPublicSsh } from '../../../src/scanner/runtime/checks/ec2/sg-no-public-ssh';
import { vpcFlowLogsEnabled } from '../../../src/scanner/runtime/checks/ec2/vpc-flow-logs-enabled';
import { NaclEntry, NetworkAclInfo } from '../../../src/scanner/runtime/model';

describe('port rules', () => {
  test.each([
    ['-1', undefined, undefined, 22, true],
    ['tcp', 0, 65535, 22, true],
    ['tcp', 20, 23, 22, true],
    ['tcp', 23, 3388, 22, false],
    ['tcp', 23, 3388, 3389, false],
    ['tcp', 3389, 3389, 3389, true],
    ['6', 1, 1024, 22, true],
    ['udp', 0, 65535, 22, false],
    ['icmp', -1, -1, 22, false],
    ['tcp', -1, -1, 3389, true],
  ])('protocol %s ports %s-%s covers %s: %s', (proto, from, to, port, expected) => {
    expect(coversTcpPort(proto as string, from as number | undefined, to as number | undefined, port as number)).toBe(expected);
  });
  test('world CIDRs in every spelling', () => {
    expect(['0.0.0.0/0', '::/0', '::0/0', ' 0.0.0.0/0 '].every(isWorldCidr)).toBe(true);
    expect(['10.0.0.0/8', '0.0.0.0/1', '2001:db8::/32', undefined].some(isWorldCidr)).toBe(false);
  });
});

describe('security group checks', () => {
  const world4 = (p: Parameters<typeof perm>[0]) => perm({ ...p, ipv4Ranges: ['0.0.0.0/0'] });
  const world6 = (p: Parameters<typeof perm>[0]) => perm({ ...p, ipv6Ranges: ['::/0'] });
  const closed = sg('sg-closed', [perm({ protocol: 'tcp', fromPort: 22, toPort: 22, ipv4Ranges: ['10.0.0.0/8'] })]);

  test('ssh: range containing 22 from 0.0.0.0/0 fails, private source passes', () => {
    const i = inv({ securityGroups: [sg('sg-open', [world4({ protocol: 'tcp', fromPort: 0, toPort: 1024 })]), closed] });
    const r = sgNoPublicSsh.evaluate(i);
    expect(r.map((x) => x.status)).toEqual(['FAIL', 'PASS']);
    expect(r[0].reason).toContain('0.0.0.0/0');
    expect(r[0].resourceId).toBe('arn:aws:ec2:eu-west-1:123456789012:security-group/sg-open');
  });
  test('ssh: protocol -1 from ::/0 fails', () => {
    expect(statuses(sgNoPublicSsh, inv({ securityGroups: [sg('a', [world6({ protocol: '-1' })])] }))).toEqual(['FAIL']);
  });
  test('ssh: range just beside 22 passes (23-3388)', () => {
    expect(statuses(sgNoPublicSsh, inv({ securityGroups: [sg('a', [world4({ protocol: 'tcp', fromPort: 23, toPort: 3388 })])] }))).toEqual(['PASS']);
  });
  test('rdp: 3389 from world fails; udp 3389 passes', () => {
    const i = inv({
      securityGroups: [sg('a', [world4({ protocol: 'tcp', fromPort: 3389, toPort: 3389 })]), sg('b', [world4({ protocol: 'udp', fromPort: 3389, toPort: 3389 })])],
    });
    expect(statuses(sgNoPublicRdp, i)).toEqual(['FAIL', 'PASS']);
  });
  test('ipv4 admin ports ignores ::/0 and ipv6 admin ports ignores 0.0.0.0/0', () => {
    const i = inv({ securityGroups: [sg('v4', [world4({ protocol: 'tcp', fromPort: 22, toPort: 22 })]), sg('v6', [world6({ protocol: 'tcp', fromPort: 3389, toPort: 3389 })])] });
    expect(statuses(sgNoIpv4AdminPorts, i)).toEqual(['FAIL', 'PASS']);
    expect(statuses(sgNoIpv6AdminPorts, i)).toEqual(['PASS', 'FAIL']);
  });
  test('high-risk ports: 3306 fails, 443 passes', () => {
    const i = inv({ securityGroups: [sg('db', [world4({ protocol: 'tcp', fromPort: 3306, toPort: 3306 })]), sg('web', [world4({ protocol: 'tcp', fromPort: 443, toPort: 443 })])] });
    expect(statuses(sgNoPublicHighRiskPorts, i)).toEqual(['FAIL', 'PASS']);
  });
  test('all traffic: protocol -1 from world fails, tcp 0-65535 is not protocol -1', () => {
    const i = inv({ securityGroups: [sg('all', [world6({ protocol: '-1' })]), sg('tcp', [world4({ protocol: 'tcp', fromPort: 0, toPort: 65535 })]), closed] });
    expect(statuses(sgNoPublicAllTraffic, i)).toEqual(['FAIL', 'PASS', 'PASS']);
  });
  test('no security groups: nothing to evaluate (not applicable)', () => {
    const checks = [sgNoPublicSsh, sgNoPublicRdp, sgNoIpv4AdminPorts, sgNoIpv6AdminPorts, sgNoPublicHighRiskPorts, sgNoPublicAllTraffic];
    for (const c of [...checks, defaultSecurityGroupClosed]) {
      expect(c.evaluate(inv({ securityGroups: [] }))).toEqual([]);
    }
  });
  test('default group: rules fail, empty passes, other groups not applicable', () => {
    const i = inv({
      securityGroups: [
        sg('d1', [perm({ protocol: '-1', sourceGroups: ['d1'] })], { groupName: 'default' }),
        sg('d2', [], { groupName: 'default' }),
        sg('x', []),
      ],
    });
    expect(statuses(defaultSecurityGroupClosed, i)).toEqual(['FAIL', 'PASS', 'NOT_APPLICABLE']);
  });
});

describe('network ACL checks', () => {
  const e = (n: number, action: 'allow' | 'deny', extra: Partial<NaclEntry> = {}): NaclEntry => ({
    ruleNumber: n, protocol: '6', ruleAction: action, egress: false, cidrBlock: '0.0.0.0/0', fromPort: 22, toPort: 22, ...extra,
  });
  const acl = (id: string, entries: NaclEntry[], extra: Partial<NetworkAclInfo> = {}): NetworkAclInfo => ({
    networkAclId: id, vpcId: 'vpc-1', isDefault: false, entries, associatedSubnets: ['subnet-1'], ...extra,
  });
  test('allow 22 from world fails; lower-numbered deny wins and passes', () => {
    const i = inv({
      networkAcls: [
        acl('open', [e(100, 'allow'), e(32767, 'deny', { protocol: '-1' })]),
        acl('denied-first', [e(50, 'deny', { protocol: '-1', fromPort: undefined, toPort: undefined }), e(100, 'allow', { protocol: '-1' })]),
        acl('private', [e(100, 'allow', { cidrBlock: '10.0.0.0/8', protocol: '-1' })]),
        acl('egress-only', [e(100, 'allow', { egress: true, protocol: '-1' })]),
        acl('v6', [e(100, 'allow', { cidrBlock: undefined, ipv6CidrBlock: '::/0', fromPort: 3000, toPort: 4000 })]),
      ],
    });
    expect(statuses(naclNoPublicAdminPorts, i)).toEqual(['FAIL', 'PASS', 'PASS', 'PASS', 'FAIL']);
  });
  test('unused ACL fails, associated passes, default not applicable', () => {
    const i = inv({ networkAcls: [acl('a', [], { associatedSubnets: [] }), acl('b', []), acl('c', [], { isDefault: true, associatedSubnets: [] })] });
    expect(statuses(naclUnused, i)).toEqual(['FAIL', 'PASS', 'NOT_APPLICABLE']);
  });
  test('no ACLs: not applicable', () => {
    expect(naclNoPublicAdminPorts.evaluate(inv({ networkAcls: [] }))).toEqual([]);
  });
});

describe('EBS and VPC checks', () => {
  test('attached unencrypted volume fails, encrypted passes, detached not applicable', () => {
    const i = inv({
      volumes: [
        { volumeId: 'vol-1', encrypted: false, attachedTo: ['i-1'] },
        { volumeId: 'vol-2', encrypted: true, attachedTo: ['i-1'] },
        { volumeId: 'vol-3', encrypted: false, attachedTo: [] },
      ],
    });
    expect(statuses(ebsAttachedVolumeEncrypted, i)).toEqual(['FAIL', 'PASS', 'NOT_APPLICABLE']);
  });
  test('encryption by default per region', () => {
    expect(only(ebsEncryptionByDefault, inv({ ebsEncryptionByDefault: true })).status).toBe('PASS');
    const r = only(ebsEncryptionByDefault, inv({ ebsEncryptionByDefault: false }));
    expect(r.status).toBe('FAIL');
    expect(r.resourceId).toContain(':eu-west-1:');
    expect(ebsEncryptionByDefault.evaluate(inv())).toEqual([]);
  });
  test('public snapshots fail, private pass, none not applicable', () => {
    expect(statuses(ebsSnapshotNotPublic, inv({ snapshots: { owned: ['snap-1', 'snap-2'], publicIds: ['snap-2'] } }))).toEqual(['PASS', 'FAIL']);
    expect(ebsSnapshotNotPublic.evaluate(inv({ snapshots: { owned: [], publicIds: [] } }))).toEqual([]);
  });
  test('flow logs: VPC without an ACTIVE flow log fails', () => {
    const i = inv({
      vpcs: [{ vpcId: 'vpc-1', isDefault: false }, { vpcId: 'vpc-2', isDefault: true }, { vpcId: 'vpc-3', isDefault: false }],
      flowLogs: [
        { flowLogId: 'fl-1', resourceId: 'vpc-1', status: 'ACTIVE', trafficType: 'ALL' },
        { flowLogId: 'fl-3', resourceId: 'vpc-3', status: 'DELETING', trafficType: 'ALL' },
      ],
    });
    expect(statuses(vpcFlowLogsEnabled, i)).toEqual(['PASS', 'FAIL', 'FAIL']);
    expect(vpcFlowLogsEnabled.evaluate(inv({ vpcs: [], flowLogs: [] }))).toEqual([]);
  });
  test('flow logs: rejected traffic must be logged (FSBP EC2.6): ALL or REJECT pass, ACCEPT only fails', () => {
    const vpcs = ['vpc-all', 'vpc-reject', 'vpc-accept', 'vpc-both'].map((vpcId) => ({ vpcId, isDefault: false }));
    const i = inv({
      vpcs,
      flowLogs: [
        { flowLogId: 'fl-1', resourceId: 'vpc-all', status: 'ACTIVE', trafficType: 'ALL' },
        { flowLogId: 'fl-2', resourceId: 'vpc-reject', status: 'ACTIVE', trafficType: 'REJECT' },
        { flowLogId: 'fl-3', resourceId: 'vpc-accept', status: 'ACTIVE', trafficType: 'ACCEPT' },
        { flowLogId: 'fl-4', resourceId: 'vpc-both', status: 'ACTIVE', trafficType: 'ACCEPT' },
        { flowLogId: 'fl-5', resourceId: 'vpc-both', status: 'ACTIVE', trafficType: 'REJECT' },
      ],
    });
    const results = vpcFlowLogsEnabled.evaluate(i);
    expect(results.map((r) => r.status)).toEqual(['PASS', 'PASS', 'FAIL', 'PASS']);
    expect(results[2].reason).toContain('accepted traffic only');
  });
});

describe('registry', () => {
  test('at least 35 checks with unique ids and complete metadata', () => {
    expect(ALL_CHECKS.length).toBeGreaterThanOrEqual(35);
    expect(new Set(ALL_CHECKS.map((c) => c.id)).size).toBe(ALL_CHECKS.length);
    for (const c of ALL_CHECKS) {
      expect(c.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$/);
      expect(c.title.length).toBeGreaterThan(10);
      expect(c.remediation.length).toBeGreaterThan(10);
      expect(c.requiredActions.length).toBeGreaterThan(0);
      for (const a of c.requiredActions) expect(a).toMatch(/^[a-z0-9-]+:[A-Za-z]+$/);
      expect(c.datasets.length).toBeGreaterThan(0);
      // mapped to a framework: FSBP or CIS in the check, or another framework of its control (NIST 800-53, PCI DSS, HIPAA)
      expect(Object.values(controlForCheck(c.id)!.frameworks).flat().length).toBeGreaterThan(0);
      expect(c.fsbp).toEqual(controlForCheck(c.id)!.frameworks.fsbp);
    }
  });

  test('required actions: read-only, unique, sorted, engine actions included', () => {
    const actions = requiredActions();
    expect(actions).toEqual([...new Set(actions)].sort());
    expect(actions).toEqual(expect.arrayContaining(['ec2:DescribeRegions', 'iam:GetAccountAuthorizationDetails', 's3:GetBucketPolicy']));
    for (const a of actions) expect(a.split(':')[1]).toMatch(/^(Describe|Get|List|Generate)/);
    expect(requiredActions([ALL_CHECKS.find((c) => c.id === 'rds-instance-not-public')!])).toEqual(['ec2:DescribeRegions', 'rds:DescribeDBInstances', 's3:GetBucketLocation']);
  });
});
