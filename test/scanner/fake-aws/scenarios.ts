import { emptyAccount, FakeAccountState, FakeSecurityGroup } from './model';

export const BENCH_REGION = 'eu-west-1';
export const BENCH_MIX = {
  securityGroups: 5000, volumes: 2000, snapshots: 1000, networkAcls: 500, vpcs: 500, kmsKeys: 300, functions: 300, dbInstances: 200, buckets: 200,
};

/** `n` security groups in one region; every `openEvery`-th one opens SSH to the world. */
export function securityGroupAccount(n: number, region = 'eu-west-1', openEvery = 10): FakeAccountState {
  const s = emptyAccount([region]);
  s.regions[region].securityGroups = Array.from({ length: n }, (_, i): FakeSecurityGroup => ({
    GroupId: `sg-${String(i).padStart(6, '0')}`,
    GroupName: `g${i}`,
    VpcId: 'vpc-1',
    ingress: i % openEvery === 0 ? [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, cidrs: ['0.0.0.0/0'] }] : [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, cidrs: ['10.0.0.0/8'] }],
    egress: [],
  }));
  return s;
}

/** The benchmark account: 10,000 resources in eu-west-1 (see BENCH_MIX). */
export function benchAccount(): FakeAccountState {
  const s = emptyAccount([BENCH_REGION, 'us-east-1']);
  const r = s.regions[BENCH_REGION];
  const id = (p: string, i: number) => `${p}-${String(i).padStart(8, '0')}`;
  r.securityGroups = Array.from({ length: BENCH_MIX.securityGroups }, (_, i) => ({
    GroupId: id('sg', i),
    GroupName: i === 0 ? 'default' : `g${i}`,
    VpcId: id('vpc', i % BENCH_MIX.vpcs),
    ingress: [{ IpProtocol: 'tcp', FromPort: i % 50 === 0 ? 0 : 443, ToPort: 443, cidrs: ['0.0.0.0/0'] }],
    egress: [],
  }));
  r.volumes = Array.from({ length: BENCH_MIX.volumes }, (_, i) => ({ VolumeId: id('vol', i), Encrypted: i % 20 !== 0, attachedTo: ['i-1'] }));
  r.snapshots = Array.from({ length: BENCH_MIX.snapshots }, (_, i) => ({ SnapshotId: id('snap', i), public: i % 100 === 0 }));
  r.networkAcls = Array.from({ length: BENCH_MIX.networkAcls }, (_, i) => ({
    NetworkAclId: id('acl', i),
    VpcId: id('vpc', i),
    IsDefault: true,
    subnets: [id('subnet', i)],
    entries: [{ RuleNumber: 100, Protocol: '-1', RuleAction: 'allow' as const, Egress: false, CidrBlock: '0.0.0.0/0' }],
  }));
  r.vpcs = Array.from({ length: BENCH_MIX.vpcs }, (_, i) => ({ VpcId: id('vpc', i), IsDefault: false }));
  r.flowLogs = r.vpcs.filter((_, i) => i % 10 !== 0).map((v, i) => ({ FlowLogId: id('fl', i), ResourceId: v.VpcId, FlowLogStatus: 'ACTIVE', TrafficType: 'ALL' as const }));
  r.kmsKeys = Array.from({ length: BENCH_MIX.kmsKeys }, (_, i) => ({ KeyId: id('key', i), KeyManager: 'CUSTOMER' as const, KeyState: 'Enabled', rotation: i % 4 !== 0 }));
  r.functions = Array.from({ length: BENCH_MIX.functions }, (_, i) => ({
    FunctionName: id('fn', i),
    Runtime: i % 10 === 0 ? 'nodejs16.x' : 'nodejs22.x',
    policy: i % 2 === 0 ? JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: 'lambda:InvokeFunction' }] }) : undefined,
  }));
  r.dbInstances = Array.from({ length: BENCH_MIX.dbInstances }, (_, i) => ({ DBInstanceIdentifier: id('db', i), Engine: 'postgres', PubliclyAccessible: i % 25 === 0, StorageEncrypted: true }));
  s.buckets = Array.from({ length: BENCH_MIX.buckets }, (_, i) => ({
    Name: id('bucket', i),
    Region: BENCH_REGION,
    publicAccessBlock: [true, true, true, true] as [boolean, boolean, boolean, boolean],
    sse: 'aws:kms',
    ownership: 'BucketOwnerEnforced',
    versioning: i % 3 === 0 ? undefined : 'Enabled',
    loggingTarget: 'logs',
  }));
  s.accountPublicAccessBlock = [true, true, true, true];
  return s;
}

