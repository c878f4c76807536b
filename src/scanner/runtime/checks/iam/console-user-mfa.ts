import { fail, notApplicable, pass } from '../../model';
import { defineCheck } from '../define';
import { IAM_REPORT_ACTIONS, users } from './credentials';

export const iamConsoleUserMfa = defineCheck(
  {
    id: 'iam-console-user-mfa',
    title: 'IAM users with a console password have MFA enabled',
    severity: 'HIGH',
    category: 'iam',
    resourceType: 'AWS::IAM::User',
    remediation: 'Register an MFA device for the user, or remove the console password if the user does not sign in.',
    requiredActions: IAM_REPORT_ACTIONS,
    datasets: ['iam.credentialReport'],
    scope: 'global',
  },
  (inv) =>
    users(inv.credentialReport).map((u) => {
      if (!u.passwordEnabled) return notApplicable(u.arn, 'no console password');
      return u.mfaActive ? pass(u.arn, 'console user has MFA') : fail(u.arn, 'console password without MFA');
    }),
);
