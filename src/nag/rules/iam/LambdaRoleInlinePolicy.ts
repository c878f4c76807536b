import { CfnResource } from 'aws-cdk-lib';
import { asList, isUnknown } from '../../../policy/template-values';
import { propertiesOf, stackResourcesOfType } from '../../private/context';
import { COMPLIANT, defineRule, ERROR, NON_COMPLIANT, NOT_APPLICABLE } from '../../private/rule';
import { isLambdaRole, pointsAt, resolveReference } from '../shared';

/**
 * A Lambda execution role carries an inline policy: `Policies` on the role, or an `AWS::IAM::Policy`
 * (what `function.addToRolePolicy` and `grant*` create) or `AWS::IAM::RolePolicy` attached to it.
 *
 * Seed failure: 002_d92724b23843a58b.txt #1. A role counts as a Lambda execution role when Lambda
 * may assume it or a function in the same stack runs with it. Roles outside the app are not judged.
 */
export default defineRule({
  name: 'LambdaRoleInlinePolicy',
  level: ERROR,
  resourceTypes: ['AWS::IAM::Role', 'AWS::IAM::Policy', 'AWS::IAM::RolePolicy'],
  info: 'A Lambda execution role has an inline policy.',
  explanation: 'Inline policies cannot be reviewed, versioned or reused centrally, and many organisations forbid them on execution roles. Put the permissions in a customer managed policy (iam.ManagedPolicy) attached to the role.',
  body: (node, props) => {
    if (node.cfnResourceType === 'AWS::IAM::Role') {
      if (!isLambdaRole(node)) {
        return NOT_APPLICABLE;
      }
      if (isUnknown(props.Policies)) {
        return NOT_APPLICABLE;
      }
      return asList(props.Policies).length > 0 ? NON_COMPLIANT : COMPLIANT;
    }
    const names = node.cfnResourceType === 'AWS::IAM::RolePolicy' ? props.RoleName : props.Roles;
    if (isUnknown(names) && node.cfnResourceType === 'AWS::IAM::Policy') {
      return NOT_APPLICABLE;
    }
    const roles: CfnResource[] = [];
    for (const entry of asList(names)) {
      const byRef = resolveReference(node, entry, 'AWS::IAM::Role');
      if (byRef) {
        roles.push(byRef);
      } else if (typeof entry === 'string') {
        roles.push(...stackResourcesOfType(node, 'AWS::IAM::Role').filter((r) => pointsAt(entry, r, [propertiesOf(r)?.RoleName])));
      }
    }
    if (roles.length === 0) {
      return NOT_APPLICABLE;
    }
    return roles.some(isLambdaRole) ? NON_COMPLIANT : COMPLIANT;
  },
});
