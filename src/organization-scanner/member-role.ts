import { App, BootstraplessSynthesizer, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { acknowledgeReadPolicy, readStatements } from '../scanner/read-permissions';

/** What the member role template is built from. Not part of the public API. */
export interface MemberRoleTemplateProps {
  /** Name of the role in every member account. */
  readonly roleName: string;
  /** The read actions of the enabled checks. */
  readonly actions: readonly string[];
  /** Whether the trust policy also requires `aws:PrincipalOrgID` (a parameter of the template). */
  readonly requireOrganization: boolean;
}

/** Names of the member template's parameters, filled in by the StackSet. */
export const MEMBER_PARAMETERS = { scannerRoleArn: 'ScannerRoleArn', externalId: 'ExternalId', organizationId: 'OrganizationId' } as const;

/**
 * The member role, in a stack of its own: read-only, exactly the checks' read actions (the same
 * derivation as `ComplianceScanner`), trusted by the scanner's role alone (its account as the
 * principal, `aws:PrincipalArn` equal to the role), with the external id, and optionally only
 * from inside the organization. The role name is fixed so the scanner can name it in each account.
 */
export function memberRoleStack(app: App, id: string, props: MemberRoleTemplateProps): { stack: Stack; role: iam.Role; policy: iam.ManagedPolicy } {
  const stack = new Stack(app, id, { synthesizer: new BootstraplessSynthesizer(), description: 'Read-only role the organization compliance scanner assumes in this account' });
  const scannerRoleArn = new CfnParameter(stack, MEMBER_PARAMETERS.scannerRoleArn, { type: 'String', description: 'ARN of the scanner role allowed to assume the member role' });
  const externalId = new CfnParameter(stack, MEMBER_PARAMETERS.externalId, { type: 'String', noEcho: true, description: 'External id the scanner passes to sts:AssumeRole' });
  const conditions: Record<string, Record<string, unknown>> = {
    StringEquals: { 'sts:ExternalId': externalId.valueAsString },
    ArnEquals: { 'aws:PrincipalArn': scannerRoleArn.valueAsString },
  };
  if (props.requireOrganization) {
    const orgId = new CfnParameter(stack, MEMBER_PARAMETERS.organizationId, { type: 'String', allowedPattern: '^o-[a-z0-9]{10,32}$', description: 'Organization the scanner must belong to' });
    conditions.StringEquals['aws:PrincipalOrgID'] = orgId.valueAsString;
  }
  // The principal is the scanner's account, narrowed to its role by aws:PrincipalArn: a trust policy
  // naming the role itself would silently stop matching if the role were ever replaced.
  const scannerAccount = Fn.select(4, Fn.split(':', scannerRoleArn.valueAsString));
  const role = new iam.Role(stack, 'Role', {
    roleName: props.roleName,
    description: 'Read-only: the compliance checks\' List, Describe and Get actions, for the organization scanner',
    assumedBy: new iam.PrincipalWithConditions(new iam.AccountPrincipal(scannerAccount), conditions),
  });
  const policy = new iam.ManagedPolicy(stack, 'ReadPolicy', {
    description: 'Read-only actions of the enabled compliance checks',
    roles: [role],
    statements: readStatements(stack, props.actions),
  });
  acknowledgeReadPolicy(policy, props.actions);
  return { stack, role, policy };
}

/** The member role template, as the StackSet's template body (JSON). */
export function memberRoleTemplate(props: MemberRoleTemplateProps): string {
  const app = new App();
  const { stack } = memberRoleStack(app, 'ComplianceScannerMember', props);
  const template = app.synth().getStackByName(stack.stackName).template as Record<string, unknown>;
  return JSON.stringify(template);
}
