/**
 * IAM controls (IAM.LambdaRoleNoInlinePolicy): the same role as a template resource and as
 * GetAccountAuthorizationDetails returns it.
 */
import { aws_iam as iam } from 'aws-cdk-lib';
import { ACCOUNT, Fixture, SharedControl, Verdict } from './agreement-harness';

const DOC = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] };

function roleFixture(name: string, expected: Verdict, services: string[], inline: string[]): Fixture {
  const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: services }, Action: 'sts:AssumeRole' }] };
  return {
    name,
    expected,
    synth: (stack) => new iam.CfnRole(stack, 'Role', {
      roleName: 'fn',
      assumeRolePolicyDocument: trust,
      policies: inline.length > 0 ? inline.map((policyName) => ({ policyName, policyDocument: DOC })) : undefined,
    }),
    live: () => ({
      authorizationDetails: {
        users: [],
        policies: [],
        roles: [{
          roleName: 'fn',
          arn: `arn:aws:iam::${ACCOUNT}:role/fn`,
          path: '/',
          trustPolicy: JSON.stringify(trust),
          inlinePolicies: inline.map((n) => ({ name: n, document: JSON.stringify(DOC) })),
          attachedPolicyArns: [],
        }],
      },
    }),
  };
}

export const IAM_LAMBDA_ROLE_NO_INLINE_POLICY: SharedControl = {
  id: 'IAM.LambdaRoleNoInlinePolicy',
  rule: 'LambdaRoleInlinePolicy',
  check: 'iam-lambda-role-no-inline-policy',
  fixtures: [
    roleFixture('Lambda role, managed policies only', 'compliant', ['lambda.amazonaws.com'], []),
    roleFixture('Lambda role with an inline policy', 'non-compliant', ['lambda.amazonaws.com'], ['extra']),
    roleFixture('Lambda@Edge role with an inline policy', 'non-compliant', ['edgelambda.amazonaws.com'], ['extra']),
    roleFixture('role trusting Lambda among other services', 'non-compliant', ['states.amazonaws.com', 'lambda.amazonaws.com'], ['extra']),
  ],
};

/** A policy document as a customer managed policy attached to a role (template) and as the account returns both. */
function wildcardFixture(name: string, expected: Verdict, statements: object[], inline = false): Fixture {
  const document = { Version: '2012-10-17', Statement: statements };
  const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
  const policyArn = `arn:aws:iam::${ACCOUNT}:policy/p`;
  return {
    name,
    expected,
    synth: (stack) => (inline
      ? new iam.CfnRole(stack, 'Role', { roleName: 'r', assumeRolePolicyDocument: trust, policies: [{ policyName: 'p', policyDocument: document }] })
      : new iam.CfnManagedPolicy(stack, 'Policy', { managedPolicyName: 'p', policyDocument: document, roles: ['r'] })),
    live: () => ({
      authorizationDetails: {
        users: [],
        policies: inline ? [] : [{ arn: policyArn, name: 'p', awsManaged: false, attachmentCount: 1, document: JSON.stringify(document) }],
        roles: [{
          roleName: 'r',
          arn: `arn:aws:iam::${ACCOUNT}:role/r`,
          path: '/',
          trustPolicy: JSON.stringify(trust),
          inlinePolicies: inline ? [{ name: 'p', document: JSON.stringify(document) }] : [],
          attachedPolicyArns: inline ? [] : [policyArn],
        }],
      },
    }),
  };
}

export const IAM_NO_WRITE_ON_WILDCARD_RESOURCE: SharedControl = {
  id: 'IAM.NoWriteOnWildcardResource',
  rule: 'IamWriteOnWildcardResource',
  check: 'iam-no-write-on-wildcard-resource',
  fixtures: [
    wildcardFixture('write on named resources', 'compliant', [{ Effect: 'Allow', Action: ['s3:PutObject'], Resource: 'arn:aws:s3:::b/*' }]),
    wildcardFixture('read verbs on "*"', 'compliant', [{ Effect: 'Allow', Action: ['ec2:Describe*', 's3:GetObject', 'logs:List*'], Resource: '*' }]),
    wildcardFixture('actions AWS authorizes only on "*"', 'compliant', [{ Effect: 'Allow', Action: ['xray:PutTraceSegments', 'cloudwatch:PutMetricData'], Resource: '*' }]),
    wildcardFixture('a Deny on "*"', 'compliant', [{ Effect: 'Deny', Action: '*', Resource: '*' }]),
    wildcardFixture('a write action on "*"', 'non-compliant', [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }]),
    wildcardFixture('a service wildcard on "*" among named resources', 'non-compliant', [{ Effect: 'Allow', Action: 'kms:*', Resource: ['arn:aws:kms:eu-west-1:123456789012:key/k', '*'] }]),
    wildcardFixture('NotAction on "*"', 'non-compliant', [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }]),
    wildcardFixture('an inline policy of the role', 'non-compliant', [{ Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: '*' }], true),
    wildcardFixture('an inline policy of the role, scoped', 'compliant', [{ Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: 'arn:aws:dynamodb:eu-west-1:123456789012:table/t' }], true),
  ],
};

export const IAM_SHARED: SharedControl[] = [IAM_LAMBDA_ROLE_NO_INLINE_POLICY, IAM_NO_WRITE_ON_WILDCARD_RESOURCE];
