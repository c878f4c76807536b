import { emptyAccount, FakeAccountState, FakeSecurityGroup } from './model';

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
