import { IamRoleInfo, KmsKeyInfo } from '../../../src/scanner/runtime/model';
import { LivePaths, pathResults } from '../../../src/scanner/runtime/paths/live-paths';
import { inv } from '../checks/helpers';

const ACCOUNT = '123456789012';
const trustLambda = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

function role(name: string, extra: Partial<IamRoleInfo> = {}): IamRoleInfo {
  return { roleName: name, arn: `arn:aws:iam::${ACCOUNT}:role/app/${name}`, path: '/app/', trustPolicy: trustLambda, inlinePolicies: [], attachedPolicyArns: [], ...extra };
}

function key(id: string, statements: object[]): KmsKeyInfo {
  return {
    keyId: id,
    arn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/${id}`,
    keyManager: 'CUSTOMER',
    keyState: 'Enabled',
    keySpec: 'SYMMETRIC_DEFAULT',
    origin: 'AWS_KMS',
    policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }),
  };
}

const FN = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:f`;

describe('LivePaths', () => {
  test('a role\'s identity: inline, customer managed and known AWS managed policies; unknown AWS managed ones are named', () => {
    const live = new LivePaths(inv({
      accountId: ACCOUNT,
      authorizationDetails: {
        users: [],
        policies: [{ arn: `arn:aws:iam::${ACCOUNT}:policy/Send`, name: 'Send', awsManaged: false, attachmentCount: 1, document: '{"Statement":[{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"*"}]}' }],
        roles: [role('r', {
          inlinePolicies: [{ name: 'inline', document: '{"Statement":[]}' }],
          attachedPolicyArns: [`arn:aws:iam::${ACCOUNT}:policy/Send`, 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole', 'arn:aws:iam::aws:policy/ReadOnlyAccess'],
        })],
      },
    }));
    // Named without its path, as a resource may name it.
    const r = live.role(`arn:aws:iam::${ACCOUNT}:role/r`);
    expect(r.role?.roleName).toBe('r');
    expect(r.identity?.map((p) => p.name)).toEqual(["role r's inline policy inline", "role r's policy Send", "role r's policy AWSLambdaBasicExecutionRole"]);
    expect(r.unknownPolicies).toEqual(['the AWS managed policy arn:aws:iam::aws:policy/ReadOnlyAccess']);
    expect(live.role('arn:aws:iam::999999999999:role/x').unknownPolicies).toEqual(['the policies of arn:aws:iam::999999999999:role/x, a role of account 999999999999']);
  });

  test('trust: allowed for the trusted service, denied for another, denied for a missing role, not judged across accounts', () => {
    const live = new LivePaths(inv({ accountId: ACCOUNT, authorizationDetails: { users: [], policies: [], roles: [role('r')] } }));
    expect(live.trust(FN, 'f', `arn:aws:iam::${ACCOUNT}:role/app/r`, 'lambda.amazonaws.com', {})?.result.decision).toBe('allowed');
    expect(live.trust(FN, 'f', `arn:aws:iam::${ACCOUNT}:role/app/r`, 'states.amazonaws.com', {})?.result.decision).toBe('denied');
    expect(live.trust(FN, 'f', `arn:aws:iam::${ACCOUNT}:role/gone`, 'lambda.amazonaws.com', {})?.result).toEqual({ decision: 'denied', reason: 'the role does not exist in the account' });
    expect(live.trust(FN, 'f', 'arn:aws:iam::999999999999:role/x', 'lambda.amazonaws.com', {})).toBeUndefined();
    const results = pathResults(live, 'role-trust', [FN]);
    expect(results.map((r) => r.status)).toEqual(['FAIL']);
    expect(results[0].reason).toContain('f -> role r: sts:AssumeRole for states.amazonaws.com denied');
  });

  test('key use: a service principal needs the key policy; an AWS managed key admits none; a missing key is denied, an unresolved one undecided', () => {
    const allowCw = { Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:GenerateDataKey*', 'kms:Decrypt'], Resource: '*' };
    const live = new LivePaths(inv({ accountId: ACCOUNT, region: 'us-east-1', kmsKeys: [key('k1', [allowCw]), key('k2', [])] }));
    const alarm = `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:a`;
    const cw = { service: 'cloudwatch.amazonaws.com' };
    expect(live.keyUse(alarm, 'a', 'topic\'s key', `arn:aws:kms:us-east-1:${ACCOUNT}:key/k1`, cw, {}, 'sns', ['kms:GenerateDataKey', 'kms:Decrypt']).map((p) => p.result.decision)).toEqual(['allowed', 'allowed']);
    expect(live.keyUse(alarm, 'a', 'topic\'s key', 'k2', cw, {}, 'sns', ['kms:Decrypt'])[0].result.decision).toBe('denied');
    expect(live.keyUse(alarm, 'a', 'topic\'s key', 'alias/aws/sns', cw, {}, 'sns', ['kms:Decrypt'])[0].result.decision).toBe('denied');
    // A key of another account is not judged; a key of this Region the account does not have is denied.
    expect(live.keyUse(alarm, 'a', 'topic\'s key', 'arn:aws:kms:us-east-1:999999999999:key/other', cw, {}, 'sns', ['kms:Decrypt'])).toEqual([]);
    expect(live.keyUse(alarm, 'a', 'topic\'s key', `arn:aws:kms:us-east-1:${ACCOUNT}:key/gone`, cw, {}, 'sns', ['kms:Decrypt'])[0].result)
      .toEqual({ decision: 'denied', reason: `the key arn:aws:kms:us-east-1:${ACCOUNT}:key/gone does not exist in the account` });
    expect(live.paths.filter((p) => p.family === 'key-use').map((p) => p.key)).toEqual([
      `arn:aws:kms:us-east-1:${ACCOUNT}:key/k1`, `arn:aws:kms:us-east-1:${ACCOUNT}:key/k1`, `arn:aws:kms:us-east-1:${ACCOUNT}:key/k2`,
      `arn:aws:kms:us-east-1:${ACCOUNT}:alias/aws/sns`, `arn:aws:kms:us-east-1:${ACCOUNT}:key/gone`,
    ]);
    expect(pathResults(live, 'key-use', [alarm]).map((r) => r.status)).toEqual(['FAIL']);
    // A key named by a customer alias is not resolved: undecided, so ERROR when nothing is denied.
    const other = new LivePaths(inv({ accountId: ACCOUNT, region: 'us-east-1', kmsKeys: [] }));
    expect(other.keyUse(alarm, 'a', 'topic\'s key', 'alias/mine', cw, {}, 'sns', ['kms:Decrypt'])[0].result.decision).toBe('unknown');
    expect(pathResults(other, 'key-use', [alarm, FN]).map((r) => r.status)).toEqual(['ERROR']);
  });

  test('a role using an AWS managed key through the service is allowed', () => {
    const live = new LivePaths(inv({ accountId: ACCOUNT, region: 'us-east-1', authorizationDetails: { users: [], policies: [], roles: [role('r', { inlinePolicies: [{ name: 'kms', document: '{"Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*"}]}' }] })] } }));
    const r = live.role(`arn:aws:iam::${ACCOUNT}:role/app/r`);
    expect(live.keyUse(FN, 'f', 'queue\'s key', 'alias/aws/sqs', r.principal, {}, 'sqs', ['kms:GenerateDataKey'], r).map((p) => p.result.decision)).toEqual(['allowed']);
  });
});
