import { referenceDecision, replayable } from './reference';
import { Decision, evaluateRequest, PolicyRequest } from '../../src/policy/evaluate';
import { unknown } from '../../src/policy/values';

const ACCOUNT = '123456789012';
const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:alerts`;
const RULE = `arn:aws:events:us-east-1:${ACCOUNT}:rule/job-failed`;
const OTHER_RULE = `arn:aws:events:us-east-1:${ACCOUNT}:rule/other`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/worker`;
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const BUCKET = 'arn:aws:s3:::audit-logs';

const doc = (...Statement: any[]) => ({ Version: '2012-10-17', Statement });
const allowEvents = (extra: any = {}) => ({ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sns:Publish', Resource: TOPIC, ...extra });

/** EventBridge publishing to a topic, judged by the topic policy. */
function publish(statements: any[], context: Record<string, any> = { 'aws:SourceArn': RULE, 'aws:SourceAccount': ACCOUNT }): PolicyRequest {
  return {
    principal: { service: 'events.amazonaws.com' },
    action: 'sns:Publish',
    resource: TOPIC,
    resourceAccount: ACCOUNT,
    context,
    resourcePolicy: { name: 'the topic policy', document: doc(...statements) },
    mode: 'same-account',
  };
}

/** A role's request, judged by its identity policy (and a resource policy). */
function roleCall(action: string, resource: string, identity: any[], resourceStatements?: any[], context: Record<string, any> = {}, mode: PolicyRequest['mode'] = 'same-account'): PolicyRequest {
  return {
    principal: { role: ROLE, account: ACCOUNT },
    action,
    resource,
    resourceAccount: ACCOUNT,
    context,
    mode,
    identityPolicies: [{ name: 'the role policy', document: doc(...identity) }],
    resourcePolicy: resourceStatements ? { name: mode === 'kms' ? 'the key policy' : 'the resource policy', document: doc(...resourceStatements) } : undefined,
  };
}

const ROOT = { AWS: `arn:aws:iam::${ACCOUNT}:root` };

const CASES: Array<[string, PolicyRequest, Decision]> = [
  // ---- statement matching ----
  ['service principal admitted', publish([allowEvents()]), 'allowed'],
  ['other service principal', publish([{ ...allowEvents(), Principal: { Service: 'cloudwatch.amazonaws.com' } }]), 'denied'],
  ['service principal in a list', publish([{ ...allowEvents(), Principal: { Service: ['cloudwatch.amazonaws.com', 'events.amazonaws.com'] } }]), 'allowed'],
  ['Principal "*"', publish([{ ...allowEvents(), Principal: '*' }]), 'allowed'],
  ['Principal AWS "*"', publish([{ ...allowEvents(), Principal: { AWS: '*' } }]), 'allowed'],
  ['account root does not admit a service', publish([{ ...allowEvents(), Principal: ROOT }]), 'denied'],
  ['action wildcard', publish([{ ...allowEvents(), Action: 'sns:Pub*' }]), 'allowed'],
  ['action case-insensitive', publish([{ ...allowEvents(), Action: 'SNS:publish' }]), 'allowed'],
  ['other action', publish([{ ...allowEvents(), Action: 'sns:Subscribe' }]), 'denied'],
  ['NotAction excludes it', publish([{ ...allowEvents(), Action: undefined, NotAction: 'sns:Publish' }]), 'denied'],
  ['NotAction admits it', publish([{ ...allowEvents(), Action: undefined, NotAction: 'sns:Subscribe' }]), 'allowed'],
  ['resource wildcard in a segment', publish([{ ...allowEvents(), Resource: 'arn:aws:sns:*:123456789012:*' }]), 'allowed'],
  ['other resource', publish([{ ...allowEvents(), Resource: `arn:aws:sns:us-east-1:${ACCOUNT}:other` }]), 'denied'],
  ['NotResource excludes it', publish([{ ...allowEvents(), Resource: undefined, NotResource: TOPIC }]), 'denied'],
  ['NotPrincipal admits others', publish([{ ...allowEvents(), Principal: undefined, NotPrincipal: { Service: 'cloudwatch.amazonaws.com' } }]), 'allowed'],
  ['explicit deny wins', publish([allowEvents(), { ...allowEvents(), Effect: 'Deny' }]), 'denied'],
  ['deny of another action does not apply', publish([allowEvents(), { ...allowEvents(), Effect: 'Deny', Action: 'sns:Subscribe' }]), 'allowed'],
  // ---- conditions ----
  ['ArnLike aws:SourceArn matches', publish([allowEvents({ Condition: { ArnLike: { 'aws:SourceArn': RULE } } })]), 'allowed'],
  ['ArnLike aws:SourceArn of another rule', publish([allowEvents({ Condition: { ArnLike: { 'aws:SourceArn': OTHER_RULE } } })]), 'denied'],
  ['ArnLike wildcard rule', publish([allowEvents({ Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:events:*:${ACCOUNT}:rule/*` } } })]), 'allowed'],
  ['ArnEquals list, one matches', publish([allowEvents({ Condition: { ArnEquals: { 'aws:SourceArn': [OTHER_RULE, RULE] } } })]), 'allowed'],
  ['ArnNotEquals the rule', publish([allowEvents({ Condition: { ArnNotEquals: { 'aws:SourceArn': RULE } } })]), 'denied'],
  ['condition key names are case-insensitive', publish([allowEvents({ Condition: { StringEquals: { 'AWS:SOURCEACCOUNT': ACCOUNT } } })]), 'allowed'],
  ['StringEquals values are case-sensitive', publish([allowEvents({ Condition: { StringEquals: { 'aws:SourceArn': RULE.toUpperCase() } } })]), 'denied'],
  ['StringEqualsIgnoreCase', publish([allowEvents({ Condition: { StringEqualsIgnoreCase: { 'aws:SourceArn': RULE.toUpperCase() } } })]), 'allowed'],
  ['StringLike with ?', publish([allowEvents({ Condition: { StringLike: { 'aws:SourceAccount': '12345678901?' } } })]), 'allowed'],
  ['StringNotLike', publish([allowEvents({ Condition: { StringNotLike: { 'aws:SourceAccount': '1234*' } } })]), 'denied'],
  ['missing key: positive operator fails', publish([allowEvents({ Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } })], {}), 'denied'],
  ['missing key: negated operator holds', publish([allowEvents({ Condition: { StringNotEquals: { 'aws:SourceAccount': '999999999999' } } })], {}), 'allowed'],
  ['missing key: IfExists holds', publish([allowEvents({ Condition: { StringEqualsIfExists: { 'aws:SourceAccount': '999999999999' } } })], {}), 'allowed'],
  ['present key: IfExists compares', publish([allowEvents({ Condition: { StringEqualsIfExists: { 'aws:SourceAccount': '999999999999' } } })]), 'denied'],
  ['deny with negated IfExists applies to a request without the key', {
    ...publish([allowEvents(), { ...allowEvents(), Effect: 'Deny', Condition: { StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption': 'AES256' } } }]),
  }, 'denied'],
  ['Null true: key absent', publish([allowEvents({ Condition: { Null: { 'aws:PrincipalOrgID': 'true' } } })]), 'allowed'],
  ['Null false: key absent', publish([allowEvents({ Condition: { Null: { 'aws:PrincipalOrgID': 'false' } } })]), 'denied'],
  ['Bool', publish([allowEvents({ Condition: { Bool: { 'aws:SecureTransport': 'true' } } })], { 'aws:SecureTransport': 'true' }), 'allowed'],
  ['Bool false', publish([allowEvents({ Condition: { Bool: { 'aws:SecureTransport': 'true' } } })], { 'aws:SecureTransport': 'false' }), 'denied'],
  ['NumericLessThan', publish([allowEvents({ Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } } })], { 'aws:MultiFactorAuthAge': '60' }), 'allowed'],
  ['NumericGreaterThan fails', publish([allowEvents({ Condition: { NumericGreaterThan: { 'aws:MultiFactorAuthAge': '3600' } } })], { 'aws:MultiFactorAuthAge': '60' }), 'denied'],
  ['DateLessThan', publish([allowEvents({ Condition: { DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } } })], { 'aws:CurrentTime': '2026-12-01T00:00:00Z' }), 'allowed'],
  ['DateGreaterThan fails', publish([allowEvents({ Condition: { DateGreaterThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } } })], { 'aws:CurrentTime': '2026-12-01T00:00:00Z' }), 'denied'],
  ['IpAddress in CIDR', publish([allowEvents({ Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } })], { 'aws:SourceIp': '10.1.2.3' }), 'allowed'],
  ['NotIpAddress', publish([allowEvents({ Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } })], { 'aws:SourceIp': '10.1.2.3' }), 'denied'],
  ['IPv6 in CIDR', publish([allowEvents({ Condition: { IpAddress: { 'aws:SourceIp': '2001:db8::/32' } } })], { 'aws:SourceIp': '2001:db8::1' }), 'allowed'],
  ['ForAnyValue: one tag matches', publish([allowEvents({ Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team'] } } })], { 'aws:TagKeys': ['team', 'cost'] }), 'allowed'],
  ['ForAllValues: one tag outside', publish([allowEvents({ Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } } })], { 'aws:TagKeys': ['team', 'cost'] }), 'denied'],
  ['ForAllValues: key absent holds', publish([allowEvents({ Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } } })], {}), 'allowed'],
  ['ForAnyValue: key absent fails', publish([allowEvents({ Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team'] } } })], {}), 'denied'],
  ['two operators must both hold', publish([allowEvents({ Condition: { ArnLike: { 'aws:SourceArn': RULE }, StringEquals: { 'aws:SourceAccount': '999999999999' } } })]), 'denied'],
  ['policy variable in a condition', publish([allowEvents({ Condition: { StringEquals: { 'aws:SourceAccount': '${aws:ResourceAccount}' } } })], { 'aws:SourceAccount': ACCOUNT, 'aws:ResourceAccount': ACCOUNT }), 'allowed'],
  // ---- how the documents combine ----
  ['same account: identity policy alone', roleCall('sqs:SendMessage', `arn:aws:sqs:us-east-1:${ACCOUNT}:q`, [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }]), 'allowed'],
  ['same account: resource policy naming the role alone', roleCall('sqs:SendMessage', `arn:aws:sqs:us-east-1:${ACCOUNT}:q`, [],
    [{ Effect: 'Allow', Principal: { AWS: ROLE }, Action: 'sqs:SendMessage', Resource: `arn:aws:sqs:us-east-1:${ACCOUNT}:q` }]), 'allowed'],
  ['same account: neither allows', roleCall('sqs:SendMessage', `arn:aws:sqs:us-east-1:${ACCOUNT}:q`, [{ Effect: 'Allow', Action: 'sqs:ReceiveMessage', Resource: '*' }]), 'denied'],
  ['same account: resource policy deny wins over identity allow', roleCall('sqs:SendMessage', `arn:aws:sqs:us-east-1:${ACCOUNT}:q`, [{ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }],
    [{ Effect: 'Deny', Principal: '*', Action: 'sqs:SendMessage', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }], { 'aws:SecureTransport': 'false' }), 'denied'],
  ['identity policy resource with a policy variable', roleCall('s3:PutObject', `${BUCKET}/worker/x`, [{ Effect: 'Allow', Action: 's3:PutObject', Resource: `${BUCKET}/\${aws:PrincipalTag/team}/*` }],
    undefined, { 'aws:PrincipalTag/team': 'worker' }), 'allowed'],
  ['kms: key policy delegates to the account, identity allows', roleCall('kms:Decrypt', KEY, [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: KEY }],
    [{ Effect: 'Allow', Principal: ROOT, Action: 'kms:*', Resource: '*' }], {}, 'kms'), 'allowed'],
  ['kms: key policy delegates, identity silent', roleCall('kms:Decrypt', KEY, [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
    [{ Effect: 'Allow', Principal: ROOT, Action: 'kms:*', Resource: '*' }], {}, 'kms'), 'denied'],
  ['kms: identity allows, key policy does not name the account', roleCall('kms:Decrypt', KEY, [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: KEY }],
    [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/admin` }, Action: 'kms:*', Resource: '*' }], {}, 'kms'), 'denied'],
  ['kms: key policy names the role', roleCall('kms:Decrypt', KEY, [],
    [{ Effect: 'Allow', Principal: { AWS: ROLE }, Action: 'kms:Decrypt', Resource: '*' }], {}, 'kms'), 'allowed'],
  ['kms: ViaService condition met', roleCall('kms:GenerateDataKey', KEY, [{ Effect: 'Allow', Action: 'kms:GenerateDataKey', Resource: KEY }],
    [{ Effect: 'Allow', Principal: ROOT, Action: 'kms:GenerateDataKey', Resource: '*', Condition: { StringEquals: { 'kms:ViaService': 'sns.us-east-1.amazonaws.com' } } }],
    { 'kms:ViaService': 'sns.us-east-1.amazonaws.com' }, 'kms'), 'allowed'],
  ['kms: ViaService of another service', roleCall('kms:GenerateDataKey', KEY, [{ Effect: 'Allow', Action: 'kms:GenerateDataKey', Resource: KEY }],
    [{ Effect: 'Allow', Principal: ROOT, Action: 'kms:GenerateDataKey', Resource: '*', Condition: { StringEquals: { 'kms:ViaService': 'sqs.us-east-1.amazonaws.com' } } }],
    { 'kms:ViaService': 'sns.us-east-1.amazonaws.com' }, 'kms'), 'denied'],
  ['kms: a service needs the key policy itself', {
    principal: { service: 'events.amazonaws.com' },
    action: 'kms:GenerateDataKey',
    resource: KEY,
    resourceAccount: ACCOUNT,
    context: {},
    mode: 'kms',
    resourcePolicy: { name: 'the key policy', document: doc({ Effect: 'Allow', Principal: ROOT, Action: 'kms:*', Resource: '*' }) },
  }, 'denied'],
  ['kms: service principal with encryption context', {
    principal: { service: 'logs.us-east-1.amazonaws.com' },
    action: 'kms:GenerateDataKey',
    resource: KEY,
    resourceAccount: ACCOUNT,
    mode: 'kms',
    context: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:app` },
    resourcePolicy: {
      name: 'the key policy',
      document: doc({
        Effect: 'Allow',
        Principal: { Service: 'logs.us-east-1.amazonaws.com' },
        Action: 'kms:GenerateDataKey*',
        Resource: '*',
        Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:*` } },
      }),
    },
  }, 'allowed'],
  ['trust: service trusted', {
    principal: { service: 'lambda.amazonaws.com' },
    action: 'sts:AssumeRole',
    resource: ROLE,
    resourceAccount: ACCOUNT,
    context: {},
    mode: 'trust',
    resourcePolicy: { name: 'the trust policy', document: doc({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }) },
  }, 'allowed'],
  ['trust: other service trusted', {
    principal: { service: 'ecs-tasks.amazonaws.com' },
    action: 'sts:AssumeRole',
    resource: ROLE,
    resourceAccount: ACCOUNT,
    context: { 'aws:SourceAccount': ACCOUNT },
    mode: 'trust',
    resourcePolicy: { name: 'the trust policy', document: doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }) },
  }, 'denied'],
  ['trust: condition on aws:SourceAccount of another account', {
    principal: { service: 'states.amazonaws.com' },
    action: 'sts:AssumeRole',
    resource: ROLE,
    resourceAccount: ACCOUNT,
    context: { 'aws:SourceAccount': ACCOUNT },
    mode: 'trust',
    resourcePolicy: { name: 'the trust policy', document: doc({ Effect: 'Allow', Principal: { Service: 'states.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': '999999999999' } } }) },
  }, 'denied'],
  // ---- deploy-time values ----
  ['unknown condition value', publish([allowEvents({ Condition: { ArnLike: { 'aws:SourceArn': unknown('Fn::ImportValue Shared-RuleArn') } } })]), 'unknown'],
  ['unknown principal', publish([{ ...allowEvents(), Principal: { Service: unknown('a parameter') } }]), 'unknown'],
  ['unknown resource policy', { ...publish([]), resourcePolicy: { name: 'the topic policy', document: unknown('Fn::ImportValue Policy') } }, 'unknown'],
  ['unknown deny makes an allow unknown', publish([allowEvents(), { ...allowEvents(), Effect: 'Deny', Condition: { StringEquals: { 'aws:SourceArn': unknown('a parameter') } } }]), 'unknown'],
  ['known deny wins over unknown allow', publish([allowEvents({ Condition: { StringEquals: { 'aws:SourceArn': unknown('a parameter') } } }), { ...allowEvents(), Effect: 'Deny' }]), 'denied'],
  ['unknown request context', publish([allowEvents({ Condition: { ArnLike: { 'aws:SourceArn': RULE } } })], { 'aws:SourceArn': unknown('the rule ARN') }), 'unknown'],
  ['identity policies not known', { ...roleCall('sqs:SendMessage', `arn:aws:sqs:us-east-1:${ACCOUNT}:q`, []), identityPolicies: undefined }, 'unknown'],
  ['unknown managed policy', { ...roleCall('sqs:SendMessage', `arn:aws:sqs:us-east-1:${ACCOUNT}:q`, []), unknownIdentityPolicies: ['the managed policy Shared'] }, 'unknown'],
];

describe('policy evaluator', () => {
  test.each(CASES)('%s', async (_name, request, expected) => {
    const ours = evaluateRequest(request);
    expect(ours.decision).toBe(expected);
    if (expected !== 'unknown' && replayable(request)) {
      const reference = await referenceDecision(request);
      expect([expected, 'not-comparable']).toContain(reference);
    }
  });

  test('the reference agrees on all but the cases it cannot read', async () => {
    const notComparable: string[] = [];
    for (const [name, request, expected] of CASES) {
      if (expected !== 'unknown' && replayable(request) && (await referenceDecision(request)) === 'not-comparable') {
        notComparable.push(name);
      }
    }
    expect(notComparable).toEqual(['kms: service principal with encryption context']);
  });

  test('a denial names the document and the near miss', () => {
    const result = evaluateRequest(publish([allowEvents({ Sid: 'AllowGuardDutyRule', Condition: { ArnLike: { 'aws:SourceArn': OTHER_RULE } } })]));
    expect(result.document).toBe('the topic policy');
    expect(result.reason).toContain('no statement admits events.amazonaws.com');
    expect(result.reason).toContain('"AllowGuardDutyRule"');
    expect(result.reason).toContain('ArnLike aws:SourceArn');
  });

  test('an explicit deny names its statement', () => {
    const result = evaluateRequest(publish([allowEvents(), { ...allowEvents(), Sid: 'DenyAll', Effect: 'Deny' }]));
    expect(result).toMatchObject({ decision: 'denied', document: 'the topic policy', statement: '"DenyAll"' });
  });
});
