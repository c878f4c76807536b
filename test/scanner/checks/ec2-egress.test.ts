import { inv, perm, sg, statuses } from './helpers';
import { sgNoOpenEgress } from '../../../src/scanner/runtime/checks/ec2/sg-no-open-egress';

describe('ec2-sg-no-open-egress', () => {
  test('any outbound rule to the whole internet fails, whatever its ports; narrow or no rules pass', () => {
    const i = inv({
      securityGroups: [
        sg('none', []),
        sg('narrow', [], { egress: [perm({ protocol: 'tcp', fromPort: 443, toPort: 443, ipv4Ranges: ['10.0.0.0/16'], prefixLists: ['pl-1'] })] }),
        sg('peer', [], { egress: [perm({ protocol: '-1', sourceGroups: ['sg-other'] })] }),
        sg('https-world', [], { egress: [perm({ protocol: 'tcp', fromPort: 443, toPort: 443, ipv4Ranges: ['0.0.0.0/0'] })] }),
        sg('all-v6', [], { egress: [perm({ protocol: '-1', ipv6Ranges: ['::/0'] })] }),
        sg('spelled', [], { egress: [perm({ protocol: 'udp', fromPort: 53, toPort: 53, ipv6Ranges: ['::0/0'] })] }),
        // an open inbound rule is another check's business
        sg('ingress-only', [perm({ protocol: 'tcp', fromPort: 443, toPort: 443, ipv4Ranges: ['0.0.0.0/0'] })]),
      ],
    });
    expect(statuses(sgNoOpenEgress, i)).toEqual(['PASS', 'PASS', 'PASS', 'FAIL', 'FAIL', 'FAIL', 'PASS']);
    const results = sgNoOpenEgress.evaluate(i);
    expect(results[3].reason).toBe('tcp/443 to 0.0.0.0/0');
    expect(results[4].reason).toBe('all traffic to ::/0');
    expect(results[3].resourceId).toBe('arn:aws:ec2:eu-west-1:123456789012:security-group/https-world');
  });

  test('a default group with AWS\'s allow-all egress is judged like any other', () => {
    const i = inv({ securityGroups: [sg('sg-d', [], { groupName: 'default', egress: [perm({ protocol: '-1', ipv4Ranges: ['0.0.0.0/0'] })] })] });
    expect(statuses(sgNoOpenEgress, i)).toEqual(['FAIL']);
  });

  test('no groups: no results', () => {
    expect(sgNoOpenEgress.evaluate(inv({ securityGroups: [] }))).toEqual([]);
  });
});
