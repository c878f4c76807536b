/**
 * ec2-sg-no-open-egress through the real SDK against the fake endpoint: DescribeSecurityGroups paged
 * smaller than the data, egress rules as EC2 serializes them.
 */
import { fakeEnv, withEnv } from './fake-aws/fixtures';
import { emptyAccount } from './fake-aws/model';
import { FakeAws } from './fake-aws/server';
import { runScan } from '../../src/scanner/runtime/engine';

describe('ec2-sg-no-open-egress against the fake endpoint', () => {
  let fake: FakeAws;
  let url: string;
  beforeEach(async () => {
    const s = emptyAccount(['eu-west-1']);
    s.regions['eu-west-1'].securityGroups = [
      { GroupId: 'sg-closed', GroupName: 'closed', VpcId: 'vpc-1', ingress: [], egress: [] },
      { GroupId: 'sg-endpoints', GroupName: 'endpoints', VpcId: 'vpc-1', ingress: [], egress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, cidrs: ['10.0.0.0/16'] }] },
      { GroupId: 'sg-peer', GroupName: 'peer', VpcId: 'vpc-1', ingress: [], egress: [{ IpProtocol: '-1', groups: ['sg-closed'] }] },
      { GroupId: 'sg-default', GroupName: 'default', VpcId: 'vpc-1', ingress: [], egress: [{ IpProtocol: '-1', cidrs: ['0.0.0.0/0'] }] },
      { GroupId: 'sg-dns', GroupName: 'dns', VpcId: 'vpc-1', ingress: [], egress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, cidrs: ['10.0.0.0/16'] }, { IpProtocol: 'udp', FromPort: 53, ToPort: 53, cidrsV6: ['::/0'] }] },
    ];
    fake = new FakeAws(s, { pageSize: 2 });
    url = await fake.start();
  });
  afterEach(() => fake.stop());

  test('exactly the groups with an outbound rule to the internet fail', async () => {
    const report = await withEnv(fakeEnv(url), () => runScan({ regions: ['eu-west-1'], checkIds: ['ec2-sg-no-open-egress'], pageSize: 2 }));
    expect(report.errors).toEqual([]);
    expect(report.status).toBe('COMPLETE');
    expect(report.findings.map((f) => `${f.resourceId.split('/').pop()} ${f.reason}`).sort()).toEqual([
      'sg-default all traffic to 0.0.0.0/0',
      'sg-dns udp/53 to ::/0',
    ]);
    expect(report.checks[0].counts).toEqual({ passed: 3, failed: 2, notApplicable: 0, errored: 0 });
    expect(fake.stats.requests['ec2:DescribeSecurityGroups']).toBeGreaterThanOrEqual(3);
  });
});
