import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { IConstruct } from 'constructs';
import { parseIpv4Cidr } from '../../src/audited-vpc/cidr';
import { createFlowLogRole } from '../../src/audited-vpc/flow-logs';
import { checkSubnetsFit, defaultSubnets, knownInterfaceServices, planAzs, planVpc } from '../../src/audited-vpc/vpc-plan';
import { newStack } from '../nag-helper';

const where = { node: { path: 'TestStack/Vpc' } } as unknown as IConstruct;

describe('planVpc', () => {
  test('defaults: 10.0.0.0/16, two zones, one isolated group, no NAT, the given default endpoints', () => {
    const stack = newStack();
    const plan = planVpc(stack, 'Vpc', {}, ['logs', 'kms']);
    expect(plan.cidr.text).toBe('10.0.0.0/16');
    expect(plan.availabilityZones).toHaveLength(2);
    expect(plan.subnetConfiguration).toEqual([{ name: 'Private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }]);
    expect(plan.natGateways).toBe(0);
    expect(plan.interfaceEndpoints).toEqual(['logs', 'kms']);
  });

  test('public groups never map public IPs unless asked', () => {
    const plan = planVpc(newStack(), 'Vpc', { natGateways: 1 }, []);
    expect(plan.subnetConfiguration[0]).toMatchObject({ name: 'Public', subnetType: ec2.SubnetType.PUBLIC, mapPublicIpOnLaunch: false, cidrMask: 24 });
  });

  test('errors name the path the VPC will have and the prop', () => {
    expect(() => planVpc(newStack(), 'Vpc', { cidr: '10.0.0.0/12' }, [])).toThrow(/TestStack\/Vpc.*cidr/s);
    expect(() => planVpc(newStack(), 'Vpc', { interfaceEndpoints: ['ecr'] }, [])).toThrow(/did you mean/);
    expect(() => planVpc(newStack(), 'Vpc', { interfaceEndpoints: ['logs', 'logs'] }, [])).toThrow(/once/);
    expect(() => planVpc(newStack(), 'Vpc', { flowLogFormat: [] }, [])).toThrow(/flowLogFormat/);
  });
});

describe('planAzs', () => {
  test('an environment-agnostic stack picks the zones at deploy time', () => {
    const stack = new Stack(new App(), 'Agnostic');
    const azs = planAzs(stack, where, { azCount: 3 });
    expect(azs.map((az) => stack.resolve(az))).toEqual([0, 1, 2].map((i) => ({ 'Fn::Select': [i, { 'Fn::GetAZs': '' }] })));
  });

  test('given zones must be distinct and match azCount', () => {
    const stack = newStack();
    expect(planAzs(stack, where, { availabilityZones: ['us-east-1a', 'us-east-1b'] })).toEqual(['us-east-1a', 'us-east-1b']);
    expect(() => planAzs(stack, where, { availabilityZones: ['us-east-1a', 'us-east-1a'] })).toThrow(/once/);
    expect(() => planAzs(stack, where, { availabilityZones: ['us-east-1a'], azCount: 2 })).toThrow(/azCount/);
    expect(() => planAzs(stack, where, { azCount: 0 })).toThrow(/azCount/);
  });
});

describe('defaultSubnets and checkSubnetsFit', () => {
  test('no NAT: one isolated group; NAT: public /24 (when the VPC is large enough) and private with egress', () => {
    const cidr = parseIpv4Cidr(where, 'cidr', '10.0.0.0/16');
    expect(defaultSubnets(cidr, 0).map((g) => g.subnetType)).toEqual([ec2.SubnetType.PRIVATE_ISOLATED]);
    expect(defaultSubnets(cidr, 1).map((g) => [g.subnetType, g.cidrMask])).toEqual([
      [ec2.SubnetType.PUBLIC, 24],
      [ec2.SubnetType.PRIVATE_WITH_EGRESS, undefined],
    ]);
    expect(defaultSubnets(parseIpv4Cidr(where, 'cidr', '10.0.0.0/24'), 1)[0].cidrMask).toBeUndefined();
  });

  test('groups that do not fit, duplicate names and an empty list fail', () => {
    const cidr = parseIpv4Cidr(where, 'cidr', '10.0.0.0/24');
    const group = (name: string, cidrMask?: number) => ({ name, subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask });
    expect(() => checkSubnetsFit(where, cidr, [group('A', 26)], 4)).not.toThrow();
    expect(() => checkSubnetsFit(where, cidr, [group('A', 26)], 5)).toThrow(/no room left/);
    expect(() => checkSubnetsFit(where, cidr, [group('A'), group('A')], 2)).toThrow(/own name/);
    expect(() => checkSubnetsFit(where, cidr, [], 2)).toThrow(/at least one/);
    expect(() => checkSubnetsFit(where, cidr, [group('A', 26), group('B')], 4)).toThrow(/without a cidrMask/);
  });

  test('the known interface services are the short names aws-cdk-lib knows', () => {
    const known = knownInterfaceServices();
    expect(known.has('ecr.api')).toBe(true);
    expect(known.has('logs')).toBe(true);
    expect(known.has('com.amazonaws.us-east-1.logs')).toBe(false);
  });
});

describe('createFlowLogRole', () => {
  test('the role\'s one permission is written to one log group, in a customer managed policy under the role', () => {
    const stack = newStack();
    const group = new logs.LogGroup(stack, 'Group');
    const role = createFlowLogRole(stack, group);
    expect(role.permissions!.node.path).toBe('TestStack/FlowLogRole/Policy');
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Description: 'Write access to the flow log group of TestStack, and nothing else',
      PolicyDocument: {
        Statement: [{
          Sid: 'WriteFlowLogGroup',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          Resource: stack.resolve(group.logGroupArn),
        }],
      },
      Roles: [stack.resolve(role.roleName)],
    });
  });
});
