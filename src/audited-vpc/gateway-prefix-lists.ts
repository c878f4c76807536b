import { CustomResource, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { PrefixListsFunction } from './prefix-lists-function';
import { ComplianceLogGroup } from '../core/compliance-log-group';
import { acknowledgeFinding } from '../core/nag-ids';

/**
 * Properties of `GatewayPrefixLists`.
 */
export interface GatewayPrefixListsProps {
  /**
   * The key that encrypts the lookup function's log group.
   *
   * @default - a new `ComplianceKey`
   */
  readonly logEncryptionKey?: kms.IKey;

  /**
   * What happens to the log group when it leaves the stack.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The ids of the AWS-managed prefix lists of the S3 and DynamoDB gateway endpoints in the stack's
 * Region, looked up at deploy time.
 *
 * CloudFormation has no attribute for them and the ids differ per Region, yet a security group
 * that denies egress by default needs them to reach S3 and DynamoDB through gateway endpoints.
 * A custom resource reads them with `ec2:DescribeManagedPrefixLists` (nothing else), from a
 * Lambda function with a KMS-encrypted log group, X-Ray tracing and a customer managed policy.
 */
export class GatewayPrefixLists extends Construct {
  /** Id of the `com.amazonaws.<region>.s3` prefix list (a deploy-time value). */
  public readonly s3PrefixListId: string;
  /** Id of the `com.amazonaws.<region>.dynamodb` prefix list (a deploy-time value). */
  public readonly dynamoDbPrefixListId: string;
  /** The function that looks the ids up. */
  public readonly lookupFunction: lambda.Function;

  constructor(scope: Construct, id: string, props: GatewayPrefixListsProps = {}) {
    super(scope, id);
    const stack = Stack.of(this);
    const logGroup = new ComplianceLogGroup(this, 'Logs', {
      encryptionKey: props.logEncryptionKey,
      removalPolicy: props.removalPolicy,
    });
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Looks up the S3 and DynamoDB prefix list ids for ${this.node.path}`,
    });
    const policy = new iam.ManagedPolicy(this, 'Policy', {
      description: `Read-only prefix list lookup for ${this.node.path}`,
      roles: [role],
      statements: [
        new iam.PolicyStatement({
          sid: 'ReadManagedPrefixLists',
          actions: ['ec2:DescribeManagedPrefixLists'],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'WriteOwnLogs',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [logGroup.logGroupArn],
        }),
        new iam.PolicyStatement({
          sid: 'WriteTraces',
          actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
          resources: ['*'],
        }),
      ],
    });
    acknowledgeFinding(policy, 'AwsSolutions-IAM5[Resource::*]',
      'ec2:DescribeManagedPrefixLists and the X-Ray write actions do not support resource-level permissions, so IAM accepts only "*" for them; the policy grants no other action on "*", and every action in it is read-only or writes telemetry.');

    this.lookupFunction = new PrefixListsFunction(this, 'Function', {
      description: 'Looks up the ids of the AWS-managed S3 and DynamoDB prefix lists for security group egress rules',
      architecture: lambda.Architecture.ARM_64,
      // The customer managed policy above holds every permission; the immutable view keeps CDK
      // from adding an inline policy for tracing.
      role: role.withoutPolicyUpdates(),
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
      systemLogLevelV2: lambda.SystemLogLevel.INFO,
      tracing: lambda.Tracing.ACTIVE,
      memorySize: 256,
      timeout: Duration.seconds(60),
    });
    this.lookupFunction.node.addDependency(policy);
    this.acknowledgeFunctionFindings();

    const resource = new CustomResource(this, 'Resource', {
      serviceToken: this.lookupFunction.functionArn,
      resourceType: 'Custom::GatewayPrefixLists',
      properties: { Region: stack.region },
    });
    resource.node.addDependency(policy);
    this.s3PrefixListId = resource.getAttString('S3');
    this.dynamoDbPrefixListId = resource.getAttString('DynamoDb');
  }

  private acknowledgeFunctionFindings(): void {
    const cfnFunction = this.lookupFunction.node.defaultChild as lambda.CfnFunction;
    const reasons: Record<string, string> = {
      LambdaDLQ: 'The only caller is CloudFormation, which waits for the response of this custom resource: a failed invocation fails the stack operation and is logged to the encrypted log group, so no event can be lost silently for a dead-letter queue to keep.',
      LambdaInsideVPC: 'The function calls only the EC2 API (DescribeManagedPrefixLists) and answers CloudFormation through a pre-signed S3 URL in an AWS-owned bucket. Inside the VPC it would need an EC2 interface endpoint and egress to the very prefix lists it looks up, and a narrowed S3 endpoint policy would block the response. It handles no data.',
      LambdaConcurrency: 'CloudFormation invokes the function a few times per deployment. Reserving concurrency for it would make the stack undeployable in accounts whose concurrency quota is at the minimum unreserved value (new accounts start at 10), for no protective gain.',
    };
    for (const pack of ['HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321']) {
      for (const [rule, reason] of Object.entries(reasons)) {
        Validations.of(cfnFunction).acknowledge({ id: `${pack}-${rule}`, reason });
      }
    }
    Validations.of(cfnFunction).acknowledge({ id: 'Serverless-LambdaDLQ', reason: reasons.LambdaDLQ });
  }
}
