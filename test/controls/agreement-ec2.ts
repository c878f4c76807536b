/**
 * EC2 controls of AuditedVpc and BatchPipeline (EC2.NoOpenEgress): the same security group as a
 * template resource and as DescribeSecurityGroups returns it.
 */
import { aws_ec2 as ec2 } from 'aws-cdk-lib';
import { Fixture, SharedControl, Verdict } from './agreement-harness';
import { IpPermission } from '../../src/scanner/runtime/model';

interface EgressRule {
  readonly protocol: string;
  readonly from?: number;
  readonly to?: number;
  readonly cidrIp?: string;
  readonly cidrIpv6?: string;
}

/** `rules` undefined: the template has no egress rule, and AWS gives the group its default allow-all rules. */
function egressFixture(name: string, expected: Verdict, rules: EgressRule[] | undefined): Fixture {
  const live: IpPermission[] = (rules ?? [{ protocol: '-1', cidrIp: '0.0.0.0/0' }, { protocol: '-1', cidrIpv6: '::/0' }]).map((r) => ({
    protocol: r.protocol,
    fromPort: r.from,
    toPort: r.to,
    ipv4Ranges: r.cidrIp ? [r.cidrIp] : [],
    ipv6Ranges: r.cidrIpv6 ? [r.cidrIpv6] : [],
    sourceGroups: [],
    prefixLists: [],
  }));
  return {
    name,
    expected,
    synth: (stack) => new ec2.CfnSecurityGroup(stack, 'Sg', {
      groupDescription: 'fixture',
      vpcId: 'vpc-1',
      securityGroupEgress: rules?.map((r) => ({ ipProtocol: r.protocol, fromPort: r.from, toPort: r.to, cidrIp: r.cidrIp, cidrIpv6: r.cidrIpv6 })),
    }),
    live: () => ({ securityGroups: [{ groupId: 'sg-1', groupName: 'fixture', vpcId: 'vpc-1', ingress: [], egress: live }] }),
  };
}

export const EC2_NO_OPEN_EGRESS: SharedControl = {
  id: 'EC2.NoOpenEgress',
  rule: 'SecurityGroupOpenEgress',
  check: 'ec2-sg-no-open-egress',
  fixtures: [
    egressFixture('HTTPS to the VPC', 'compliant', [{ protocol: 'tcp', from: 443, to: 443, cidrIp: '10.0.0.0/16' }]),
    // allowAllOutbound: false writes a rule that matches no traffic
    egressFixture('CDK\'s placeholder rule (allowAllOutbound: false)', 'compliant', [{ protocol: 'icmp', from: 252, to: 86, cidrIp: '255.255.255.255/32' }]),
    egressFixture('HTTPS to 0.0.0.0/0 (one port is enough)', 'non-compliant', [{ protocol: 'tcp', from: 443, to: 443, cidrIp: '0.0.0.0/0' }]),
    egressFixture('all traffic to ::/0', 'non-compliant', [{ protocol: '-1', cidrIpv6: '::/0' }]),
    egressFixture('::0/0, another spelling of ::/0', 'non-compliant', [{ protocol: 'tcp', from: 0, to: 65535, cidrIpv6: '::0/0' }]),
    egressFixture('a narrow and an open rule', 'non-compliant', [{ protocol: 'tcp', from: 443, to: 443, cidrIp: '10.0.0.0/16' }, { protocol: 'udp', from: 53, to: 53, cidrIp: '0.0.0.0/0' }]),
    egressFixture('no egress rule (AWS\'s default allow-all)', 'non-compliant', undefined),
  ],
};

export const EC2_SHARED: SharedControl[] = [EC2_NO_OPEN_EGRESS];
