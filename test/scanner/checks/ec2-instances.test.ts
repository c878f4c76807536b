import { inv, statuses } from './helpers';
import { ec2InstanceImdsv2 } from '../../../src/scanner/runtime/checks/ec2/instance-imdsv2';
import { InstanceInfo } from '../../../src/scanner/runtime/model';

const instance = (id: string, extra: Partial<InstanceInfo> = {}): InstanceInfo => ({
  instanceId: id, arn: `arn:aws:ec2:eu-west-1:123456789012:instance/${id}`, state: 'running', httpTokens: 'required', httpEndpoint: 'enabled', ...extra,
});

describe('EC2 instance IMDSv2 check', () => {
  test('required passes, optional or unreported fails, a disabled endpoint passes', () => {
    const i = inv({
      ec2Instances: [
        instance('i-required'),
        instance('i-stopped', { state: 'stopped' }),
        instance('i-optional', { httpTokens: 'optional' }),
        instance('i-unreported', { httpTokens: null }),
        instance('i-off', { httpTokens: 'optional', httpEndpoint: 'disabled' }),
      ],
    });
    expect(statuses(ec2InstanceImdsv2, i)).toEqual(['PASS', 'PASS', 'FAIL', 'FAIL', 'PASS']);
    expect(ec2InstanceImdsv2.evaluate(i)[2].reason).toBe('HttpTokens optional: IMDSv1 answers');
  });

  test('no instances: no results (a failed listing is ERROR for the Region, see the fake endpoint test)', () => {
    expect(ec2InstanceImdsv2.evaluate(inv({ ec2Instances: [] }))).toEqual([]);
  });
});
