import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { ManagedPolicyRole } from '../../src/core/managed-policy-role';
import { newStack } from '../nag-helper';

describe('ManagedPolicyRole', () => {
  test('no policy until a statement is added; then one customer managed policy at <role>/Policy and no inline policy', () => {
    const stack = newStack();
    const role = new ManagedPolicyRole(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    expect(role.permissions).toBeUndefined();
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: ['*'] }));
    expect(role.permissions!.node.path).toBe('TestStack/Role/Policy');
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.resourceCountIs('AWS::IAM::ManagedPolicy', 1);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', { Description: 'Permissions of TestStack/Role' });
  });

  test('policyDescription replaces the default description', () => {
    const stack = newStack();
    const role = new ManagedPolicyRole(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), policyDescription: 'Reads the data' });
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::ManagedPolicy', { Description: 'Reads the data' });
  });

  test('KMS wildcards of grants are narrowed, and dropped statements never land', () => {
    const stack = newStack();
    const role = new ManagedPolicyRole(stack, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      drop: (s) => s.actions.includes('batch:SubmitJob'),
    });
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['kms:GenerateDataKey*', 'kms:ReEncrypt*', 'kms:Decrypt'], resources: ['*'] }));
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['batch:SubmitJob'], resources: ['*'] }));
    const [policy] = Object.values(Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy')) as any[];
    expect(policy.Properties.PolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: '*' },
    ]);
  });
});
