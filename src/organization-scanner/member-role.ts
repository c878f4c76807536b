// The organization scanner's member role: its template (a stack of its own) and the StackSet that deploys it to every account.
import { App, Aws, BootstraplessSynthesizer, CfnParameter, Fn, Names, Stack } from 'aws-cdk-lib';
import * as cloudformation from 'aws-cdk-lib/aws-cloudformation';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
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
  // Not a ManagedPolicyRole: it would create the policy under the role (Role/Policy), a new
  // logical id in every member account's stack; the policy stays a sibling named ReadPolicy.
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

/** What the member-role StackSet is deployed with. Not part of the public API. */
export interface MemberStackSetProps extends MemberRoleTemplateProps {
  /** The OUs (or root) the stack instances go to. */
  readonly organizationalUnitIds: string[];
  /** The item function's role, the only principal the member roles trust. */
  readonly scannerRoleArn: string;
  readonly externalId: string;
  /** @default - no organization condition */
  readonly organizationId?: string;
  readonly callAs: string;
}

/**
 * The service-managed StackSet (`MemberRoles`) of the member role: automatic deployment to the
 * accounts of the OUs, one stack instance per account in this stack's Region (IAM is global).
 */
export function memberStackSet(scope: Construct, props: MemberStackSetProps): cloudformation.CfnStackSet {
  return new cloudformation.CfnStackSet(scope, 'MemberRoles', {
    stackSetName: Names.uniqueResourceName(scope, { maxLength: 128, separator: '-' }).replace(/[^A-Za-z0-9-]/g, '-'),
    description: `Read-only role ${props.roleName} the organization compliance scanner ${scope.node.path} assumes in each account`,
    permissionModel: 'SERVICE_MANAGED',
    autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false },
    callAs: props.callAs,
    capabilities: ['CAPABILITY_NAMED_IAM'],
    managedExecution: { Active: true },
    operationPreferences: { failureTolerancePercentage: 10, maxConcurrentPercentage: 50, regionConcurrencyType: 'PARALLEL' },
    // IAM is global: one stack instance per account, in this stack's Region.
    stackInstancesGroup: [{ deploymentTargets: { organizationalUnitIds: props.organizationalUnitIds }, regions: [Aws.REGION] }],
    parameters: [
      { parameterKey: MEMBER_PARAMETERS.scannerRoleArn, parameterValue: props.scannerRoleArn },
      { parameterKey: MEMBER_PARAMETERS.externalId, parameterValue: props.externalId },
      ...(props.organizationId ? [{ parameterKey: MEMBER_PARAMETERS.organizationId, parameterValue: props.organizationId }] : []),
    ],
    templateBody: memberRoleTemplate({ roleName: props.roleName, actions: props.actions, requireOrganization: props.requireOrganization }),
  });
}
