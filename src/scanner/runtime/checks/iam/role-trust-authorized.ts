import { roleTrustBuilder } from '../../paths/role-trust';
import { definePathCheck } from '../define';

/**
 * IAM.RoleTrustAuthorized: the run-time side of `CompliancePack-RoleTrustAuthorized`: each role a
 * live resource needs a service to assume trusts that service, with the context it sends.
 */
export const iamRoleTrustAuthorized = definePathCheck(
  {
    id: 'iam-role-trust-authorized',
    title: 'A role a service must assume trusts that service',
    severity: 'HIGH',
    category: 'iam',
    resourceType: 'AWS::IAM::Role',
    remediation: 'Trust the service principal the finding names in the role\'s trust policy (UpdateAssumeRolePolicy), with conditions on aws:SourceAccount or aws:SourceArn that match the resource.',
  },
  roleTrustBuilder,
);
