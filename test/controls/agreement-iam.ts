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

export const IAM_SHARED: SharedControl[] = [IAM_LAMBDA_ROLE_NO_INLINE_POLICY];
