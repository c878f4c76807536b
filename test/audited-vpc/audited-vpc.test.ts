import { App, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { AuditedVpc, AuditedVpcProps, ComplianceBucket, ComplianceKey, GatewayEndpointAccess } from '../../src';
import { formatFindings, nagFindings, newStack } from '../nag-helper';

const AZS = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

/**
 * An app whose context already holds the Region's Availability Zones, as `cdk.context.json` would:
 * nothing is looked up, so the tests need no network and no credentials.
 */
function appWithAzContext(): App {
  return new App({ context: { 'availability-zones:account=123456789012:region=us-east-1': AZS } });
}

interface Synthesized { app: App; stack: Stack; vpc: AuditedVpc; template: Template }

function synth(props: AuditedVpcProps = {}, configure: (vpc: AuditedVpc) => void = () => {}): Synthesized {
  const app = appWithAzContext();
  const stack = newStack(app);
  const vpc = new AuditedVpc(stack, 'Vpc', props);
  configure(vpc);
  return { app, stack, vpc, template: Template.fromStack(stack) };
}

function resourcesOf(template: Template, type: string): Array<[string, any]> {
  return Object.entries(template.findResources(type));
}

function refs(list: any[]): string[] {
  return list.map((r) => r.Ref).sort();
}

/** Every egress rule in the template, inline on a security group or standalone. */
function egressRules(template: Template): any[] {
  const inline = resourcesOf(template, 'AWS::EC2::SecurityGroup').flatMap(([, sg]) => sg.Properties.SecurityGroupEgress ?? []);
  const standalone = resourcesOf(template, 'AWS::EC2::SecurityGroupEgress').map(([, r]) => r.Properties);
  return [...inline, ...standalone];
}

const publicLayout: ec2.SubnetConfiguration[] = [
  { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
  { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 20 },
];

describe.each([
  [2, false],
  [3, false],
  [2, true],
  [3, true],
])('AuditedVpc with %i AZs, public subnets: %s', (azCount, withPublic) => {
  const { app, stack, vpc, template } = synth({
    azCount,
    subnetConfiguration: withPublic ? publicLayout : undefined,
  }, (v) => v.addSecurityGroup('Workers'));

  test('spreads every subnet group over the requested AZs', () => {
    template.resourceCountIs('AWS::EC2::Subnet', azCount * (withPublic ? 2 : 1));
    expect(vpc.availabilityZones).toEqual(AZS.slice(0, azCount));
    expect(vpc.isolatedSubnets).toHaveLength(azCount);
    expect(vpc.publicSubnets).toHaveLength(withPublic ? azCount : 0);
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
  });

  test('seed 004 #7: a flow log of ALL traffic covers the VPC', () => {
    const vpcId = resourcesOf(template, 'AWS::EC2::VPC')[0][0];
    template.hasResourceProperties('AWS::EC2::FlowLog', {
      ResourceId: { Ref: vpcId },
      ResourceType: 'VPC',
      TrafficType: 'ALL',
      LogDestinationType: 'cloud-watch-logs',
      LogGroupName: { Ref: Match.stringLikeRegexp('^VpcFlowLogs') },
      DeliverLogsPermissionArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^VpcFlowLogRole'), 'Arn'] },
    });
  });

  test('seed 004 #7: the flow log group is KMS-encrypted, has a retention period and is retained', () => {
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: { RetentionInDays: 365, KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^VpcFlowLogsKey'), 'Arn'] } },
      DeletionPolicy: 'Retain',
    });
  });

  test('seed 004 #2 and #9: the S3 and DynamoDB gateway endpoints list every route table of the VPC', () => {
    const routeTables = resourcesOf(template, 'AWS::EC2::RouteTable').map(([id]) => id).sort();
    expect(routeTables).toHaveLength(azCount * (withPublic ? 2 : 1));
    const gateways = resourcesOf(template, 'AWS::EC2::VPCEndpoint').filter(([, e]) => e.Properties.VpcEndpointType === 'Gateway');
    expect(gateways).toHaveLength(2);
    const services = gateways.map(([, e]) => JSON.stringify(e.Properties.ServiceName));
    expect(services.some((s) => s.includes('.s3'))).toBe(true);
    expect(services.some((s) => s.includes('.dynamodb'))).toBe(true);
    for (const [, endpoint] of gateways) {
      expect(refs(endpoint.Properties.RouteTableIds)).toEqual(routeTables);
    }
  });

  test('seed 004 #3: no security group created by the library allows egress to 0.0.0.0/0 or ::/0', () => {
    const rules = egressRules(template);
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect(rule.CidrIp).not.toEqual('0.0.0.0/0');
      expect(rule.CidrIpv6).not.toEqual('::/0');
    }
  });

  test('the default security group is stripped of every rule', () => {
    const vpcId = resourcesOf(template, 'AWS::EC2::VPC')[0][0];
    const defaultSg = { 'Fn::GetAtt': [vpcId, 'DefaultSecurityGroup'] };
    const strip = resourcesOf(template, 'Custom::DefaultSecurityGroupRules');
    expect(strip).toHaveLength(1);
    expect(strip[0][1].Properties).toEqual({
      ServiceToken: { 'Fn::GetAtt': [expect.stringMatching(/^VpcNetworkDefaultsFunction/), 'Arn'] },
      SecurityGroupId: defaultSg,
      AccountId: '123456789012',
      Region: 'us-east-1',
    });
    // The handler may revoke rules of that one security group and of no other.
    const policy = resourcesOf(template, 'AWS::IAM::ManagedPolicy').find(([id]) => id.startsWith('VpcNetworkDefaultsRolePolicy'))![1];
    expect(policy.Properties.PolicyDocument.Statement).toEqual(expect.arrayContaining([{
      Sid: 'StripDefaultSecurityGroup',
      Effect: 'Allow',
      Action: ['ec2:RevokeSecurityGroupIngress', 'ec2:RevokeSecurityGroupEgress'],
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ec2:us-east-1:123456789012:security-group/', defaultSg]] },
    }]));
    // Nothing adds a rule to it.
    for (const type of ['AWS::EC2::SecurityGroupIngress', 'AWS::EC2::SecurityGroupEgress']) {
      for (const [, rule] of resourcesOf(template, type)) {
        expect(rule.Properties.GroupId).not.toEqual(defaultSg);
      }
    }
  });

  test('subnets never assign public IP addresses on launch', () => {
    template.allResourcesProperties('AWS::EC2::Subnet', { MapPublicIpOnLaunch: false });
  });

  test('no context lookup is needed', () => {
    expect(app.synth().manifest.missing).toBeUndefined();
  });

  test('zero unacknowledged findings across all packs', () => {
    expect(formatFindings(nagFindings(stack))).toEqual([]);
  });
});

describe('AuditedVpc defaults', () => {
  const { vpc, template } = synth();

  test('is an ec2.IVpc with private isolated subnets only in 2 AZs', () => {
    const asIVpc: ec2.IVpc = vpc.vpc;
    expect(asIVpc).toBe(vpc);
    expect(vpc).toBeInstanceOf(ec2.Vpc);
    expect(vpc.publicSubnets).toEqual([]);
    expect(vpc.privateSubnets).toEqual([]);
    expect(vpc.isolatedSubnets).toHaveLength(2);
    template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16', EnableDnsHostnames: true, EnableDnsSupport: true });
    template.resourceCountIs('AWS::EC2::InternetGateway', 0);
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
  });

  test('the flow log role is assumable only by VPC Flow Logs of this account, with a customer managed policy on the log group', () => {
    const roles = resourcesOf(template, 'AWS::IAM::Role').filter(([id]) => id.startsWith('VpcFlowLogRole'));
    expect(roles).toHaveLength(1);
    const role = roles[0][1];
    expect(role.Properties.Policies).toBeUndefined();
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([expect.objectContaining({
      Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
      Condition: {
        StringEquals: { 'aws:SourceAccount': '123456789012' },
        ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ec2:us-east-1:123456789012:vpc-flow-log/*']] } },
      },
    })]);
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: roles[0][0] }],
      PolicyDocument: {
        Statement: [{
          Sid: 'WriteFlowLogGroup',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^VpcFlowLogs'), 'Arn'] },
        }],
      },
    });
  });

  test('creates the default interface endpoints with private DNS, one network interface per AZ', () => {
    const interfaces = resourcesOf(template, 'AWS::EC2::VPCEndpoint').filter(([, e]) => e.Properties.VpcEndpointType === 'Interface');
    expect(interfaces).toHaveLength(AuditedVpc.DEFAULT_INTERFACE_ENDPOINTS.length);
    expect(vpc.interfaceEndpoints).toHaveLength(AuditedVpc.DEFAULT_INTERFACE_ENDPOINTS.length);
    for (const name of ['logs', 'kms', 'sts', 'sns', 'sqs', 'ecr.api', 'ecr.dkr', 'batch']) {
      expect(AuditedVpc.DEFAULT_INTERFACE_ENDPOINTS).toContain(name);
      expect(vpc.tryFindInterfaceEndpoint(name)).toBeDefined();
    }
    expect(vpc.tryFindInterfaceEndpoint('secretsmanager')).toBeUndefined();
    for (const [, endpoint] of interfaces) {
      expect(endpoint.Properties.PrivateDnsEnabled).toBe(true);
      expect(endpoint.Properties.SubnetIds).toHaveLength(2);
    }
  });

  test('the endpoint security group admits HTTPS from the VPC CIDR block only and sends nothing', () => {
    const groups = resourcesOf(template, 'AWS::EC2::SecurityGroup').filter(([id]) => id.startsWith('VpcEndpointSecurityGroup'));
    expect(groups).toHaveLength(1);
    const sg = groups[0][1].Properties;
    expect(sg.SecurityGroupIngress).toEqual([{ CidrIp: '10.0.0.0/16', Description: 'HTTPS from inside the VPC', FromPort: 443, ToPort: 443, IpProtocol: 'tcp' }]);
    expect(sg.SecurityGroupEgress).toEqual([expect.objectContaining({ CidrIp: '255.255.255.255/32', Description: 'Disallow all traffic' })]);
    template.resourceCountIs('AWS::EC2::SecurityGroupIngress', 0);
    const interfaces = resourcesOf(template, 'AWS::EC2::VPCEndpoint').filter(([, e]) => e.Properties.VpcEndpointType === 'Interface');
    for (const [, endpoint] of interfaces) {
      expect(endpoint.Properties.SecurityGroupIds).toEqual([{ 'Fn::GetAtt': [groups[0][0], 'GroupId'] }]);
    }
  });

  test('every endpoint has a data-perimeter policy: this account\'s resources (see endpoint-perimeter.test.ts)', () => {
    for (const [, e] of resourcesOf(template, 'AWS::EC2::VPCEndpoint')) {
      expect(JSON.stringify(e.Properties.PolicyDocument)).toMatch(/"aws:ResourceAccount"|:dynamodb:us-east-1:123456789012:\*"/);
    }
  });

  test('grantReadFlowLogs lets a principal read the log group and decrypt its events', () => {
    const { stack, template: t } = synth({}, (v) => {
      const reader = new iam.Role(v, 'Reader', { assumedBy: new iam.AccountRootPrincipal() });
      v.grantReadFlowLogs(reader);
    });
    const policies = resourcesOf(t, 'AWS::IAM::Policy');
    expect(policies).toHaveLength(1);
    const actions = policies[0][1].Properties.PolicyDocument.Statement.flatMap((st: any) => [st.Action].flat());
    expect(actions).toEqual(expect.arrayContaining(['kms:Decrypt', 'logs:FilterLogEvents', 'logs:GetLogEvents']));
    expect(stack.resolve(policies[0][1].Properties.PolicyDocument.Statement.find((st: any) => [st.Action].flat().includes('kms:Decrypt')).Resource))
      .toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^VpcFlowLogsKey/), 'Arn'] });
  });

  test('leaves no warning', () => {
    const warnings = Annotations.fromStack(vpc.stack).findWarning('*', Match.stringLikeRegexp('weakens a secure default'));
    expect(warnings).toEqual([]);
  });
});

describe('AuditedVpc security groups', () => {
  test('addSecurityGroup denies all egress except HTTPS to the interface endpoints and the gateway endpoints', () => {
    let sg: ec2.SecurityGroup | undefined;
    const { vpc, template } = synth({}, (v) => { sg = v.addSecurityGroup('Workers'); });
    const groups = resourcesOf(template, 'AWS::EC2::SecurityGroup').filter(([id]) => id.startsWith('VpcWorkers'));
    expect(groups).toHaveLength(1);
    const lookup = resourcesOf(template, 'Custom::GatewayPrefixLists');
    expect(lookup).toHaveLength(1);
    const endpointSg = resourcesOf(template, 'AWS::EC2::SecurityGroup').find(([id]) => id.startsWith('VpcEndpointSecurityGroup'))![0];
    const group = { 'Fn::GetAtt': [groups[0][0], 'GroupId'] };
    const rule = { GroupId: group, IpProtocol: 'tcp', FromPort: 443, ToPort: 443 };
    // Nothing inline (no "allow all"); exactly three rules, all HTTPS, none to a CIDR block.
    expect(groups[0][1].Properties.SecurityGroupEgress).toBeUndefined();
    const egress = resourcesOf(template, 'AWS::EC2::SecurityGroupEgress').map(([, r]) => r.Properties);
    expect(egress).toEqual(expect.arrayContaining([
      { ...rule, Description: 'HTTPS to the interface endpoints', DestinationSecurityGroupId: { 'Fn::GetAtt': [endpointSg, 'GroupId'] } },
      { ...rule, Description: 'HTTPS to S3 through the gateway endpoint', DestinationPrefixListId: { 'Fn::GetAtt': [lookup[0][0], 'S3'] } },
      { ...rule, Description: 'HTTPS to DynamoDB through the gateway endpoint', DestinationPrefixListId: { 'Fn::GetAtt': [lookup[0][0], 'DynamoDb'] } },
    ]));
    expect(egress).toHaveLength(3);
    expect(sg!.allowAllOutbound).toBe(false);
    expect(vpc.interfaceEndpoints.length).toBeGreaterThan(0);
  });

  test('the prefix list lookup is read-only, encrypted, traced and uses a customer managed policy', () => {
    const { template } = synth({}, (v) => v.addSecurityGroup('Workers'));
    const functions = resourcesOf(template, 'AWS::Lambda::Function');
    expect(functions).toHaveLength(1);
    const fn = functions[0][1].Properties;
    expect(fn.Runtime).toEqual('nodejs24.x');
    expect(fn.Architectures).toEqual(['arm64']);
    expect(fn.TracingConfig).toEqual({ Mode: 'Active' });
    expect(fn.LoggingConfig).toEqual(expect.objectContaining({ LogFormat: 'JSON', LogGroup: { Ref: expect.stringMatching(/^VpcNetworkDefaultsLogs/) } }));
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^VpcFlowLogsKey'), 'Arn'] },
      RetentionInDays: 365,
    });
    template.hasResourceProperties('Custom::GatewayPrefixLists', {
      ServiceToken: { 'Fn::GetAtt': [functions[0][0], 'Arn'] },
      Region: 'us-east-1',
    });
    const role = resourcesOf(template, 'AWS::IAM::Role').find(([id]) => id.startsWith('VpcNetworkDefaultsRole'))!;
    expect(role[1].Properties.Policies).toBeUndefined();
    expect(role[1].Properties.ManagedPolicyArns).toBeUndefined();
    template.resourceCountIs('AWS::IAM::Policy', 0);
    const policy = resourcesOf(template, 'AWS::IAM::ManagedPolicy').find(([id]) => id.startsWith('VpcNetworkDefaultsRolePolicy'))![1];
    expect(policy.Properties.Roles).toEqual([{ Ref: role[0] }]);
    expect(policy.Properties.PolicyDocument.Statement.map((st: any) => [st.Sid, st.Action, st.Resource === '*'])).toEqual([
      ['WriteOwnLogs', ['logs:CreateLogStream', 'logs:PutLogEvents'], false],
      ['WriteTraces', ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], true],
      ['StripDefaultSecurityGroup', ['ec2:RevokeSecurityGroupIngress', 'ec2:RevokeSecurityGroupEgress'], false],
      ['ReadManagedPrefixLists', 'ec2:DescribeManagedPrefixLists', true],
    ]);
  });

  test('the lookup is created once per VPC, and only when gateway endpoint egress is asked for', () => {
    const none = synth({}, (v) => v.addSecurityGroup('Db', { allowGatewayEndpoints: false }));
    none.template.resourceCountIs('Custom::GatewayPrefixLists', 0);
    const policy = resourcesOf(none.template, 'AWS::IAM::ManagedPolicy').find(([id]) => id.startsWith('VpcNetworkDefaultsRolePolicy'))![1];
    expect(JSON.stringify(policy)).not.toContain('DescribeManagedPrefixLists');
    const two = synth({}, (v) => { v.addSecurityGroup('A'); v.addSecurityGroup('B'); });
    two.template.resourceCountIs('Custom::GatewayPrefixLists', 1);
  });

  test('allowEgressTo opens egress to a named peer only', () => {
    const { stack, template } = synth({}, (v) => {
      const sg = v.addSecurityGroup('Db', { allowInterfaceEndpoints: false, allowGatewayEndpoints: false });
      v.allowEgressTo(sg, ec2.Peer.ipv4('10.1.0.0/16'), ec2.Port.tcp(5432), 'Database in the peered VPC');
    });
    const group = resourcesOf(template, 'AWS::EC2::SecurityGroup').find(([id]) => id.startsWith('VpcDb'))![1];
    expect(group.Properties.SecurityGroupEgress).toEqual([
      { CidrIp: '10.1.0.0/16', Description: 'Database in the peered VPC', FromPort: 5432, ToPort: 5432, IpProtocol: 'tcp' },
    ]);
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('weakens a secure default'))).toEqual([]);
  });

  test('egress to the whole internet through allowEgressTo works and is warned about', () => {
    const { stack, template } = synth({}, (v) => v.allowEgressTo(v.addSecurityGroup('Open'), ec2.Peer.anyIpv4(), ec2.Port.tcp(443)));
    Annotations.fromStack(stack).hasWarning('/TestStack/Vpc/Open', Match.stringLikeRegexp('allowEgressTo weakens a secure default: egress to 0.0.0.0/0'));
    expect(egressRules(template).some((r) => r.CidrIp === '0.0.0.0/0')).toBe(true);
  });
});

describe('AuditedVpc with every option on', () => {
  const app = appWithAzContext();
  const stack = newStack(app);
  const flowBucket = new ComplianceBucket(stack, 'FlowLogBucket');
  const key = new ComplianceKey(stack, 'FlowLogKey');
  const vpc = new AuditedVpc(stack, 'Vpc', {
    vpcName: 'audited',
    cidr: '10.20.0.0/16',
    peerCidrs: ['10.21.0.0/16', '192.168.0.0/24'],
    availabilityZones: AZS,
    natGateways: 1,
    subnetConfiguration: [
      { name: 'Ingress', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
      { name: 'App', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 },
      { name: 'Data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 22 },
    ],
    flowLogRetention: logs.RetentionDays.TEN_YEARS,
    flowLogEncryptionKey: key,
    flowLogBucket: flowBucket,
    flowLogFormat: [ec2.LogFormat.ALL_DEFAULT_FIELDS, ec2.LogFormat.FLOW_DIRECTION, ec2.LogFormat.TRAFFIC_PATH],
    flowLogMaxAggregationInterval: ec2.FlowLogMaxAggregationInterval.ONE_MINUTE,
    interfaceEndpoints: ['logs', 'kms', 'secretsmanager', 'ssm'],
    gatewayEndpointAccess: GatewayEndpointAccess.accounts(['210987654321']),
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const workers = vpc.addSecurityGroup('Workers', { description: 'Batch workers', securityGroupName: 'workers' });
  vpc.allowEgressTo(workers, ec2.Peer.ipv4('10.21.0.0/16'), ec2.Port.tcp(5432), 'Database in the peered VPC');
  const template = Template.fromStack(stack);

  test('uses the given CIDR, name and three subnet groups in three AZs', () => {
    template.hasResourceProperties('AWS::EC2::VPC', {
      CidrBlock: '10.20.0.0/16',
      Tags: Match.arrayWith([{ Key: 'Name', Value: 'audited' }]),
    });
    template.resourceCountIs('AWS::EC2::Subnet', 9);
    template.resourceCountIs('AWS::EC2::NatGateway', 1);
  });

  test('gateway endpoints still list every route table, public ones included', () => {
    const routeTables = resourcesOf(template, 'AWS::EC2::RouteTable').map(([id]) => id).sort();
    expect(routeTables).toHaveLength(9);
    const gateways = resourcesOf(template, 'AWS::EC2::VPCEndpoint').filter(([, e]) => e.Properties.VpcEndpointType === 'Gateway');
    for (const [, endpoint] of gateways) {
      expect(refs(endpoint.Properties.RouteTableIds)).toEqual(routeTables);
    }
  });

  test('gateway endpoint policies are narrowed to the listed accounts', () => {
    const gateways = resourcesOf(template, 'AWS::EC2::VPCEndpoint').filter(([, e]) => e.Properties.VpcEndpointType === 'Gateway');
    const s3 = gateways.find(([, e]) => JSON.stringify(e.Properties.ServiceName).includes('.s3'))![1];
    const dynamo = gateways.find(([, e]) => JSON.stringify(e.Properties.ServiceName).includes('.dynamodb'))![1];
    expect(s3.Properties.PolicyDocument.Statement).toEqual(expect.arrayContaining([
      expect.objectContaining({
        Sid: 'OwnAccountsBucketsOnly',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 's3:*',
        Resource: '*',
        Condition: { StringEquals: { 'aws:ResourceAccount': ['123456789012', '210987654321'] } },
      }),
      expect.objectContaining({ Sid: 'EcrImageLayers', Action: 's3:GetObject' }),
    ]));
    expect(dynamo.Properties.PolicyDocument.Statement).toEqual([expect.objectContaining({
      Sid: 'OwnAccountsTablesOnly',
      Action: 'dynamodb:*',
      Resource: [
        { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':dynamodb:us-east-1:123456789012:*']] },
        { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':dynamodb:us-east-1:210987654321:*']] },
      ],
    })]);
  });

  test('flow logs go to the log group (given key, ten years) and to the bucket, with the custom format', () => {
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      RetentionInDays: 3653,
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FlowLogKey'), 'Arn'] },
    });
    const format = '${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status} ${flow-direction} ${traffic-path}';
    template.hasResourceProperties('AWS::EC2::FlowLog', { LogDestinationType: 'cloud-watch-logs', TrafficType: 'ALL', LogFormat: format, MaxAggregationInterval: 60 });
    template.hasResourceProperties('AWS::EC2::FlowLog', {
      LogDestinationType: 's3',
      TrafficType: 'ALL',
      LogFormat: format,
      LogDestination: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^FlowLogBucket'), 'Arn'] }, '/vpc-flow-logs/']] },
    });
  });

  test('the bucket lets log delivery write under the prefix, and its key lets log delivery encrypt', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'FlowLogDeliveryWrite',
            Principal: { Service: 'delivery.logs.amazonaws.com' },
            Action: 's3:PutObject',
            Condition: Match.objectLike({ StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': '123456789012' } }),
          }),
          Match.objectLike({ Sid: 'FlowLogDeliveryAclCheck', Action: ['s3:GetBucketAcl', 's3:ListBucket'] }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([Match.objectLike({
          Principal: { Service: 'delivery.logs.amazonaws.com' },
          Action: Match.arrayWith(['kms:Decrypt', 'kms:GenerateDataKey']),
          Condition: Match.objectLike({ StringEquals: { 'aws:SourceAccount': '123456789012' } }),
        })]),
      },
    });
  });

  test('creates only the interface endpoints asked for, in the isolated subnets', () => {
    expect(vpc.interfaceEndpoints).toHaveLength(4);
    expect(vpc.tryFindInterfaceEndpoint('secretsmanager')).toBeDefined();
    const isolated = vpc.isolatedSubnets.map((s) => stack.resolve(s.subnetId));
    for (const [, endpoint] of resourcesOf(template, 'AWS::EC2::VPCEndpoint').filter(([, e]) => e.Properties.VpcEndpointType === 'Interface')) {
      expect(endpoint.Properties.SubnetIds).toEqual(isolated);
    }
  });

  test('seed 004 #3: no security group allows egress to 0.0.0.0/0 or ::/0', () => {
    for (const rule of egressRules(template)) {
      expect(rule.CidrIp).not.toEqual('0.0.0.0/0');
      expect(rule.CidrIpv6).not.toEqual('::/0');
    }
  });

  test('public subnets and NAT gateways work and are warned about', () => {
    const annotations = Annotations.fromStack(stack);
    annotations.hasWarning('/TestStack/Vpc', Match.stringLikeRegexp('natGateways weakens a secure default'));
    annotations.hasWarning('/TestStack/Vpc', Match.stringLikeRegexp('subnetConfiguration weakens a secure default: public subnets \\(Ingress\\)'));
  });

  test('the unfixable public routes are acknowledged on each route, by exact rule', () => {
    for (const subnet of vpc.publicSubnets) {
      const route = subnet.node.findChild('DefaultRoute');
      const acknowledged = route.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY);
      expect(JSON.stringify(acknowledged)).toContain('NIST.800.53.R5-VPCNoUnrestrictedRouteToIGW');
    }
  });

  test('no context lookup is needed', () => {
    expect(app.synth().manifest.missing).toBeUndefined();
  });

  test('zero unacknowledged findings across all packs', () => {
    expect(formatFindings(nagFindings(stack))).toEqual([]);
  });
});

describe('AuditedVpc opt-in weakenings', () => {
  test('natGateways alone gives public subnets for the gateways and private subnets with egress, and warns', () => {
    const { stack, vpc, template } = synth({ natGateways: 1 });
    expect(vpc.publicSubnets).toHaveLength(2);
    expect(vpc.privateSubnets).toHaveLength(2);
    expect(vpc.isolatedSubnets).toHaveLength(0);
    template.resourceCountIs('AWS::EC2::NatGateway', 1);
    template.allResourcesProperties('AWS::EC2::Subnet', { MapPublicIpOnLaunch: false });
    Annotations.fromStack(stack).hasWarning('/TestStack/Vpc', Match.stringLikeRegexp('natGateways weakens a secure default'));
    // Gateway endpoints still cover every route table, so S3 and DynamoDB traffic never takes the NAT path.
    const routeTables = resourcesOf(template, 'AWS::EC2::RouteTable').map(([id]) => id).sort();
    for (const [, endpoint] of resourcesOf(template, 'AWS::EC2::VPCEndpoint').filter(([, e]) => e.Properties.VpcEndpointType === 'Gateway')) {
      expect(refs(endpoint.Properties.RouteTableIds)).toEqual(routeTables);
    }
    expect(formatFindings(nagFindings(stack))).toEqual([]);
  });

  test('public IP addresses on launch work when asked for, are warned about and stay visible to the packs', () => {
    const { stack, template } = synth({
      subnetConfiguration: [{ name: 'Edge', subnetType: ec2.SubnetType.PUBLIC, mapPublicIpOnLaunch: true }],
    });
    template.hasResourceProperties('AWS::EC2::Subnet', { MapPublicIpOnLaunch: true });
    Annotations.fromStack(stack).hasWarning('/TestStack/Vpc', Match.stringLikeRegexp('instances launched in Edge get a public IP address automatically'));
    const findings = formatFindings(nagFindings(stack));
    expect(findings.some((f) => f.startsWith('NIST.800.53.R5-VPCSubnetAutoAssignPublicIpDisabled TestStack/Vpc/EdgeSubnet1'))).toBe(true);
  });
});

describe('AuditedVpc Availability Zones', () => {
  test('an environment-agnostic stack gets as many AZs as asked for, picked at deploy time, with no lookup', () => {
    const app = new App();
    const stack = new Stack(app, 'Agnostic');
    const vpc = new AuditedVpc(stack, 'Vpc', { azCount: 3 });
    expect(vpc.isolatedSubnets).toHaveLength(3);
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::Subnet', {
      AvailabilityZone: { 'Fn::Select': [2, { 'Fn::GetAZs': '' }] },
    });
    expect(app.synth().manifest.missing).toBeUndefined();
  });

  test('explicit AZs in an environment-agnostic stack need no lookup', () => {
    const app = new App();
    const stack = new Stack(app, 'Agnostic');
    new AuditedVpc(stack, 'Vpc', { availabilityZones: ['eu-west-1a', 'eu-west-1c'] });
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::Subnet', { AvailabilityZone: 'eu-west-1c' });
    expect(app.synth().manifest.missing).toBeUndefined();
  });

  test('more AZs than the Region offers fail at synth', () => {
    expect(() => synth({ azCount: 4 })).toThrow(/Vpc: invalid azCount: 4\. The Region us-east-1 offers 3 Availability Zones/);
  });
});

describe('AuditedVpc bad input fails at synth with a clear message', () => {
  test.each([
    ['not a CIDR', 'banana', /invalid cidr: 'banana'\. It must be an IPv4 CIDR block/],
    ['an octet above 255', '10.0.0.300/16', /invalid cidr: '10\.0\.0\.300\/16'\. Each of the four numbers/],
    ['a prefix above 32', '10.0.0.0/33', /invalid cidr: '10\.0\.0\.0\/33'\./],
    ['host bits set', '10.0.0.1/16', /invalid cidr: '10\.0\.0\.1\/16'\. The address has host bits set for a \/16; the block starts at 10\.0\.0\.0\/16/],
    ['a block larger than /16', '10.0.0.0/8', /invalid cidr: '10\.0\.0\.0\/8'\. A VPC CIDR block has a prefix length from \/16 to \/28/],
    ['a block smaller than /28', '10.0.0.0/29', /invalid cidr: '10\.0\.0\.0\/29'/],
  ])('invalid cidr: %s', (_, cidr, message) => {
    expect(() => synth({ cidr })).toThrow(message);
  });

  test('overlapping CIDR: the VPC overlaps a peer network', () => {
    expect(() => synth({ cidr: '10.0.0.0/16', peerCidrs: ['10.0.128.0/17'] }))
      .toThrow(/TestStack\/Vpc: invalid cidr: '10\.0\.0\.0\/16'\. It overlaps peerCidrs\[0\] \(10\.0\.128\.0\/17\)/);
  });

  test('overlapping CIDR: a peer network that contains the VPC', () => {
    expect(() => synth({ cidr: '10.1.2.0/24', peerCidrs: ['192.168.0.0/16', '10.0.0.0/8'] }))
      .toThrow(/invalid cidr: '10\.1\.2\.0\/24'\. It overlaps peerCidrs\[1\] \(10\.0\.0\.0\/8\)/);
  });

  test('an invalid peer CIDR', () => {
    expect(() => synth({ peerCidrs: ['10.1.0.0/160'] })).toThrow(/invalid peerCidrs\[0\]: '10\.1\.0\.0\/160'/);
  });

  test('zero AZs: azCount 0', () => {
    expect(() => synth({ azCount: 0 })).toThrow(/TestStack\/Vpc: invalid azCount: 0\. Allowed: a whole number, 1 or more/);
  });

  test('zero AZs: an empty availabilityZones list', () => {
    expect(() => synth({ availabilityZones: [] })).toThrow(/invalid availabilityZones: \[\]\. Give at least one Availability Zone/);
  });

  test('azCount that contradicts availabilityZones', () => {
    expect(() => synth({ availabilityZones: ['us-east-1a'], azCount: 2 })).toThrow(/invalid azCount: 2\. It must match the 1 availabilityZones given/);
  });

  test('more AZs than the subnet mask allows', () => {
    expect(() => synth({
      cidr: '10.0.0.0/24',
      availabilityZones: AZS,
      subnetConfiguration: [{ name: 'Private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 25 }],
    })).toThrow(/invalid azCount: 3\. 3 Availability Zones need 3 \/25 subnets for group Private, and 10\.0\.0\.0\/24 has no room left from 10\.0\.1\.0/);
  });

  test('more AZs than the space left for subnets without a mask allows', () => {
    expect(() => synth({
      cidr: '10.0.0.0/26',
      availabilityZones: AZS,
      subnetConfiguration: [
        { name: 'A', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
        { name: 'B', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      ],
    })).toThrow(/invalid azCount: 3\. 6 subnets without a cidrMask would share 64 addresses in 10\.0\.0\.0\/26, less than a \/28 each/);
  });

  test('a subnet mask larger than the VPC', () => {
    expect(() => synth({
      cidr: '10.0.0.0/20',
      subnetConfiguration: [{ name: 'Private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 16 }],
    })).toThrow(/invalid subnetConfiguration\[Private\]\.cidrMask: 16\. A subnet's prefix length is from \/20/);
  });

  test('an unknown endpoint service name', () => {
    expect(() => synth({ interfaceEndpoints: ['logs', 'ecr'] }))
      .toThrow(/invalid interfaceEndpoints: 'ecr'\. It is not an interface endpoint service known to aws-cdk-lib.*did you mean "ecr\.api", "ecr\.dkr"/);
    expect(() => synth({ interfaceEndpoints: ['com.amazonaws.us-east-1.logs'] })).toThrow(/invalid interfaceEndpoints: 'com\.amazonaws\.us-east-1\.logs'/);
  });

  test('an endpoint service listed twice', () => {
    expect(() => synth({ interfaceEndpoints: ['logs', 'logs'] })).toThrow(/invalid interfaceEndpoints: 'logs'\. Each service may appear once/);
  });

  test('NAT gateways without public subnets', () => {
    expect(() => synth({ natGateways: 1, subnetConfiguration: [{ name: 'Private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] }))
      .toThrow(/invalid natGateways: 1\. NAT gateways live in public subnets/);
  });

  test('PRIVATE_WITH_EGRESS subnets without NAT gateways', () => {
    expect(() => synth({ subnetConfiguration: [{ name: 'App', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }] }))
      .toThrow(/invalid subnetConfiguration: \["App:Private"\]\. PRIVATE_WITH_EGRESS subnets need NAT gateways/);
  });

  test('an empty flow log format', () => {
    expect(() => synth({ flowLogFormat: [] })).toThrow(/invalid flowLogFormat: \[\]\. Give at least one field/);
  });

  test('a malformed account id in gatewayEndpointAccess', () => {
    expect(() => synth({ gatewayEndpointAccess: GatewayEndpointAccess.accounts(['12345']) })).toThrow(/invalid gatewayEndpointAccess: '12345'\. Account ids are twelve digits/);
  });
});
