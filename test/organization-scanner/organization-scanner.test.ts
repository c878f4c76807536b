import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { OrganizationScanner, StackSetCallAs } from '../../src';
import { memberRoleStack } from '../../src/organization-scanner/member-role';
import { requiredActions } from '../../src/scanner/runtime/checks';
import { formatFindings, nagFindings, newStack } from '../nag-helper';

function scanner(props: Partial<ConstructorParameters<typeof OrganizationScanner>[2]> = {}, stack = newStack()) {
  const s = new OrganizationScanner(stack, 'OrgScanner', { organizationalUnitIds: ['r-abcd'], regions: ['us-east-1', 'eu-west-1'], ...props });
  return { stack, scanner: s };
}

describe('OrganizationScanner', () => {
  test('zero unacknowledged findings under every pack', () => {
    const { stack } = scanner({ organizationId: 'o-a1b2c3d4e5' });
    expect(formatFindings(nagFindings(stack))).toEqual([]);
  });
});

export { App, Stack, Match, Template, StackSetCallAs, memberRoleStack, requiredActions };
