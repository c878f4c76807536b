import { inv, statuses } from './helpers';
import { iamLambdaRoleNoInlinePolicy } from '../../../src/scanner/runtime/checks/iam/lambda-role-no-inline-policy';
import { iamNoWriteOnWildcardResource } from '../../../src/scanner/runtime/checks/iam/no-write-on-wildcard-resource';
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

describe('iam-no-write-on-wildcard-resource', () => {
  const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
  const policy = (name: string, document: string, awsManaged = false) => ({
    arn: awsManaged ? `arn:aws:iam::aws:policy/${name}` : `arn:aws:iam::123456789012:policy/${name}`, name, awsManaged, attachmentCount: 1, document,
  });

  test('inline and attached customer managed policies are judged as the rule judges them; AWS managed are not; service-linked roles are not applicable', () => {
    const i = inv({
      authorizationDetails: {
        users: [],
        policies: [
          policy('scoped', doc({ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::b/*' })),
          policy('wide', doc({ Effect: 'Allow', Action: ['sqs:SendMessage', 's3:GetObject'], Resource: '*' })),
          policy('AdministratorAccess', doc({ Effect: 'Allow', Action: '*', Resource: '*' }), true),
        ],
        roles: [
          role('scoped', { attachedPolicyArns: ['arn:aws:iam::123456789012:policy/scoped', 'arn:aws:iam::aws:policy/AdministratorAccess'] }),
          role('wide-managed', { attachedPolicyArns: ['arn:aws:iam::123456789012:policy/wide'] }),
          role('star-only', { inlinePolicies: [{ name: 'xray', document: doc({ Effect: 'Allow', Action: ['xray:PutTraceSegments', 'cloudwatch:PutMetricData', 'ec2:Describe*'], Resource: '*' }) }] }),
          role('not-action', { inlinePolicies: [{ name: 'na', document: doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }) }] }),
          role('deny', { inlinePolicies: [{ name: 'd', document: doc({ Effect: 'Deny', Action: '*', Resource: '*' }) }] }),
          role('AWSServiceRoleForX', { path: '/aws-service-role/x.amazonaws.com/', inlinePolicies: [{ name: 'p', document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) }] }),
        ],
      },
    });
    expect(statuses(iamNoWriteOnWildcardResource, i)).toEqual(['PASS', 'FAIL', 'PASS', 'FAIL', 'PASS', 'NOT_APPLICABLE']);
    const r = iamNoWriteOnWildcardResource.evaluate(i);
    expect(r[1].reason).toBe('policy wide allows sqs:SendMessage on "*"');
    expect(r[3].reason).toBe('inline policy na allows NotAction on "*"');
  });
});
