/**
 * The data perimeter of an AuditedVpc's endpoints, judged by the library's own policy evaluator on
 * the synthesized endpoint policies: code in the VPC reaches this account's buckets, tables and
 * queues and the Region's ECR image layer bucket through the endpoints, and no one else's.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AuditedVpc, AuditedVpcProps, GatewayEndpointAccess } from '../../src';
import { evaluateRequest } from '../../src/policy/evaluate';

const OWN = '123456789012';
const OTHER = '210987654321';
const AZS = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

function endpointPolicies(props: AuditedVpcProps = {}): { stack: Stack; policies: Record<string, any> } {
  const app = new App({ context: { 'availability-zones:account=123456789012:region=us-east-1': AZS } });
  const stack = new Stack(app, 'TestStack', { env: { account: OWN, region: 'us-east-1' } });
  new AuditedVpc(stack, 'Vpc', props);
  const policies: Record<string, any> = {};
  for (const endpoint of Object.values<any>(Template.fromStack(stack).findResources('AWS::EC2::VPCEndpoint'))) {
    const service = flatten(endpoint.Properties.ServiceName).replace(/^com\.amazonaws\.us-east-1\./, '');
    policies[service] = endpoint.Properties.PolicyDocument === undefined ? undefined : JSON.parse(JSON.stringify(endpoint.Properties.PolicyDocument, (_k, v) => (v && typeof v === 'object' && (v['Fn::Join'] || v.Ref) ? flatten(v) : v)));
  }
  return { stack, policies };
}

function flatten(node: any): string {
  if (typeof node === 'string') return node;
  if (node.Ref === 'AWS::Partition') return 'aws';
  if (node.Ref === 'AWS::Region') return 'us-east-1';
  if (node.Ref === 'AWS::URLSuffix') return 'amazonaws.com';
  if (node['Fn::Join']) return node['Fn::Join'][1].map(flatten).join(node['Fn::Join'][0]);
  throw new Error(`cannot flatten ${JSON.stringify(node)}`);
}

/** Whether the endpoint policy lets a role of this account make the request (its own IAM policies aside). */
function through(policy: any, action: string, resource: string, resourceAccount: string | undefined, extra: Record<string, string> = {}): string {
  const context: Record<string, string> = { ...extra };
  if (resourceAccount !== undefined) context['aws:ResourceAccount'] = resourceAccount;
  return evaluateRequest({
    principal: { role: `arn:aws:iam::${OWN}:role/worker`, account: OWN },
    action,
    resource,
    resourceAccount: resourceAccount ?? OWN,
    context,
    identityPolicies: [],
    resourcePolicy: { name: 'the endpoint policy', document: policy },
    mode: 'same-account',
  }).decision;
}

describe('by default (GatewayEndpointAccess.ownAccount())', () => {
  const { stack, policies } = endpointPolicies();

  test('S3: this account\'s buckets, and the ECR image layer bucket, and no one else\'s', () => {
    expect(through(policies.s3, 's3:PutObject', 'arn:aws:s3:::own-data/report.csv', OWN)).toBe('allowed');
    expect(through(policies.s3, 's3:GetObject', 'arn:aws:s3:::own-data/input.csv', OWN)).toBe('allowed');
    expect(through(policies.s3, 's3:PutObject', 'arn:aws:s3:::attacker-drop/loot.csv', OTHER)).toBe('denied');
    expect(through(policies.s3, 's3:GetObject', 'arn:aws:s3:::prod-us-east-1-starport-layer-bucket/layer', '999999999999')).toBe('allowed');
    expect(through(policies.s3, 's3:PutObject', 'arn:aws:s3:::prod-us-east-1-starport-layer-bucket/layer', '999999999999')).toBe('denied');
  });

  test('DynamoDB: this account\'s tables, and no one else\'s', () => {
    expect(through(policies.dynamodb, 'dynamodb:PutItem', `arn:aws:dynamodb:us-east-1:${OWN}:table/jobs`, OWN)).toBe('allowed');
    expect(through(policies.dynamodb, 'dynamodb:PutItem', `arn:aws:dynamodb:us-east-1:${OTHER}:table/loot`, OTHER)).toBe('denied');
  });

  test('interface endpoints: this account\'s queues, topics, keys and log groups, requests that name no resource, and no one else\'s', () => {
    expect(through(policies.sqs, 'sqs:SendMessage', `arn:aws:sqs:us-east-1:${OWN}:work`, OWN)).toBe('allowed');
    expect(through(policies.sqs, 'sqs:SendMessage', `arn:aws:sqs:us-east-1:${OTHER}:loot`, OTHER)).toBe('denied');
    expect(through(policies.sns, 'sns:Publish', `arn:aws:sns:us-east-1:${OTHER}:loot`, OTHER)).toBe('denied');
    expect(through(policies.kms, 'kms:Decrypt', `arn:aws:kms:us-east-1:${OWN}:key/k`, OWN)).toBe('allowed');
    expect(through(policies.logs, 'logs:PutLogEvents', `arn:aws:logs:us-east-1:${OWN}:log-group:jobs:log-stream:s`, OWN)).toBe('allowed');
    expect(through(policies['ecr.api'], 'ecr:GetAuthorizationToken', '*', undefined)).toBe('allowed');
    expect(through(policies['ecr.dkr'], 'ecr:BatchGetImage', `arn:aws:ecr:us-east-1:${OWN}:repository/worker`, OWN)).toBe('allowed');
    expect(through(policies.monitoring, 'cloudwatch:PutMetricData', '*', undefined)).toBe('allowed');
    expect(Object.keys(policies).sort()).toEqual([...AuditedVpc.DEFAULT_INTERFACE_ENDPOINTS, 's3', 'dynamodb'].sort());
    for (const name of AuditedVpc.DEFAULT_INTERFACE_ENDPOINTS) {
      expect(policies[name]).toBeDefined();
    }
  });

  test('no warning', () => {
    Annotations.fromStack(stack).hasNoWarning('/TestStack/Vpc', Match.stringLikeRegexp('gatewayEndpointAccess'));
  });
});

describe('GatewayEndpointAccess.organization(...)', () => {
  const { policies } = endpointPolicies({ gatewayEndpointAccess: GatewayEndpointAccess.organization('o-a1b2c3d4e5') });

  test('resources of the organization\'s accounts, and no one else\'s', () => {
    const inOrg = { 'aws:ResourceOrgID': 'o-a1b2c3d4e5' };
    const outside = { 'aws:ResourceOrgID': 'o-zzzzzzzzzz' };
    expect(through(policies.s3, 's3:PutObject', 'arn:aws:s3:::sister-account/x', OTHER, inOrg)).toBe('allowed');
    expect(through(policies.s3, 's3:PutObject', 'arn:aws:s3:::elsewhere/x', '999999999999', outside)).toBe('denied');
    expect(through(policies.dynamodb, 'dynamodb:PutItem', `arn:aws:dynamodb:us-east-1:${OTHER}:table/t`, OTHER, inOrg)).toBe('allowed');
    expect(through(policies.dynamodb, 'dynamodb:PutItem', 'arn:aws:dynamodb:us-east-1:999999999999:table/t', '999999999999', outside)).toBe('denied');
    expect(through(policies.sqs, 'sqs:SendMessage', 'arn:aws:sqs:us-east-1:999999999999:q', '999999999999', outside)).toBe('denied');
    expect(through(policies.s3, 's3:GetObject', 'arn:aws:s3:::prod-us-east-1-starport-layer-bucket/layer', '999999999999', outside)).toBe('allowed');
  });

  test('a malformed organization id fails at synth', () => {
    expect(() => endpointPolicies({ gatewayEndpointAccess: GatewayEndpointAccess.organization('org-1') })).toThrow(/invalid gatewayEndpointAccess: 'org-1'\. Organization ids are "o-"/);
  });
});

describe('GatewayEndpointAccess.anyAccount()', () => {
  const { stack, policies } = endpointPolicies({ gatewayEndpointAccess: GatewayEndpointAccess.anyAccount() });

  test('works: the AWS default policy on every endpoint, so other accounts\' resources are reachable', () => {
    for (const policy of Object.values(policies)) {
      expect(policy).toBeUndefined();
    }
  });

  test('and warns', () => {
    Annotations.fromStack(stack).hasWarning('/TestStack/Vpc', Match.stringLikeRegexp('gatewayEndpointAccess weakens a secure default'));
  });
});
