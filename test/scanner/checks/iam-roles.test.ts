import { inv, statuses } from './helpers';
import { iamLambdaRoleNoInlinePolicy } from '../../../src/scanner/runtime/checks/iam/lambda-role-no-inline-policy';
import { IamRoleInfo } from '../../../src/scanner/runtime/model';

const trust = (...services: string[]) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: services.length === 1 ? services[0] : services }, Action: 'sts:AssumeRole' }] });
const DOC = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] });

function role(name: string, extra: Partial<IamRoleInfo> = {}): IamRoleInfo {
  return { roleName: name, arn: `arn:aws:iam::123456789012:role/${name}`, path: '/', trustPolicy: trust('lambda.amazonaws.com'), inlinePolicies: [], attachedPolicyArns: [], ...extra };
}

describe('iam-lambda-role-no-inline-policy', () => {
  test('Lambda roles without inline policies pass, with them fail; other and service-linked roles are not applicable', () => {
    const i = inv({
      authorizationDetails: {
        users: [],
        policies: [],
        roles: [
          role('managed-only', { attachedPolicyArns: ['arn:aws:iam::123456789012:policy/fn'] }),
          role('inline', { inlinePolicies: [{ name: 'extra', document: DOC }] }),
          role('edge', { trustPolicy: trust('edgelambda.amazonaws.com', 'lambda.amazonaws.com'), inlinePolicies: [{ name: 'a', document: DOC }, { name: 'b', document: DOC }] }),
          role('batch', { trustPolicy: trust('batch.amazonaws.com'), inlinePolicies: [{ name: 'x', document: DOC }] }),
          role('AWSServiceRoleForLambdaReplicator', { path: '/aws-service-role/replicator.lambda.amazonaws.com/', inlinePolicies: [{ name: 'x', document: DOC }] }),
          role('denied-trust', { trustPolicy: JSON.stringify({ Statement: [{ Effect: 'Deny', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }), inlinePolicies: [{ name: 'x', document: DOC }] }),
        ],
      },
    });
    expect(statuses(iamLambdaRoleNoInlinePolicy, i)).toEqual(['PASS', 'FAIL', 'FAIL', 'NOT_APPLICABLE', 'NOT_APPLICABLE', 'NOT_APPLICABLE']);
    expect(iamLambdaRoleNoInlinePolicy.evaluate(i)[2].reason).toBe('inline policies a, b');
  });

  test('no roles collected: no results', () => {
    expect(iamLambdaRoleNoInlinePolicy.evaluate(inv({ authorizationDetails: { users: [], policies: [] } }))).toEqual([]);
  });
});
