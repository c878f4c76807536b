import { App, CfnParameter, CfnResource, Duration, Stack } from 'aws-cdk-lib';
import * as batch from 'aws-cdk-lib/aws-batch';
import * as config from 'aws-cdk-lib/aws-config';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { ComplianceBucket, ComplianceKey, ComplianceLogGroup } from '../../src';
import { RuleDefinition } from '../../src/nag/private/rule';
import { ALL_RULES } from '../../src/nag/rules';
import { newStack } from '../nag-helper';

const { COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE } = NagRuleCompliance;

type Build = (stack: Stack) => IConstruct;

interface RuleCases {
  readonly compliant: Build[];
  readonly nonCompliant: Array<[Build, NagRuleResult?]>;
  readonly notApplicable: Build[];
  /** Input with deploy-time values, and the verdict the rule must give for it (never a throw). */
  readonly token: Array<[Build, NagRuleResult]>;
}

function rule(name: string): RuleDefinition {
  const found = ALL_RULES.find((r) => r.name === name);
  if (!found) {
    throw new Error(`no rule ${name}`);
  }
  return found;
}

/** The Cfn resource a build returns: itself, or the default child of an L2. */
function cfnOf(construct: IConstruct): CfnResource {
  if (CfnResource.isCfnResource(construct)) {
    return construct;
  }
  const child = construct.node.defaultChild;
  if (child && CfnResource.isCfnResource(child)) {
    return child;
  }
  const bucket = (construct as any).bucket;
  if (bucket) {
    return cfnOf(bucket);
  }
  throw new Error(`no Cfn resource in ${construct.node.path}`);
}

function judge(name: string, build: Build): NagRuleResult {
  const stack = newStack(new App());
  const target = cfnOf(build(stack));
  return rule(name).evaluate(target);
}

function param(stack: Stack, id: string, type = 'String'): CfnParameter {
  return new CfnParameter(stack, id, { type });
}

// ----- builders ------------------------------------------------------------------------------

const ROLE_ARN = 'arn:aws:iam::123456789012:role/fn';

function cfnFunction(stack: Stack, props: Partial<lambda.CfnFunctionProps> = {}): lambda.CfnFunction {
  return new lambda.CfnFunction(stack, 'Fn', {
    code: { zipFile: 'exports.handler = async () => {};' },
    role: ROLE_ARN,
    handler: 'index.handler',
    runtime: 'python3.12',
    ...props,
  });
}

const lambdaTrust = { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }], Version: '2012-10-17' };
const ec2Trust = { Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }], Version: '2012-10-17' };
const ecsTrust = { Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }], Version: '2012-10-17' };
const inlineDoc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] };

function policyDoc(action: string | string[], resource: string = '*'): any {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] };
}

function plainBucket(stack: Stack): s3.CfnBucket {
  return new s3.CfnBucket(stack, 'Bucket');
}

function jobDefinition(stack: Stack, props: Partial<batch.CfnJobDefinitionProps> = {}, container: any = {}): batch.CfnJobDefinition {
  return new batch.CfnJobDefinition(stack, 'Job', {
    type: 'container',
    platformCapabilities: ['FARGATE'],
    containerProperties: {
      image: 'public.ecr.aws/docker/library/busybox:latest',
      resourceRequirements: [{ type: 'VCPU', value: '1' }, { type: 'MEMORY', value: '2048' }],
      ...container,
    },
    timeout: { attemptDurationSeconds: 3600 },
    retryStrategy: { attempts: 3 },
    ...props,
  });
}

function ec2ComputeEnvironment(stack: Stack, template?: batch.CfnComputeEnvironment.LaunchTemplateSpecificationProperty, type = 'EC2', subnets = ['subnet-1']): batch.CfnComputeEnvironment {
  return new batch.CfnComputeEnvironment(stack, 'Compute', {
    type: 'MANAGED',
    computeResources: {
      type,
      maxvCpus: 16,
      subnets,
      securityGroupIds: ['sg-1'],
      instanceTypes: type === 'FARGATE' ? undefined : ['optimal'],
      instanceRole: type === 'FARGATE' ? undefined : 'arn:aws:iam::123456789012:instance-profile/batch',
      launchTemplate: template,
    },
  });
}

function launchTemplate(stack: Stack, httpTokens: any): ec2.CfnLaunchTemplate {
  return new ec2.CfnLaunchTemplate(stack, 'Template', { launchTemplateData: { metadataOptions: { httpTokens } } });
}

function smallVpc(stack: Stack, props: Partial<ec2.VpcProps> = {}): ec2.Vpc {
  return new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0, ...props });
}

function detector(stack: Stack, enable: any = true): guardduty.CfnDetector {
  return new guardduty.CfnDetector(stack, 'Detector', { enable });
}

function configRule(stack: Stack, identifier = 'S3_BUCKET_VERSIONING_ENABLED'): config.CfnConfigRule {
  return new config.CfnConfigRule(stack, 'Rule', { source: { owner: 'AWS', sourceIdentifier: identifier } });
}

function recorderAndChannel(scope: Stack): void {
  new config.CfnConfigurationRecorder(scope, 'Recorder', { roleArn: 'arn:aws:iam::123456789012:role/config', recordingGroup: { allSupported: true } });
  new config.CfnDeliveryChannel(scope, 'Channel', { s3BucketName: 'config-bucket' });
}

// ----- the cases -----------------------------------------------------------------------------

const CASES: Record<string, RuleCases> = {
  LambdaDeprecatedRuntime: {
    compliant: [(s) => cfnFunction(s, { runtime: 'python3.12' }), (s) => cfnFunction(s, { runtime: 'python3.14' })],
    nonCompliant: [[(s) => cfnFunction(s, { runtime: 'nodejs14.x' })], [(s) => cfnFunction(s, { runtime: 'python3.8' })]],
    notApplicable: [plainBucket, (s) => cfnFunction(s, { runtime: undefined, handler: undefined, packageType: 'Image', code: { imageUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/fn:1' } })],
    token: [[(s) => cfnFunction(s, { runtime: param(s, 'Runtime').valueAsString }), NOT_APPLICABLE]],
  },
  LambdaReservedConcurrency: {
    compliant: [(s) => cfnFunction(s, { reservedConcurrentExecutions: 5 })],
    nonCompliant: [[(s) => cfnFunction(s)]],
    notApplicable: [plainBucket],
    token: [[(s) => cfnFunction(s, { reservedConcurrentExecutions: param(s, 'C', 'Number').valueAsNumber }), COMPLIANT]],
  },
  LambdaFailureDestination: {
    compliant: [
      (s) => cfnFunction(s, { deadLetterConfig: { targetArn: 'arn:aws:sqs:us-east-1:123456789012:dlq' } }),
      (s) => {
        const fn = cfnFunction(s);
        new lambda.CfnEventInvokeConfig(s, 'Invoke', { functionName: fn.ref, qualifier: '$LATEST', destinationConfig: { onFailure: { destination: 'arn:aws:sqs:us-east-1:123456789012:failed' } } });
        return fn;
      },
    ],
    nonCompliant: [
      [(s) => cfnFunction(s)],
      [(s) => {
        const fn = cfnFunction(s);
        new lambda.CfnEventInvokeConfig(s, 'Invoke', { functionName: fn.ref, qualifier: '$LATEST', maximumRetryAttempts: 0 });
        return fn;
      }],
    ],
    notApplicable: [plainBucket],
    token: [[(s) => cfnFunction(s, { deadLetterConfig: { targetArn: param(s, 'Dlq').valueAsString } }), COMPLIANT]],
  },
  LambdaActiveTracing: {
    compliant: [(s) => cfnFunction(s, { tracingConfig: { mode: 'Active' } })],
    nonCompliant: [[(s) => cfnFunction(s)], [(s) => cfnFunction(s, { tracingConfig: { mode: 'PassThrough' } })]],
    notApplicable: [plainBucket],
    token: [[(s) => cfnFunction(s, { tracingConfig: { mode: param(s, 'Mode').valueAsString } }), NOT_APPLICABLE]],
  },
  LambdaExplicitLogGroup: {
    compliant: [(s) => cfnFunction(s, { loggingConfig: { logGroup: 'fn-logs' } })],
    nonCompliant: [[(s) => cfnFunction(s)], [(s) => cfnFunction(s, { loggingConfig: { logFormat: 'JSON' } })]],
    notApplicable: [plainBucket],
    token: [[(s) => cfnFunction(s, { loggingConfig: { logGroup: param(s, 'Group').valueAsString } }), COMPLIANT]],
  },
  LambdaRoleInlinePolicy: {
    compliant: [
      (s) => new iam.CfnRole(s, 'Role', { assumeRolePolicyDocument: lambdaTrust, managedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'] }),
      (s) => {
        const role = new iam.CfnRole(s, 'Role', { assumeRolePolicyDocument: ec2Trust });
        return new iam.CfnPolicy(s, 'Policy', { policyName: 'p', policyDocument: inlineDoc, roles: [role.ref] });
      },
    ],
    nonCompliant: [
      [(s) => new iam.CfnRole(s, 'Role', { assumeRolePolicyDocument: lambdaTrust, policies: [{ policyName: 'inline', policyDocument: inlineDoc }] })],
      [(s) => {
        const fn = new lambda.Function(s, 'Fn', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code: lambda.Code.fromInline('def handler(e, c): pass') });
        fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] }));
        return fn.role!.node.findChild('DefaultPolicy');
      }],
      [(s) => {
        const role = new iam.CfnRole(s, 'Role', { assumeRolePolicyDocument: lambdaTrust });
        return new iam.CfnRolePolicy(s, 'RolePolicy', { policyName: 'p', policyDocument: inlineDoc, roleName: role.ref });
      }],
      [(s) => {
        // A role that trusts another service but runs a function in this stack is a Lambda execution role too.
        const role = new iam.CfnRole(s, 'Role', { assumeRolePolicyDocument: ec2Trust, policies: [{ policyName: 'inline', policyDocument: inlineDoc }] });
        cfnFunction(s, { role: role.attrArn });
        return role;
      }],
    ],
    notApplicable: [
      plainBucket,
      (s) => new iam.CfnRole(s, 'Role', { assumeRolePolicyDocument: ec2Trust, policies: [{ policyName: 'inline', policyDocument: inlineDoc }] }),
      (s) => new iam.CfnPolicy(s, 'Policy', { policyName: 'p', policyDocument: inlineDoc, roles: ['role-outside-the-app'] }),
    ],
    token: [
      [(s) => new iam.CfnRole(s, 'Role', { assumeRolePolicyDocument: lambdaTrust, policies: param(s, 'Policies').value as any }), NOT_APPLICABLE],
      [(s) => new iam.CfnPolicy(s, 'Policy', { policyName: 'p', policyDocument: inlineDoc, roles: [param(s, 'RoleName').valueAsString] }), NOT_APPLICABLE],
    ],
  },
  IamWriteOnWildcardResource: {
    compliant: [
      (s) => new iam.CfnManagedPolicy(s, 'Policy', { policyDocument: policyDoc(['s3:GetObject', 'ec2:Describe*', 'xray:PutTraceSegments']) }),
      (s) => new iam.CfnManagedPolicy(s, 'Policy', { policyDocument: policyDoc('s3:PutObject', 'arn:aws:s3:::b/*') }),
    ],
    nonCompliant: [
      [(s) => new iam.CfnManagedPolicy(s, 'Policy', { policyDocument: policyDoc(['s3:PutObject', 's3:GetObject']) }), ['Action::s3:PutObject']],
      [(s) => new iam.CfnPolicy(s, 'Policy', { policyName: 'p', policyDocument: policyDoc('s3:*'), roles: ['r'] }), ['Action::s3:*']],
      [(s) => new iam.CfnRole(s, 'Role', { assumeRolePolicyDocument: ec2Trust, policies: [{ policyName: 'p', policyDocument: policyDoc('*') }] }), ['Action::*']],
      [(s) => new iam.CfnManagedPolicy(s, 'Policy', { policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] } }), ['NotAction']],
      [(s) => new iam.CfnUserPolicy(s, 'Policy', { policyName: 'p', userName: 'u', policyDocument: policyDoc(['dynamodb:DeleteTable']) }), ['Action::dynamodb:DeleteTable']],
    ],
    notApplicable: [plainBucket],
    token: [[(s) => new iam.CfnManagedPolicy(s, 'Policy', { policyDocument: param(s, 'Doc').value }), NOT_APPLICABLE]],
  },
  KmsKeyPolicyNoKmsStar: {
    compliant: [(s) => new ComplianceKey(s, 'Key')],
    nonCompliant: [[(s) => new kms.Key(s, 'Key', { enableKeyRotation: true })]],
    notApplicable: [plainBucket],
    token: [[(s) => new kms.CfnKey(s, 'Key', { keyPolicy: param(s, 'Policy').value }), NOT_APPLICABLE]],
  },
  S3PublicAccessBlock: {
    compliant: [(s) => new s3.Bucket(s, 'B', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL })],
    nonCompliant: [[plainBucket], [(s) => new s3.Bucket(s, 'B', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY })]],
    notApplicable: [(s) => cfnFunction(s)],
    token: [[(s) => new s3.CfnBucket(s, 'B', {
      publicAccessBlockConfiguration: { blockPublicAcls: param(s, 'P').value as any, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
    }), NOT_APPLICABLE]],
  },
  S3TlsOnlyPolicy: {
    compliant: [(s) => new s3.Bucket(s, 'B', { enforceSSL: true })],
    nonCompliant: [[plainBucket], [(s) => {
      const b = new s3.Bucket(s, 'B');
      b.addToResourcePolicy(new iam.PolicyStatement({ effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions: ['s3:DeleteBucket'], resources: [b.bucketArn] }));
      return b;
    }]],
    notApplicable: [(s) => cfnFunction(s)],
    token: [[(s) => new s3.Bucket(s, 'B', { enforceSSL: true, bucketName: param(s, 'Name').valueAsString }), COMPLIANT]],
  },
  S3DenyWrongEncryptionPolicy: {
    compliant: [(s) => new ComplianceBucket(s, 'B')],
    nonCompliant: [[plainBucket], [(s) => new s3.Bucket(s, 'B', { enforceSSL: true })]],
    notApplicable: [(s) => cfnFunction(s)],
    token: [[(s) => {
      const b = new s3.Bucket(s, 'B');
      b.addToResourcePolicy(new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:PutObject'],
        resources: [b.arnForObjects('*')],
        conditions: { StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption-aws-kms-key-id': param(s, 'KeyArn').valueAsString } },
      }));
      return b;
    }, COMPLIANT]],
  },
  S3AccessLogging: {
    compliant: [(s) => new s3.Bucket(s, 'B', { serverAccessLogsBucket: s3.Bucket.fromBucketName(s, 'Logs', 'log-bucket') })],
    nonCompliant: [[plainBucket]],
    notApplicable: [(s) => cfnFunction(s)],
    token: [[(s) => new s3.CfnBucket(s, 'B', { loggingConfiguration: { destinationBucketName: param(s, 'Logs').valueAsString } }), COMPLIANT]],
  },
  S3LifecycleRules: {
    compliant: [(s) => new s3.Bucket(s, 'B', { lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(7) }] })],
    nonCompliant: [[plainBucket], [(s) => new s3.Bucket(s, 'B', { lifecycleRules: [{ enabled: false, expiration: Duration.days(30) }] })]],
    notApplicable: [(s) => cfnFunction(s)],
    token: [[(s) => new s3.CfnBucket(s, 'B', { lifecycleConfiguration: { rules: param(s, 'Rules').value as any } }), COMPLIANT]],
  },
  LogGroupKmsEncrypted: {
    compliant: [(s) => new ComplianceLogGroup(s, 'Logs')],
    nonCompliant: [[(s) => new logs.LogGroup(s, 'Logs')]],
    notApplicable: [plainBucket],
    token: [[(s) => new logs.CfnLogGroup(s, 'Logs', { kmsKeyId: param(s, 'Key').valueAsString }), COMPLIANT]],
  },
  LogGroupRetention: {
    compliant: [(s) => new logs.LogGroup(s, 'Logs', { retention: logs.RetentionDays.ONE_YEAR })],
    nonCompliant: [[(s) => new logs.LogGroup(s, 'Logs', { retention: logs.RetentionDays.INFINITE })]],
    notApplicable: [plainBucket],
    token: [[(s) => new logs.CfnLogGroup(s, 'Logs', { retentionInDays: param(s, 'Days', 'Number').valueAsNumber }), COMPLIANT]],
  },
  LogGroupKeyAllowsLogs: {
    compliant: [(s) => new ComplianceLogGroup(s, 'Logs')],
    nonCompliant: [[(s) => new logs.LogGroup(s, 'Logs', { encryptionKey: new kms.Key(s, 'Key') })]],
    notApplicable: [plainBucket, (s) => new logs.LogGroup(s, 'Logs'), (s) => new logs.CfnLogGroup(s, 'Logs', { kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/abc' })],
    token: [[(s) => {
      const key = new kms.CfnKey(s, 'Key', { keyPolicy: param(s, 'Policy').value });
      return new logs.CfnLogGroup(s, 'Logs', { kmsKeyId: key.attrArn });
    }, NOT_APPLICABLE]],
  },
  VpcGatewayEndpointRouteTables: {
    compliant: [(s) => new ec2.CfnVPCEndpoint(s, 'Endpoint', { vpcId: 'vpc-1', serviceName: 'com.amazonaws.us-east-1.s3', routeTableIds: ['rtb-1'] })],
    nonCompliant: [
      [(s) => new ec2.CfnVPCEndpoint(s, 'Endpoint', { vpcId: 'vpc-1', serviceName: 'com.amazonaws.us-east-1.s3', routeTableIds: [] })],
      [(s) => new ec2.CfnVPCEndpoint(s, 'Endpoint', { vpcId: 'vpc-1', serviceName: 'com.amazonaws.us-east-1.dynamodb', vpcEndpointType: 'Gateway' })],
    ],
    notApplicable: [plainBucket, (s) => new ec2.CfnVPCEndpoint(s, 'Endpoint', { vpcId: 'vpc-1', serviceName: 'com.amazonaws.us-east-1.sqs', vpcEndpointType: 'Interface' })],
    token: [
      [(s) => new ec2.CfnVPCEndpoint(s, 'Endpoint', { vpcId: 'vpc-1', serviceName: 'com.amazonaws.us-east-1.s3', routeTableIds: param(s, 'Tables', 'List<String>').valueAsList }), COMPLIANT],
      [(s) => new ec2.CfnVPCEndpoint(s, 'Endpoint', { vpcId: 'vpc-1', serviceName: 'com.amazonaws.us-east-1.s3', vpcEndpointType: param(s, 'Type').valueAsString }), NOT_APPLICABLE],
    ],
  },
  SecurityGroupOpenEgress: {
    compliant: [
      (s) => new ec2.SecurityGroup(s, 'Sg', { vpc: smallVpc(s), allowAllOutbound: false }),
      (s) => {
        const sg = new ec2.CfnSecurityGroup(s, 'Sg', { groupDescription: 'sg', vpcId: 'vpc-1' });
        new ec2.CfnSecurityGroupEgress(s, 'Egress', { groupId: sg.attrGroupId, ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIp: '10.0.0.0/8' });
        return sg;
      },
    ],
    nonCompliant: [
      [(s) => new ec2.SecurityGroup(s, 'Sg', { vpc: smallVpc(s) })],
      [(s) => new ec2.SecurityGroup(s, 'Sg', { vpc: smallVpc(s, { ipProtocol: ec2.IpProtocol.DUAL_STACK }), allowAllOutbound: false, allowAllIpv6Outbound: true })],
      [(s) => new ec2.CfnSecurityGroup(s, 'Sg', { groupDescription: 'no egress rules: AWS adds allow-all', vpcId: 'vpc-1' })],
      [(s) => new ec2.CfnSecurityGroupEgress(s, 'Egress', { groupId: 'sg-1', ipProtocol: '-1', cidrIpv6: '::/0' })],
    ],
    notApplicable: [plainBucket],
    token: [
      [(s) => new ec2.CfnSecurityGroupEgress(s, 'Egress', { groupId: 'sg-1', ipProtocol: '-1', cidrIp: param(s, 'Cidr').valueAsString }), NOT_APPLICABLE],
      [(s) => new ec2.CfnSecurityGroup(s, 'Sg', { groupDescription: 'sg', vpcId: param(s, 'Vpc').valueAsString, securityGroupEgress: [{ ipProtocol: 'tcp', cidrIp: '0.0.0.0/0' }] }), NON_COMPLIANT],
    ],
  },
  VpcFlowLogs: {
    compliant: [(s) => smallVpc(s, { flowLogs: { all: { destination: ec2.FlowLogDestination.toCloudWatchLogs(new ComplianceLogGroup(s, 'FlowLogs')) } } })],
    nonCompliant: [[(s) => smallVpc(s)]],
    notApplicable: [plainBucket],
    token: [[(s) => {
      const vpc = new ec2.CfnVPC(s, 'Vpc', { cidrBlock: param(s, 'Cidr').valueAsString });
      new ec2.CfnFlowLog(s, 'FlowLog', { resourceId: vpc.ref, resourceType: 'VPC', trafficType: 'ALL', logDestinationType: 's3', logDestination: 'arn:aws:s3:::flow-logs' });
      return vpc;
    }, COMPLIANT]],
  },
  SnsTopicPolicy: {
    compliant: [(s) => new sns.Topic(s, 'Topic', { enforceSSL: true })],
    nonCompliant: [
      [(s) => new sns.Topic(s, 'Topic')],
      [(s) => {
        const topic = new sns.Topic(s, 'Topic');
        topic.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['sns:Publish'], resources: [topic.topicArn] }));
        return topic;
      }],
    ],
    notApplicable: [plainBucket],
    token: [[(s) => new sns.Topic(s, 'Topic', { enforceSSL: true, topicName: param(s, 'Name').valueAsString }), COMPLIANT]],
  },
  SnsTopicKms: {
    compliant: [(s) => new sns.Topic(s, 'Topic', { masterKey: new ComplianceKey(s, 'Key') })],
    nonCompliant: [[(s) => new sns.Topic(s, 'Topic')], [(s) => new sns.CfnTopic(s, 'Topic', { kmsMasterKeyId: 'alias/aws/sns' })]],
    notApplicable: [plainBucket],
    token: [[(s) => new sns.CfnTopic(s, 'Topic', { kmsMasterKeyId: param(s, 'Key').valueAsString }), COMPLIANT]],
  },
  ConfigRuleWithoutRecorder: {
    compliant: [(s) => {
      recorderAndChannel(new Stack(s.node.root as App, 'ConfigStack'));
      return configRule(s);
    }, (s) => {
      recorderAndChannel(new Stack(s.node.root as App, 'SameRegion', { env: { account: '123456789012', region: 'us-east-1' } }));
      return configRule(s);
    }],
    nonCompliant: [[(s) => configRule(s)], [(s) => {
      new config.CfnConfigurationRecorder(s, 'Recorder', { roleArn: 'arn:aws:iam::123456789012:role/config' });
      return configRule(s);
    }], [(s) => {
      // a recorder in another Region does not record this Region's resources
      recorderAndChannel(new Stack(s.node.root as App, 'Ireland', { env: { account: '123456789012', region: 'eu-west-1' } }));
      return configRule(s);
    }]],
    notApplicable: [plainBucket],
    token: [[(s) => configRule(s, param(s, 'Identifier').valueAsString), NON_COMPLIANT]],
  },
  GuardDutyFindingsRoute: {
    compliant: [(s) => {
      new events.CfnRule(s, 'Findings', { eventPattern: { 'source': ['aws.guardduty'], 'detail-type': ['GuardDuty Finding'] }, targets: [{ id: 'Alerts', arn: 'arn:aws:sns:us-east-1:123456789012:alerts' }] });
      return detector(s);
    }],
    nonCompliant: [
      [(s) => detector(s)],
      [(s) => {
        new events.CfnRule(s, 'Findings', { eventPattern: { source: ['aws.guardduty'] } });
        return detector(s);
      }],
      [(s) => {
        new events.CfnRule(s, 'Findings', { eventPattern: { source: ['aws.guardduty'] }, state: 'DISABLED', targets: [{ id: 'A', arn: 'arn:aws:sns:us-east-1:123456789012:alerts' }] });
        return detector(s);
      }],
      [(s) => {
        // GuardDuty findings are Regional: a rule in another Region does not see them
        const other = new Stack(s.node.root as App, 'Oregon', { env: { account: '123456789012', region: 'us-west-2' } });
        new events.CfnRule(other, 'Findings', { eventPattern: { source: ['aws.guardduty'] }, targets: [{ id: 'A', arn: 'arn:aws:sns:us-west-2:123456789012:alerts' }] });
        return detector(s);
      }],
    ],
    notApplicable: [plainBucket],
    token: [[(s) => detector(s, param(s, 'Enable').value), NON_COMPLIANT]],
  },
  BatchFargateRoleTrust: {
    compliant: [(s) => {
      const role = new iam.CfnRole(s, 'Role', { assumeRolePolicyDocument: ecsTrust });
      return jobDefinition(s, {}, { executionRoleArn: role.attrArn, jobRoleArn: role.attrArn });
    }],
    nonCompliant: [[(s) => {
      const role = new iam.CfnRole(s, 'Ec2Only', { assumeRolePolicyDocument: ec2Trust });
      return jobDefinition(s, {}, { executionRoleArn: role.attrArn });
    }, ['Role::Ec2Only']]],
    notApplicable: [
      plainBucket,
      (s) => {
        const role = new iam.CfnRole(s, 'Ec2Only', { assumeRolePolicyDocument: ec2Trust });
        return jobDefinition(s, { platformCapabilities: ['EC2'] }, { jobRoleArn: role.attrArn });
      },
      (s) => jobDefinition(s, {}, { executionRoleArn: 'arn:aws:iam::123456789012:role/outside' }),
    ],
    token: [
      [(s) => jobDefinition(s, {}, { executionRoleArn: param(s, 'Role').valueAsString }), NOT_APPLICABLE],
      [(s) => {
        const role = new iam.CfnRole(s, 'Ec2Only', { assumeRolePolicyDocument: ec2Trust });
        return jobDefinition(s, { platformCapabilities: param(s, 'Platforms', 'List<String>').valueAsList }, { executionRoleArn: role.attrArn });
      }, NOT_APPLICABLE],
    ],
  },
  BatchPublicNetwork: {
    compliant: [
      (s) => jobDefinition(s, {}, { networkConfiguration: { assignPublicIp: 'DISABLED' } }),
      (s) => {
        const vpc = smallVpc(s, { subnetConfiguration: [{ name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
        return ec2ComputeEnvironment(s, undefined, 'FARGATE', vpc.isolatedSubnets.map((n) => n.subnetId));
      },
    ],
    nonCompliant: [
      [(s) => jobDefinition(s, {}, { networkConfiguration: { assignPublicIp: 'ENABLED' } })],
      [(s) => {
        const vpc = smallVpc(s, { subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC }] });
        return ec2ComputeEnvironment(s, undefined, 'FARGATE', vpc.publicSubnets.map((n) => n.subnetId));
      }],
      [(s) => {
        const vpc = smallVpc(s, { subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC, mapPublicIpOnLaunch: false }] });
        return ec2ComputeEnvironment(s, undefined, 'FARGATE', vpc.publicSubnets.map((n) => n.subnetId));
      }],
    ],
    notApplicable: [plainBucket, (s) => ec2ComputeEnvironment(s, undefined, 'FARGATE', ['subnet-outside'])],
    token: [
      [(s) => jobDefinition(s, {}, { networkConfiguration: { assignPublicIp: param(s, 'Public').valueAsString } }), NOT_APPLICABLE],
      [(s) => ec2ComputeEnvironment(s, undefined, 'FARGATE', param(s, 'Subnets', 'List<String>').valueAsList), NOT_APPLICABLE],
    ],
  },
  BatchPrivilegedContainer: {
    compliant: [(s) => jobDefinition(s), (s) => jobDefinition(s, {}, { privileged: false })],
    nonCompliant: [[(s) => jobDefinition(s, { platformCapabilities: ['EC2'] }, { privileged: true })]],
    notApplicable: [plainBucket],
    token: [[(s) => jobDefinition(s, {}, { privileged: param(s, 'Privileged').value }), NOT_APPLICABLE]],
  },
  BatchJobTimeout: {
    compliant: [(s) => jobDefinition(s)],
    nonCompliant: [[(s) => jobDefinition(s, { timeout: undefined })]],
    notApplicable: [plainBucket],
    token: [[(s) => jobDefinition(s, { timeout: { attemptDurationSeconds: param(s, 'T', 'Number').valueAsNumber } }), COMPLIANT]],
  },
  BatchJobRetryStrategy: {
    compliant: [(s) => jobDefinition(s)],
    nonCompliant: [[(s) => jobDefinition(s, { retryStrategy: undefined })], [(s) => jobDefinition(s, { retryStrategy: { attempts: 1 } })]],
    notApplicable: [plainBucket],
    token: [[(s) => jobDefinition(s, { retryStrategy: { attempts: param(s, 'A', 'Number').valueAsNumber } }), COMPLIANT]],
  },
  BatchEc2Imdsv2: {
    compliant: [(s) => ec2ComputeEnvironment(s, { launchTemplateId: launchTemplate(s, 'required').ref })],
    nonCompliant: [
      [(s) => ec2ComputeEnvironment(s)],
      [(s) => ec2ComputeEnvironment(s, { launchTemplateId: launchTemplate(s, 'optional').ref }, 'SPOT')],
    ],
    notApplicable: [plainBucket, (s) => ec2ComputeEnvironment(s, undefined, 'FARGATE'), (s) => ec2ComputeEnvironment(s, { launchTemplateName: 'outside' })],
    token: [[(s) => ec2ComputeEnvironment(s, { launchTemplateId: launchTemplate(s, param(s, 'Tokens').valueAsString).ref }), NOT_APPLICABLE]],
  },
  DynamoDbPointInTimeRecovery: {
    compliant: [(s) => new dynamodb.Table(s, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } })],
    nonCompliant: [[(s) => new dynamodb.Table(s, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } })]],
    notApplicable: [plainBucket],
    token: [[(s) => new dynamodb.CfnTable(s, 'Table', {
      keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
      attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
      billingMode: 'PAY_PER_REQUEST',
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: param(s, 'Pitr').value as any },
    }), NOT_APPLICABLE]],
  },
  DynamoDbCustomerManagedKey: {
    compliant: [(s) => new dynamodb.Table(s, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED, encryptionKey: new ComplianceKey(s, 'Key') })],
    nonCompliant: [
      [(s) => new dynamodb.Table(s, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } })],
      [(s) => new dynamodb.Table(s, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, encryption: dynamodb.TableEncryption.AWS_MANAGED })],
    ],
    notApplicable: [plainBucket],
    token: [[(s) => new dynamodb.CfnTable(s, 'Table', {
      keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
      attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
      billingMode: 'PAY_PER_REQUEST',
      sseSpecification: { sseEnabled: param(s, 'Sse').value as any },
    }), NOT_APPLICABLE]],
  },
};

test('every rule has cases, and every case list has entries', () => {
  // Rules over data paths have their denied and allowed twins in test/nag/paths/paths.test.ts.
  expect(Object.keys(CASES).sort()).toEqual(ALL_RULES.filter((r) => !r.describeFinding).map((r) => r.name).sort());
  for (const [name, cases] of Object.entries(CASES)) {
    for (const kind of ['compliant', 'nonCompliant', 'notApplicable', 'token'] as const) {
      expect([name, kind, cases[kind].length > 0]).toEqual([name, kind, true]);
    }
  }
});

describe.each(Object.entries(CASES))('%s', (name, cases) => {
  test.each(cases.compliant.map((b, i) => [i, b]))('compliant input %s', (_i, build) => {
    expect(judge(name, build as Build)).toEqual(COMPLIANT);
  });
  test.each(cases.nonCompliant.map(([b, expected], i) => [i, b, expected]))('non-compliant input %s', (_i, build, expected) => {
    expect(judge(name, build as Build)).toEqual(expected ?? NON_COMPLIANT);
  });
  test.each(cases.notApplicable.map((b, i) => [i, b]))('not-applicable input %s', (_i, build) => {
    expect(judge(name, build as Build)).toEqual(NOT_APPLICABLE);
  });
  test.each(cases.token.map(([b, expected], i) => [i, b, expected]))('token-valued input %s', (_i, build, expected) => {
    expect(judge(name, build as Build)).toEqual(expected);
  });
});
