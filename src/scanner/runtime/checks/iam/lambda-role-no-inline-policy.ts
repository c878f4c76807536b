import { isServiceLinkedRolePath, trustsLambda } from '../../../../controls/judgement/lambda-role';
import { fail, notApplicable, pass } from '../../model';
import { defineCheck } from '../define';
import { parseStatements } from '../policy-util';

/** IAM.LambdaRoleNoInlinePolicy: the run-time side of `CompliancePack-LambdaRoleInlinePolicy`, the same judgement of a Lambda role. */
export const iamLambdaRoleNoInlinePolicy = defineCheck(
  {
    id: 'iam-lambda-role-no-inline-policy',
    title: 'Lambda execution roles carry no inline policies',
    severity: 'HIGH',
    category: 'iam',
    resourceType: 'AWS::IAM::Role',
    remediation: 'Move the inline policy\'s permissions into a customer managed policy attached to the role, then delete the inline policy.',
    requiredActions: ['iam:GetAccountAuthorizationDetails'],
    datasets: ['iam.authorizationDetails'],
    scope: 'global',
  },
  (inv) =>
    (inv.authorizationDetails?.roles ?? []).map((r) => {
      if (isServiceLinkedRolePath(r.path)) return notApplicable(r.arn, 'service-linked role');
      if (!trustsLambda(parseStatements(r.trustPolicy))) return notApplicable(r.arn, 'Lambda may not assume the role');
      return r.inlinePolicies.length === 0
        ? pass(r.arn, 'no inline policy')
        : fail(r.arn, `inline ${r.inlinePolicies.length === 1 ? 'policy' : 'policies'} ${r.inlinePolicies.map((p) => p.name).join(', ')}`);
    }),
);
