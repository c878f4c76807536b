import { CustomResource, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { GatewayPrefixListIds } from './gateway-endpoint-access';
import { NetworkDefaultsFunction } from './network-defaults-function';
import { acknowledgeFinding, skipCheckov } from '../core/acknowledge';
import { ComplianceLogGroup } from '../core/compliance-log-group';
import { ManagedPolicyRole } from '../core/managed-policy-role';
import { logAndTraceStatements } from '../core/monitored-function';
import { NagControl } from '../core/nag-control';

/** Properties of `NetworkDefaults`. */
export interface NetworkDefaultsProps {
  /** The key that encrypts the function's log group. */
  readonly logEncryptionKey: kms.IKey;
  /** What happens to the log group when it leaves the stack. */
  readonly removalPolicy: RemovalPolicy;
}

/**
 * One Lambda function behind the custom resources of an `AuditedVpc`: stripping the default
 * security group, and (on demand) looking up the gateway endpoint prefix lists.
 *
 * aws-cdk-lib's own `restrictDefaultSecurityGroup` is not used: its provider is a role with an
 * inline policy and the AWS managed `AWSLambdaBasicExecutionRole`, and a function whose logs go to
 * an unencrypted log group without retention. cdk-nag cannot see any of it (the provider is made
 * of raw `CfnResource`s), so it would pass the packs while falling short of them. This function
 * has a customer managed policy limited to the one security group (and a read-only lookup), a
 * KMS-encrypted log group with retention, JSON logs, X-Ray tracing and arm64.
 *
 * Not part of the public API.
 */
export class NetworkDefaults extends Construct {
  /** The function behind the custom resources. */
  public readonly handler: lambda.Function;
  private readonly role: ManagedPolicyRole;
  /** The role's customer managed policy: the function and the custom resources wait for it. */
  private readonly policy: iam.ManagedPolicy;
  private prefixLists?: GatewayPrefixListIds;

  constructor(scope: Construct, id: string, props: NetworkDefaultsProps) {
    super(scope, id);
    const logGroup = new ComplianceLogGroup(this, 'Logs', {
      encryptionKey: props.logEncryptionKey,
      removalPolicy: props.removalPolicy,
    });
    const role = new ManagedPolicyRole(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the custom resources of ${scope.node.path}`,
      policyDescription: `Custom resources of ${scope.node.path}`,
    });
    for (const statement of logAndTraceStatements(logGroup)) role.addToPrincipalPolicy(statement);
    this.role = role;
    this.policy = role.permissions!;
    acknowledgeFinding(this.policy, 'AwsSolutions-IAM5[Resource::*]',
      'Only actions without resource-level permissions are granted on "*": the X-Ray write actions (telemetry) and, when prefix lists are looked up, ec2:DescribeManagedPrefixLists (read-only). Every action that changes anything is limited to the one default security group.');

    this.handler = new NetworkDefaultsFunction(this, 'Function', {
      description: `Closes the default security group of ${scope.node.path} and looks up gateway endpoint prefix lists`,
      architecture: lambda.Architecture.ARM_64,
      // Every permission comes from the role's customer managed policy; the immutable view keeps
      // CDK from adding X-Ray statements of its own for tracing.
      role: role.withoutPolicyUpdates(),
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
      systemLogLevelV2: lambda.SystemLogLevel.INFO,
      tracing: lambda.Tracing.ACTIVE,
      memorySize: 256,
      timeout: Duration.seconds(60),
    });
    this.handler.node.addDependency(this.policy);
    this.acknowledgeFunctionFindings();
  }

  /**
   * Strip the default security group of its rules, once the policy allows it.
   *
   * @param securityGroupId the VPC's default security group
   */
  public closeDefaultSecurityGroup(securityGroupId: string): CustomResource {
    const stack = Stack.of(this);
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'StripDefaultSecurityGroup',
      actions: ['ec2:RevokeSecurityGroupIngress', 'ec2:RevokeSecurityGroupEgress'],
      resources: [stack.formatArn({ service: 'ec2', resource: 'security-group', resourceName: securityGroupId })],
    }));
    const resource = new CustomResource(this, 'DefaultSecurityGroupRules', {
      serviceToken: this.handler.functionArn,
      resourceType: 'Custom::DefaultSecurityGroupRules',
      properties: { SecurityGroupId: securityGroupId, AccountId: stack.account, Region: stack.region },
    });
    resource.node.addDependency(this.policy);
    return resource;
  }

  /** The prefix list ids, looked up at deploy time (the lookup is added on first use). */
  public gatewayPrefixLists(): GatewayPrefixListIds {
    if (!this.prefixLists) {
      this.role.addToPrincipalPolicy(new iam.PolicyStatement({
        sid: 'ReadManagedPrefixLists',
        actions: ['ec2:DescribeManagedPrefixLists'],
        resources: ['*'],
      }));
      const resource = new CustomResource(this, 'GatewayPrefixLists', {
        serviceToken: this.handler.functionArn,
        resourceType: 'Custom::GatewayPrefixLists',
        properties: { Region: Stack.of(this).region },
      });
      resource.node.addDependency(this.policy);
      this.prefixLists = {
        s3PrefixListId: resource.getAttString('S3'),
        dynamoDbPrefixListId: resource.getAttString('DynamoDb'),
      };
    }
    return this.prefixLists;
  }

  private acknowledgeFunctionFindings(): void {
    const cfnFunction = this.handler.node.defaultChild as lambda.CfnFunction;
    const reasons: Record<string, string> = {
      LambdaDLQ: 'The only caller is CloudFormation, which waits for the response of these custom resources: a failed invocation fails the stack operation and is logged to the encrypted log group, so no event can be lost silently for a dead-letter queue to keep.',
      LambdaInsideVPC: 'The function calls only the EC2 API and answers CloudFormation through a pre-signed URL of an AWS-owned S3 bucket. Inside the VPC it configures it would need an EC2 interface endpoint and egress to the very prefix lists it looks up, and a narrowed S3 endpoint policy would block the response. It handles no data.',
      LambdaConcurrency: 'CloudFormation invokes the function a few times per deployment. Reserving concurrency for it would make the stack undeployable in accounts whose concurrency quota is at the minimum unreserved value (new accounts start at 10), for no protective gain.',
    };
    NagControl.LAMBDA_FAILURE_DESTINATION.acknowledge(cfnFunction, reasons.LambdaDLQ);
    NagControl.LAMBDA_INSIDE_VPC.acknowledge(cfnFunction, reasons.LambdaInsideVPC);
    NagControl.LAMBDA_CONCURRENCY.acknowledge(cfnFunction, reasons.LambdaConcurrency);
    skipCheckov(cfnFunction, 'CKV_AWS_173',
      'The environment holds one non-secret setting (AWS_NODEJS_CONNECTION_REUSE_ENABLED); Lambda encrypts it at rest with an AWS managed key. A customer managed key would need kms:Decrypt on the role for no secret to protect.');
  }
}
