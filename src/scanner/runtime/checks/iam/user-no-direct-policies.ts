import { fail, pass } from '../../model';
import { defineCheck } from '../define';

export const iamUserNoDirectPolicies = defineCheck(
  {
    id: 'iam-user-no-direct-policies',
    title: 'IAM users receive permissions only through groups or roles',
    severity: 'LOW',
    category: 'iam',
    resourceType: 'AWS::IAM::User',
    remediation: 'Detach policies from the user and add the user to a group that carries them.',
    requiredActions: ['iam:GetAccountAuthorizationDetails'],
    datasets: ['iam.authorizationDetails'],
    scope: 'global',
  },
  (inv) =>
    (inv.authorizationDetails?.users ?? []).map((u) => {
      const direct = [...u.attachedPolicyArns, ...u.inlinePolicyNames];
      return direct.length === 0 ? pass(u.arn, 'no policies attached to the user') : fail(u.arn, `policies attached directly: ${direct.join(', ')}`);
    }),
);
