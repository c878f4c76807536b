import { asArray, fail, notApplicable, pass } from '../../model';
import { defineCheck } from '../define';
import { parseStatements } from '../policy-util';

export const iamNoAdminStarPolicy = defineCheck(
  {
    id: 'iam-no-admin-star-policy',
    title: 'Customer managed policies do not allow "*" actions on "*" resources',
    severity: 'HIGH',
    category: 'iam',
    resourceType: 'AWS::IAM::ManagedPolicy',
    remediation: 'Replace the full-administrator statement with the specific actions and resources needed.',
    requiredActions: ['iam:GetAccountAuthorizationDetails'],
    datasets: ['iam.authorizationDetails'],
    scope: 'global',
  },
  (inv) =>
    (inv.authorizationDetails?.policies ?? []).map((p) => {
      if (p.awsManaged) return notApplicable(p.arn, 'AWS managed policy');
      if (p.attachmentCount === 0) return notApplicable(p.arn, 'policy is not attached');
      const admin = parseStatements(p.document).some(
        (s) => s.Effect === 'Allow' && asArray(s.Action).includes('*') && asArray(s.Resource).includes('*') && !s.Condition,
      );
      return admin ? fail(p.arn, 'allows Action "*" on Resource "*"') : pass(p.arn, 'no full administrator statement');
    }),
);
