import { App, Duration, Size, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as batch from 'aws-cdk-lib/aws-batch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { AuditedVpc, BatchCompute, BatchPipeline, BatchPipelineProps, BatchScale, ComplianceBucket, ComplianceTopic } from '../../src';
import { formatFindings, nagFindings, newStack } from '../nag-helper';

const AZS = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
const IMAGE_URI = '123456789012.dkr.ecr.us-east-1.amazonaws.com/transactions-worker:1.4.2';
const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-password-AbCdEf';

/** An app whose context holds the Region's AZs, so that an AuditedVpc needs no lookup. */
function appWithAzContext(): App {
  return new App({ context: { 'availability-zones:account=123456789012:region=us-east-1': AZS } });
}

interface Built { stack: Stack; vpc: AuditedVpc; pipeline: BatchPipeline; template: Template }

function build(props: Partial<BatchPipelineProps> = {}, extra: (stack: Stack, vpc: AuditedVpc) => Partial<BatchPipelineProps> = () => ({})): Built {
  const stack = newStack(appWithAzContext());
  const vpc = new AuditedVpc(stack, 'Vpc', {
    interfaceEndpoints: [...AuditedVpc.DEFAULT_INTERFACE_ENDPOINTS, 'ecs', 'ecs-agent', 'ecs-telemetry', 'secretsmanager', 'ssm'],
  });
  const pipeline = new BatchPipeline(stack, 'Pipeline', { vpc, imageUri: IMAGE_URI, ...props, ...extra(stack, vpc) });
  return { stack, vpc, pipeline, template: Template.fromStack(stack) };
}

/** Every option on: buckets, secrets, tracking table with backups, a given topic, array scale. */
function everything(compute: BatchCompute): Built {
  return build({ compute }, (stack) => {
    const repo = ecr.Repository.fromRepositoryName(stack, 'Repo', 'transactions-worker');
    return {
      imageUri: undefined,
      image: ecs.ContainerImage.fromEcrRepository(repo, '1.4.2'),
      inputBucket: new ComplianceBucket(stack, 'Input'),
      outputBucket: new ComplianceBucket(stack, 'Output'),
      alertTopic: new ComplianceTopic(stack, 'Alerts', { emailSubscriptions: ['secops@example.com'] }),
      secrets: {
        DB_PASSWORD: batch.Secret.fromSecretsManager(secretsmanager.Secret.fromSecretCompleteArn(stack, 'Db', SECRET_ARN)),
        API_TOKEN: batch.Secret.fromSsmParameter(ssm.StringParameter.fromSecureStringParameterAttributes(stack, 'Token', { parameterName: '/worker/api-token' })),
      },
      environment: { LOG_LEVEL: 'info' },
      command: ['node', 'main.mjs'],
      jobTracking: true,
      scale: BatchScale.fromThroughput({ recordsPerRun: 1_000_000, recordsPerSecondPerWorker: 50 }),
      cpu: 2,
      memory: Size.gibibytes(4),
      processingWindow: Duration.hours(4),
      attempts: 4,
      logRetention: logs.RetentionDays.TWO_YEARS,
      schedule: scheduler.ScheduleExpression.expression('cron(30 1 * * ? *)'),
    };
  });
}

function resources(template: Template, type: string): any[] {
  return Object.values(template.findResources(type));
}

function only(template: Template, type: string): any {
  const found = resources(template, type);
  expect(found).toHaveLength(1);
  return found[0];
}

function logicalIdOf(stack: Stack, construct: any): string {
  return stack.getLogicalId(construct.node.defaultChild);
}

// ---------------------------------------------------------------------------------------------
// cdk-nag: every stock pack, for each compute and with every option on
// ---------------------------------------------------------------------------------------------

describe('cdk-nag', () => {
  test.each([
    ['Fargate defaults', () => build()],
    ['Fargate Spot', () => build({ compute: BatchCompute.fargateSpot() })],
    ['EC2 compute', () => build({ compute: BatchCompute.ec2() })],
    ['EC2 with instance types', () => build({ compute: BatchCompute.ec2({ instanceTypes: [new ec2.InstanceType('m7g.large')] }) })],
    ['every option on, Fargate', () => everything(BatchCompute.fargate())],
    ['every option on, EC2', () => everything(BatchCompute.ec2())],
  ])('%s: no unacknowledged findings in any stock pack', (_name, make) => {
    const { stack } = make();
    expect(formatFindings(nagFindings(stack))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Seed failures made impossible
// ---------------------------------------------------------------------------------------------

describe('seed #3: no open egress', () => {
  test.each([
    ['Fargate', BatchCompute.fargate()],
    ['EC2', BatchCompute.ec2()],
  ])('%s: the jobs\' security group sends only HTTPS to the VPC endpoints', (_name, compute) => {
    const { stack, pipeline, vpc, template } = build({ compute });
    const sgId = logicalIdOf(stack, pipeline.securityGroup);
    const sg = template.toJSON().Resources[sgId];
    const inline = sg.Properties.SecurityGroupEgress ?? [];
    const standalone = resources(template, 'AWS::EC2::SecurityGroupEgress')
      .map((r) => r.Properties)
      .filter((p) => JSON.stringify(p.GroupId).includes(sgId));
    const rules = [...inline, ...standalone];
    expect(rules.length).toBeGreaterThanOrEqual(3);
    for (const rule of rules) {
      expect(rule.CidrIp).not.toBe('0.0.0.0/0');
      expect(rule.CidrIpv6).toBeUndefined();
      expect(rule.IpProtocol).toBe('tcp');
      expect([rule.FromPort, rule.ToPort]).toEqual([443, 443]);
    }
    // the endpoint security group, and the S3 and DynamoDB prefix lists of the gateway endpoints
    expect(rules.filter((r) => r.DestinationSecurityGroupId !== undefined)).toHaveLength(1);
    expect(JSON.stringify(rules.find((r) => r.DestinationSecurityGroupId))).toContain(logicalIdOf(stack, vpc.endpointSecurityGroup));
    expect(rules.filter((r) => r.DestinationPrefixListId !== undefined)).toHaveLength(2);
  });

  test('a plain VPC gets HTTPS to its own CIDR block only', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { subnetConfiguration: [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const pipeline = new BatchPipeline(stack, 'Pipeline', { vpc, imageUri: IMAGE_URI });
    const sg = Template.fromStack(stack).toJSON().Resources[logicalIdOf(stack, pipeline.securityGroup)];
    expect(sg.Properties.SecurityGroupEgress).toEqual([
      expect.objectContaining({ CidrIp: { 'Fn::GetAtt': [expect.any(String), 'CidrBlock'] }, FromPort: 443, ToPort: 443, IpProtocol: 'tcp' }),
    ]);
  });

  test('a given security group that allows all outbound traffic works and leaves a warning', () => {
    const { stack } = build({}, (_s, v) => ({ securityGroup: new ec2.SecurityGroup(v, 'Open', { vpc: v, allowAllOutbound: true }) }));
    Annotations.fromStack(stack).hasWarning('/TestStack/Pipeline', Match.stringLikeRegexp('securityGroup weakens a secure default: the given security group allows all outbound'));
  });

  test('the default security group leaves no such warning', () => {
    const { stack } = build();
    Annotations.fromStack(stack).hasNoWarning('/TestStack/Pipeline', Match.stringLikeRegexp('securityGroup weakens'));
  });

  test('Fargate jobs get no public IP and run in the private subnets', () => {
    const { stack, vpc, template } = build();
    const jobDef = only(template, 'AWS::Batch::JobDefinition');
    expect(jobDef.Properties.ContainerProperties.NetworkConfiguration).toEqual({ AssignPublicIp: 'DISABLED' });
    const ce = only(template, 'AWS::Batch::ComputeEnvironment');
    const subnetIds = vpc.isolatedSubnets.map((s) => ({ Ref: logicalIdOf(stack, s) }));
    expect(ce.Properties.ComputeResources.Subnets).toEqual(subnetIds);
  });

  test('EC2 instances get no public IP: private subnets, launch template without public addressing', () => {
    const { stack, vpc, template } = build({ compute: BatchCompute.ec2() });
    const ce = only(template, 'AWS::Batch::ComputeEnvironment');
    expect(ce.Properties.ComputeResources.Subnets).toEqual(vpc.isolatedSubnets.map((s) => ({ Ref: logicalIdOf(stack, s) })));
    const lt = only(template, 'AWS::EC2::LaunchTemplate');
    expect(JSON.stringify(lt.Properties.LaunchTemplateData)).not.toContain('AssociatePublicIpAddress');
  });
});

describe('seed #17: roles ECS tasks can assume, with managed policies only', () => {
  test.each([
    ['Fargate', BatchCompute.fargate()],
    ['EC2', BatchCompute.ec2()],
  ])('%s: job and execution roles trust ecs-tasks.amazonaws.com, and the job definition uses them', (_name, compute) => {
    const { stack, pipeline, template } = everything(compute);
    for (const role of [pipeline.jobRole, pipeline.executionRole]) {
      const cfn = template.toJSON().Resources[logicalIdOf(stack, role)];
      expect(cfn.Properties.AssumeRolePolicyDocument.Statement).toEqual([
        expect.objectContaining({
          Action: 'sts:AssumeRole',
          Effect: 'Allow',
          Principal: { Service: 'ecs-tasks.amazonaws.com' },
          Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
        }),
      ]);
    }
    const props = only(template, 'AWS::Batch::JobDefinition').Properties.ContainerProperties;
    expect(props.JobRoleArn).toEqual({ 'Fn::GetAtt': [logicalIdOf(stack, pipeline.jobRole), 'Arn'] });
    expect(props.ExecutionRoleArn).toEqual({ 'Fn::GetAtt': [logicalIdOf(stack, pipeline.executionRole), 'Arn'] });
  });

  test.each([
    ['Fargate', BatchCompute.fargate()],
    ['EC2', BatchCompute.ec2()],
  ])('%s: no inline policy anywhere in the pipeline; every role of it has a customer managed policy', (_name, compute) => {
    const { template } = everything(compute);
    const inline = Object.entries(template.findResources('AWS::IAM::Policy')).filter(([id]) => id.startsWith('Pipeline'));
    expect(inline).toEqual([]);
    const roles = Object.entries(template.findResources('AWS::IAM::Role')).filter(([id]) => id.startsWith('Pipeline') && !id.includes('BackupPlan'));
    expect(roles.length).toBeGreaterThanOrEqual(compute.isFargate ? 4 : 5);
    const attached = resources(template, 'AWS::IAM::ManagedPolicy').flatMap((p) => p.Properties.Roles.map((r: any) => r.Ref));
    for (const [id, role] of roles) {
      expect(role.Properties.Policies).toBeUndefined();
      expect(attached).toContain(id);
      expect(JSON.stringify(role.Properties.ManagedPolicyArns ?? [])).not.toContain(':iam::aws:policy');
    }
  });

  test('the EC2 instance role trusts EC2 and has no AWS managed policy', () => {
    const { stack, pipeline, template } = build({ compute: BatchCompute.ec2() });
    const role = template.toJSON().Resources[logicalIdOf(stack, pipeline.instanceRole)];
    expect(role.Properties.AssumeRolePolicyDocument.Statement[0].Principal).toEqual({ Service: 'ec2.amazonaws.com' });
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });

  test('kms wildcards added by aws-cdk-lib grants are narrowed', () => {
    const { template } = everything(BatchCompute.fargate());
    const text = JSON.stringify(resources(template, 'AWS::IAM::ManagedPolicy'));
    expect(text).not.toContain('kms:GenerateDataKey*');
    expect(text).not.toContain('kms:ReEncrypt*');
    expect(text).not.toContain('job-definition/*');
  });
});

function withDeprecatedAsErrors(body: () => void): void {
  const before = process.env.JSII_DEPRECATED;
  process.env.JSII_DEPRECATED = 'fail';
  try {
    body();
  } finally {
    if (before === undefined) {
      delete process.env.JSII_DEPRECATED;
    } else {
      process.env.JSII_DEPRECATED = before;
    }
  }
}

describe('seed #19: no deprecated APIs or properties', () => {
  // Control, once per process: newer aws-cdk-lib releases report each deprecated property only the
  // first time it is used, so the control cannot be repeated per variant.
  test('control: with deprecations as errors, a deprecated property throws', () => {
    withDeprecatedAsErrors(() => {
      expect(() => new ec2.Vpc(newStack(), 'Old', { cidr: '10.0.0.0/16' })).toThrow(/cidr is deprecated/);
    });
  });

  test.each([
    ['Fargate', () => everything(BatchCompute.fargate())],
    ['EC2', () => everything(BatchCompute.ec2())],
  ])('%s: builds with deprecated aws-cdk-lib APIs turned into errors', (_name, make) => {
    withDeprecatedAsErrors(() => expect(() => make()).not.toThrow());
  });

  test('the compute environment is tagged on the resource itself', () => {
    const { template } = build({ compute: BatchCompute.ec2() });
    const ce = only(template, 'AWS::Batch::ComputeEnvironment');
    expect(ce.Properties.Tags).toEqual(expect.objectContaining({ 'batch-pipeline': 'TestStack/Pipeline' }));
  });
});

describe('seed #22: backups beyond point-in-time recovery', () => {
  test('the job-tracking table has PITR, a customer managed key, RETAIN, and is in an AWS Backup plan', () => {
    const { stack, pipeline, template } = build({ jobTracking: true });
    const tableId = logicalIdOf(stack, pipeline.trackingTable);
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [logicalIdOf(stack, pipeline.key), 'Arn'] } },
        DeletionProtectionEnabled: true,
      }),
    });
    const selection = only(template, 'AWS::Backup::BackupSelection');
    expect(JSON.stringify(selection.Properties.BackupSelection.Resources)).toContain(tableId);
    const plan = only(template, 'AWS::Backup::BackupPlan');
    expect(plan.Properties.BackupPlan.BackupPlanRule.map((r: any) => r.RuleName).sort()).toEqual(['Daily', 'Monthly1Year']);
    template.hasResource('AWS::Backup::BackupVault', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ EncryptionKeyArn: { 'Fn::GetAtt': [logicalIdOf(stack, pipeline.key), 'Arn'] } }),
    });
  });

  test('turning backups off works and leaves a warning', () => {
    const { pipeline, template } = build({ jobTracking: true, backup: false });
    template.resourceCountIs('AWS::Backup::BackupPlan', 0);
    Annotations.fromStack(Stack.of(pipeline)).hasWarning('/TestStack/Pipeline', Match.stringLikeRegexp('backup weakens a secure default'));
  });

  test('backup without a tracking table is refused', () => {
    expect(() => build({ backup: true })).toThrow(/invalid backup: true\. Backups cover the job-tracking table/);
  });

  test('no table, no backup plan', () => {
    const { template } = build();
    template.resourceCountIs('AWS::DynamoDB::Table', 0);
    template.resourceCountIs('AWS::Backup::BackupPlan', 0);
  });
});

describe('seed #23: alarms on metrics AWS publishes', () => {
  test('ExecutionsFailed and ExecutionsTimedOut of AWS/States for this state machine, notifying the alert topic', () => {
    const { stack, pipeline, template } = build();
    const smId = logicalIdOf(stack, pipeline.stateMachine);
    const topicRef = { Ref: logicalIdOf(stack, pipeline.alertTopic) };
    for (const metricName of ['ExecutionsFailed', 'ExecutionsTimedOut']) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/States',
        MetricName: metricName,
        Dimensions: [{ Name: 'StateMachineArn', Value: { Ref: smId } }],
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [topicRef],
      });
    }
  });

  test('every alarm uses an AWS namespace: nothing depends on a custom metric someone must publish', () => {
    const { template } = everything(BatchCompute.fargate());
    const alarms = resources(template, 'AWS::CloudWatch::Alarm').filter((a) => JSON.stringify(a).includes('Pipeline'));
    expect(alarms).toHaveLength(3);
    for (const alarm of alarms) {
      expect(alarm.Properties.Namespace).toMatch(/^AWS\/(States|SQS)$/);
    }
  });

  test('CloudWatch alarms may publish to the created topic, scoped to each alarm', () => {
    const { stack, pipeline, template } = build();
    const policy = only(template, 'AWS::SNS::TopicPolicy');
    const statements = policy.Properties.PolicyDocument.Statement.filter((s: any) => s.Principal?.Service === 'cloudwatch.amazonaws.com');
    expect(statements).toHaveLength(3);
    const alarmIds = [pipeline.executionsFailedAlarm, pipeline.executionsTimedOutAlarm, pipeline.deadLetterAlarm].map((a) => logicalIdOf(stack, a));
    expect(statements.map((s: any) => s.Condition.ArnLike['aws:SourceArn']['Fn::GetAtt'][0]).sort()).toEqual(alarmIds.sort());
  });
});

describe('seed #26: a real image, no placeholder', () => {
  test('without an image the pipeline is refused, pointing to the sample worker', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { subnetConfiguration: [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    expect(() => new BatchPipeline(stack, 'Pipeline', { vpc })).toThrow(/invalid image: 'neither image nor imageUri'\. .*examples\/batch-worker/);
  });

  test('image and imageUri together are refused', () => {
    expect(() => build({ image: ecs.ContainerImage.fromRegistry('a/b:1') })).toThrow(/invalid image: 'both image and imageUri'/);
  });

  test('the given image URI is the job definition\'s image', () => {
    const { template } = build();
    expect(only(template, 'AWS::Batch::JobDefinition').Properties.ContainerProperties.Image).toBe(IMAGE_URI);
  });

  test('an ECR image is pulled by the execution role, not the job role', () => {
    const { stack, pipeline, template } = everything(BatchCompute.fargate());
    const policies = resources(template, 'AWS::IAM::ManagedPolicy');
    const exec = policies.find((p) => p.Properties.Roles[0].Ref === logicalIdOf(stack, pipeline.executionRole));
    const job = policies.find((p) => p.Properties.Roles[0].Ref === logicalIdOf(stack, pipeline.jobRole));
    expect(JSON.stringify(exec.Properties.PolicyDocument)).toContain('ecr:BatchGetImage');
    expect(JSON.stringify(job.Properties.PolicyDocument)).not.toContain('ecr:');
  });
});

describe('seed #27: sized and watched against the processing window', () => {
  test('the array size follows ceil(headroom × records / (records per second × window seconds))', () => {
    // 1,000,000 records, 50 records/s per worker, 4 h = 14,400 s, headroom 2: ceil(2.78) = 3
    expect(BatchScale.requiredArraySize(1_000_000, 50, Duration.hours(4), 2)).toBe(3);
    // no headroom: ceil(1.39) = 2
    expect(BatchScale.requiredArraySize(1_000_000, 50, Duration.hours(4), 1)).toBe(2);
    // slower workers need more children: 1,000,000 / (5 × 14,400) × 2 = 27.8 → 28
    expect(BatchScale.requiredArraySize(1_000_000, 5, Duration.hours(4))).toBe(28);
    // tiny runs still make an array of 2, AWS Batch's minimum
    expect(BatchScale.requiredArraySize(10, 1000, Duration.hours(4))).toBe(2);
  });

  test('the state machine submits an array job of that size and times the job out at the window', () => {
    const { pipeline, template } = build({ scale: BatchScale.fromThroughput({ recordsPerRun: 1_000_000, recordsPerSecondPerWorker: 5 }) });
    expect(pipeline.arraySize).toBe(28);
    const sm = only(template, 'AWS::StepFunctions::StateMachine');
    const parsed = JSON.parse(sm.Properties.DefinitionString['Fn::Join'][1].map((p: any) => (typeof p === 'string' ? p : 'TOKEN')).join(''));
    const submit = parsed.States.SubmitJob;
    expect(submit.Resource).toContain(':states:::batch:submitJob.sync');
    expect(submit.Parameters.ArrayProperties).toEqual({ Size: 28 });
    // each submitted job (each array child) is stopped at the window, and so is the run
    expect(submit.Parameters.Timeout).toEqual({ AttemptDurationSeconds: 4 * 3600 });
    expect(parsed.TimeoutSeconds).toBe(4 * 3600);
    expect(only(template, 'AWS::Batch::JobDefinition').Properties.Timeout).toEqual({ AttemptDurationSeconds: 4 * 3600 });
    const env = only(template, 'AWS::Batch::JobDefinition').Properties.ContainerProperties.Environment;
    expect(env).toContainEqual({ Name: 'ARRAY_SIZE', Value: '28' });
  });

  test('a given array size is used as it is; the compute environment can run every child at once', () => {
    const { pipeline, template } = build({ scale: BatchScale.arraySize(40), cpu: 1, memory: Size.gibibytes(2) });
    expect(pipeline.arraySize).toBe(40);
    expect(only(template, 'AWS::Batch::ComputeEnvironment').Properties.ComputeResources.MaxvCpus).toBe(40);
  });

  test('a single job by default', () => {
    const { pipeline, template } = build();
    expect(pipeline.arraySize).toBeUndefined();
    expect(JSON.stringify(only(template, 'AWS::StepFunctions::StateMachine').Properties.DefinitionString)).not.toContain('ArrayProperties');
  });

  test('a timeout or failure notifies the alert topic, then fails the run', () => {
    const { template } = build();
    const text = JSON.stringify(only(template, 'AWS::StepFunctions::StateMachine').Properties.DefinitionString);
    expect(text).toContain('\\"Catch\\":[{\\"ErrorEquals\\":[\\"States.ALL\\"],\\"ResultPath\\":\\"$.error\\",\\"Next\\":\\"NotifyFailure\\"}]');
    expect(text).toContain(':states:::sns:publish');
    expect(text).toContain('\\"NotifyFailure\\":{\\"Next\\":\\"RunFailed\\"');
    expect(text).toContain('\\"RunFailed\\":{\\"Type\\":\\"Fail\\"');
  });

  test('runs that time out or are aborted are reported by an EventBridge rule', () => {
    const { stack, pipeline, template } = build();
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        'source': ['aws.states'],
        'detail-type': ['Step Functions Execution Status Change'],
        'detail': { status: ['TIMED_OUT', 'ABORTED'], stateMachineArn: [{ Ref: logicalIdOf(stack, pipeline.stateMachine) }] },
      },
      Targets: [Match.objectLike({ Arn: { Ref: logicalIdOf(stack, pipeline.alertTopic) } })],
    });
  });

  test('the dashboard shows run duration against the window', () => {
    const { template } = build();
    const body = JSON.stringify(only(template, 'AWS::CloudWatch::Dashboard').Properties.DashboardBody);
    expect(body).toContain('ExecutionTime');
    expect(body).toContain(`\\"value\\":${4 * 3600 * 1000}`);
    expect(body).toContain('ExecutionsTimedOut');
  });
});

describe('seed #29: a dead-letter queue for everything that delivers events', () => {
  test('the schedule retries and dead-letters to an encrypted, TLS-only queue', () => {
    const { stack, pipeline, template } = build();
    const queueArn = { 'Fn::GetAtt': [logicalIdOf(stack, pipeline.deadLetterQueue), 'Arn'] };
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      Target: Match.objectLike({
        Arn: { Ref: logicalIdOf(stack, pipeline.stateMachine) },
        DeadLetterConfig: { Arn: queueArn },
        RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 3600 },
      }),
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      KmsMasterKeyId: { 'Fn::GetAtt': [logicalIdOf(stack, pipeline.key), 'Arn'] },
    });
    const queuePolicy = resources(template, 'AWS::SQS::QueuePolicy').find((p) => JSON.stringify(p).includes(logicalIdOf(stack, pipeline.deadLetterQueue)));
    expect(queuePolicy.Properties.PolicyDocument.Statement).toContainEqual(expect.objectContaining({
      Effect: 'Deny',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    }));
  });

  test('the alert rules retry and dead-letter to the same queue', () => {
    const { stack, pipeline, template } = build();
    const queueArn = { 'Fn::GetAtt': [logicalIdOf(stack, pipeline.deadLetterQueue), 'Arn'] };
    const rules = resources(template, 'AWS::Events::Rule');
    expect(rules).toHaveLength(2);
    for (const rule of rules) {
      expect(rule.Properties.Targets).toEqual([expect.objectContaining({
        DeadLetterConfig: { Arn: queueArn },
        RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 7200 },
      })]);
    }
  });

  test('messages in the dead-letter queue raise an alarm', () => {
    const { stack, pipeline, template } = build();
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalIdOf(stack, pipeline.deadLetterQueue), 'QueueName'] } }],
      AlarmActions: [{ Ref: logicalIdOf(stack, pipeline.alertTopic) }],
    });
  });
});

describe('seed #30: tracing and logging', () => {
  test('the state machine has X-Ray tracing and logs ALL to a KMS-encrypted log group with retention', () => {
    const { stack, pipeline, template } = build();
    const sm = only(template, 'AWS::StepFunctions::StateMachine');
    expect(sm.Properties.TracingConfiguration).toEqual({ Enabled: true });
    expect(sm.Properties.LoggingConfiguration).toEqual({
      Level: 'ALL',
      IncludeExecutionData: true,
      Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [logicalIdOf(stack, pipeline.stateMachineLogGroup), 'Arn'] } } }],
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      KmsKeyId: { 'Fn::GetAtt': [logicalIdOf(stack, pipeline.stateMachineLogGroup.key), 'Arn'] },
      RetentionInDays: 365,
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Compute, jobs, orchestration, monitoring
// ---------------------------------------------------------------------------------------------

describe('compute', () => {
  test.each([
    ['fargate', BatchCompute.fargate(), 'FARGATE'],
    ['fargateSpot', BatchCompute.fargateSpot(), 'FARGATE_SPOT'],
    ['ec2', BatchCompute.ec2(), 'EC2'],
  ])('%s makes a managed %s compute environment behind one job queue', (_name, compute, type) => {
    const { stack, pipeline, template } = build({ compute });
    const ce = only(template, 'AWS::Batch::ComputeEnvironment');
    expect(ce.Properties.Type).toBe('managed');
    expect(ce.Properties.ComputeResources.Type).toBe(type);
    expect(ce.Properties.ComputeResources.SecurityGroupIds).toEqual([{ 'Fn::GetAtt': [logicalIdOf(stack, pipeline.securityGroup), 'GroupId'] }]);
    // the service-linked role of AWS Batch, not a role with an AWS managed policy
    expect(ce.Properties.ServiceRole).toBeUndefined();
    template.hasResourceProperties('AWS::Batch::JobQueue', {
      ComputeEnvironmentOrder: [{ ComputeEnvironment: { 'Fn::GetAtt': [stack.getLogicalId(pipeline.computeEnvironment.node.defaultChild as any), 'ComputeEnvironmentArn'] }, Order: 1 }],
    });
  });

  test('EC2: the launch template requires IMDSv2, encrypts the root volume and turns on detailed monitoring', () => {
    const { template } = build({ compute: BatchCompute.ec2() });
    const data = only(template, 'AWS::EC2::LaunchTemplate').Properties.LaunchTemplateData;
    expect(data.Monitoring).toEqual({ Enabled: true });
    expect(data.MetadataOptions).toEqual(expect.objectContaining({ HttpTokens: 'required', HttpEndpoint: 'enabled', HttpPutResponseHopLimit: 1 }));
    expect(data.BlockDeviceMappings).toEqual([{ DeviceName: '/dev/xvda', Ebs: expect.objectContaining({ Encrypted: true, VolumeType: 'gp3' }) }]);
    const ce = only(template, 'AWS::Batch::ComputeEnvironment');
    expect(ce.Properties.ComputeResources.LaunchTemplate).toBeDefined();
    expect(ce.Properties.ComputeResources.Ec2Configuration).toEqual([{ ImageType: 'ECS_AL2023' }]);
  });

  test('EC2 in an AuditedVpc without the ECS endpoints leaves a warning', () => {
    const stack = newStack(appWithAzContext());
    const vpc = new AuditedVpc(stack, 'Vpc');
    new BatchPipeline(stack, 'Pipeline', { vpc, imageUri: IMAGE_URI, compute: BatchCompute.ec2() });
    Annotations.fromStack(stack).hasWarning('/TestStack/Pipeline', Match.stringLikeRegexp('ecs, ecs-agent and ecs-telemetry'));
  });

  test('secrets in an AuditedVpc without the Secrets Manager or SSM endpoints leave a warning', () => {
    const stack = newStack(appWithAzContext());
    const vpc = new AuditedVpc(stack, 'Vpc');
    new BatchPipeline(stack, 'Pipeline', {
      vpc,
      imageUri: IMAGE_URI,
      secrets: { DB_PASSWORD: batch.Secret.fromSecretsManager(secretsmanager.Secret.fromSecretCompleteArn(stack, 'Db', SECRET_ARN)) },
    });
    Annotations.fromStack(stack).hasWarning('/TestStack/Pipeline', Match.stringLikeRegexp('add secretsmanager .* or ssm'));
  });

  test('with those endpoints there is no warning about them', () => {
    const { stack } = everything(BatchCompute.fargate());
    Annotations.fromStack(stack).hasNoWarning('/TestStack/Pipeline', Match.stringLikeRegexp('add secretsmanager'));
    Annotations.fromStack(stack).hasNoWarning('/TestStack/Pipeline', Match.stringLikeRegexp('ecs-agent'));
  });

  test('given subnets and a given security group are used', () => {
    const { stack, vpc, template } = build({}, (_scope, v) => ({
      vpcSubnets: { subnets: [v.isolatedSubnets[0]] },
      securityGroup: v.addSecurityGroup('Own'),
    }));
    const ce = only(template, 'AWS::Batch::ComputeEnvironment');
    expect(ce.Properties.ComputeResources.Subnets).toEqual([{ Ref: logicalIdOf(stack, vpc.isolatedSubnets[0]) }]);
    expect(JSON.stringify(ce.Properties.ComputeResources.SecurityGroupIds)).toContain('VpcOwn');
  });
});

describe('job definition', () => {
  test.each([
    ['Fargate', BatchCompute.fargate()],
    ['EC2', BatchCompute.ec2()],
  ])('%s: read-only root filesystem, never privileged, logs to the KMS log group', (_name, compute) => {
    const { stack, pipeline, template } = build({ compute });
    const jobDef = only(template, 'AWS::Batch::JobDefinition');
    const props = jobDef.Properties.ContainerProperties;
    expect(props.ReadonlyRootFilesystem).toBe(true);
    expect(props.Privileged ?? false).toBe(false);
    expect(props.LogConfiguration).toEqual({
      LogDriver: 'awslogs',
      Options: {
        'awslogs-group': { Ref: logicalIdOf(stack, pipeline.jobLogGroup) },
        'awslogs-stream-prefix': 'job',
        'awslogs-region': 'us-east-1',
      },
    });
    expect(jobDef.Properties.PlatformCapabilities).toEqual([compute.isFargate ? 'FARGATE' : 'EC2']);
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      KmsKeyId: { 'Fn::GetAtt': [logicalIdOf(stack, pipeline.jobLogGroup.key), 'Arn'] },
      RetentionInDays: 365,
    });
  });

  test('retries infrastructure failures and exits on anything else, in that order', () => {
    const { template } = build({ attempts: 5 });
    const jobDef = only(template, 'AWS::Batch::JobDefinition');
    expect(jobDef.Properties.RetryStrategy).toEqual({
      Attempts: 5,
      EvaluateOnExit: [
        { Action: 'RETRY', OnStatusReason: 'Host EC2*' },
        { Action: 'RETRY', OnStatusReason: 'Your Spot Task was interrupted*' },
        { Action: 'RETRY', OnReason: 'CannotPullContainerError*' },
        { Action: 'RETRY', OnStatusReason: 'Task failed to start*' },
        { Action: 'EXIT', OnReason: '*' },
      ],
    });
  });

  test('cpu and memory become the job\'s resource requirements', () => {
    const { template } = build({ cpu: 0.5, memory: Size.mebibytes(3072) });
    expect(only(template, 'AWS::Batch::JobDefinition').Properties.ContainerProperties.ResourceRequirements).toEqual(expect.arrayContaining([
      { Type: 'VCPU', Value: '0.5' },
      { Type: 'MEMORY', Value: '3072' },
    ]));
  });

  test('secrets come from Secrets Manager and SSM, read by the execution role', () => {
    const { stack, pipeline, template } = everything(BatchCompute.fargate());
    const props = only(template, 'AWS::Batch::JobDefinition').Properties.ContainerProperties;
    expect(props.Secrets).toEqual(expect.arrayContaining([
      { Name: 'DB_PASSWORD', ValueFrom: SECRET_ARN },
      { Name: 'API_TOKEN', ValueFrom: expect.anything() },
    ]));
    const exec = resources(template, 'AWS::IAM::ManagedPolicy').find((p) => p.Properties.Roles[0].Ref === logicalIdOf(stack, pipeline.executionRole));
    const text = JSON.stringify(exec.Properties.PolicyDocument);
    expect(text).toContain('secretsmanager:GetSecretValue');
    expect(text).toContain(SECRET_ARN);
    expect(text).toContain('ssm:GetParameters');
  });

  test('input and output buckets: the job role reads one and writes the other, nothing more', () => {
    const { stack, pipeline, template } = everything(BatchCompute.fargate());
    const job = resources(template, 'AWS::IAM::ManagedPolicy').find((p) => p.Properties.Roles[0].Ref === logicalIdOf(stack, pipeline.jobRole));
    const bySid = Object.fromEntries(job.Properties.PolicyDocument.Statement.map((s: any) => [s.Sid, s]));
    expect(bySid.ListInput.Action).toBe('s3:ListBucket');
    expect(bySid.ReadInput.Action).toBe('s3:GetObject');
    expect(JSON.stringify(bySid.ReadInput.Resource)).toContain('Input');
    expect(bySid.WriteOutput.Action).toEqual(['s3:PutObject', 's3:AbortMultipartUpload']);
    expect(JSON.stringify(bySid.WriteOutput.Resource)).toContain('Output');
    expect(bySid.DecryptInput.Action).toBe('kms:Decrypt');
    expect(bySid.EncryptOutput.Action).toEqual(['kms:GenerateDataKey', 'kms:Decrypt']);
    const actions = job.Properties.PolicyDocument.Statement.flatMap((s: any) => [s.Action].flat());
    expect(actions).not.toContain('s3:DeleteObject');
    const env = only(template, 'AWS::Batch::JobDefinition').Properties.ContainerProperties.Environment;
    expect(env.map((e: any) => e.Name).sort()).toEqual(['ARRAY_SIZE', 'INPUT_BUCKET', 'LOG_LEVEL', 'OUTPUT_BUCKET', 'TRACKING_TABLE']);
  });
});

describe('orchestration and monitoring', () => {
  test('runs start daily at 00:00 UTC by default, through a role that may only start this state machine', () => {
    const { stack, pipeline, template } = build();
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 0 * * ? *)',
      ScheduleExpressionTimezone: 'Etc/UTC',
      State: 'ENABLED',
    });
    const schedule = only(template, 'AWS::Scheduler::Schedule');
    const roleId = schedule.Properties.Target.RoleArn['Fn::GetAtt'][0];
    const policy = resources(template, 'AWS::IAM::ManagedPolicy').find((p) => p.Properties.Roles[0].Ref === roleId);
    expect(policy.Properties.PolicyDocument.Statement).toContainEqual(expect.objectContaining({
      Action: 'states:StartExecution',
      Resource: { Ref: logicalIdOf(stack, pipeline.stateMachine) },
    }));
  });

  test('a given schedule is used', () => {
    const { template } = build({ schedule: scheduler.ScheduleExpression.expression('cron(30 1 * * ? *)') });
    template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'cron(30 1 * * ? *)' });
  });

  test('the state machine may submit only this pipeline\'s job, to this pipeline\'s queue', () => {
    const { stack, pipeline, template } = build();
    const roleId = only(template, 'AWS::StepFunctions::StateMachine').Properties.RoleArn['Fn::GetAtt'][0];
    const policy = resources(template, 'AWS::IAM::ManagedPolicy').find((p) => p.Properties.Roles[0].Ref === roleId);
    const submit = policy.Properties.PolicyDocument.Statement.filter((s: any) => [s.Action].flat().includes('batch:SubmitJob'));
    expect(submit).toEqual([expect.objectContaining({
      Resource: [
        { Ref: logicalIdOf(stack, pipeline.jobDefinition) },
        { 'Fn::GetAtt': [logicalIdOf(stack, pipeline.jobQueue), 'JobQueueArn'] },
      ],
    })]);
  });

  test('failed Batch jobs of the queue are reported once per job to the alert topic', () => {
    const { stack, pipeline, template } = build();
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        'source': ['aws.batch'],
        'detail-type': ['Batch Job State Change'],
        'detail': {
          status: ['FAILED'],
          jobQueue: [{ 'Fn::GetAtt': [logicalIdOf(stack, pipeline.jobQueue), 'JobQueueArn'] }],
          arrayProperties: { index: [{ exists: false }] },
        },
      },
      Targets: [Match.objectLike({ Arn: { Ref: logicalIdOf(stack, pipeline.alertTopic) }, RoleArn: Match.absent() })],
    });
  });

  test('a given alert topic receives the alerts', () => {
    const { stack, pipeline, template } = everything(BatchCompute.fargate());
    expect(pipeline.ownsAlertTopic).toBe(false);
    expect(stack.node.tryFindChild('Pipeline')!.node.tryFindChild('Alerts')).toBeUndefined();
    template.resourceCountIs('AWS::SNS::Topic', 1);
    for (const alarm of [pipeline.executionsFailedAlarm, pipeline.executionsTimedOutAlarm]) {
      const actions = template.toJSON().Resources[logicalIdOf(stack, alarm)].Properties.AlarmActions;
      expect(actions).toEqual([{ Ref: logicalIdOf(stack, pipeline.alertTopic) }]);
    }
  });

  test('grantStartRun lets a principal start a run', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { subnetConfiguration: [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const pipeline = new BatchPipeline(stack, 'Pipeline', { vpc, imageUri: IMAGE_URI });
    const role = new iam.Role(stack, 'Operator', { assumedBy: new iam.AccountRootPrincipal() });
    pipeline.grantStartRun(role);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [Match.objectLike({ Action: 'states:StartExecution', Resource: { Ref: logicalIdOf(stack, pipeline.stateMachine) } })] },
    });
  });

  test('metricRunsFailed and metricRunsTimedOut are the AWS/States metrics', () => {
    const { pipeline } = build();
    expect(pipeline.metricRunsFailed().metricName).toBe('ExecutionsFailed');
    expect(pipeline.metricRunsTimedOut().namespace).toBe('AWS/States');
  });
});

// ---------------------------------------------------------------------------------------------
// Bad input fails at synth
// ---------------------------------------------------------------------------------------------

describe('environment', () => {
  test('the variables are rendered in name order whatever the order of the map, then the pipeline\'s own', () => {
    const a = only(build({ environment: { ZONE: 'z', ALPHA: 'a', MIDDLE: 'm' } }).template, 'AWS::Batch::JobDefinition');
    const b = only(build({ environment: { MIDDLE: 'm', ZONE: 'z', ALPHA: 'a' } }).template, 'AWS::Batch::JobDefinition');
    const names = (jobDef: any) => jobDef.Properties.ContainerProperties.Environment.map((e: { Name: string }) => e.Name);
    expect(names(a)).toEqual(['ALPHA', 'MIDDLE', 'ZONE', 'ARRAY_SIZE']);
    expect(names(b)).toEqual(names(a));
  });

  test.each(['INPUT_BUCKET', 'OUTPUT_BUCKET', 'ARRAY_SIZE', 'TRACKING_TABLE'])('%s cannot be given: the pipeline sets it', (name) => {
    expect(() => build({ environment: { [name]: 'mine' } })).toThrow(
      new RegExp(`Pipeline: invalid environment: '${name}'\\. INPUT_BUCKET, OUTPUT_BUCKET, ARRAY_SIZE, TRACKING_TABLE are set by the pipeline`));
  });
});

describe('bad input', () => {
  test('a cpu and memory pair Fargate rejects', () => {
    expect(() => build({ cpu: 1, memory: Size.gibibytes(16) })).toThrow(
      /Pipeline: invalid memory: '16384 MiB with 1 vCPU'\. Allowed on Fargate with 1 vCPU: 2048 to 8192 MiB in steps of 1024 MiB\./);
  });

  test('a cpu Fargate does not offer', () => {
    expect(() => build({ cpu: 3 })).toThrow(/invalid cpu: 3\. Allowed on Fargate: 0\.25, 0\.5, 1, 2, 4, 8, 16 vCPU\./);
  });

  test('the same pair is fine on EC2', () => {
    expect(() => build({ compute: BatchCompute.ec2(), cpu: 1, memory: Size.gibibytes(16) })).not.toThrow();
  });

  test('a processing window of zero', () => {
    expect(() => build({ processingWindow: Duration.seconds(0) })).toThrow(/invalid processingWindow: 0 seconds\. Allowed: .*at least 1 minute/);
  });

  test('public subnets', () => {
    const stack = newStack(appWithAzContext());
    const vpc = new AuditedVpc(stack, 'Vpc', {
      subnetConfiguration: [
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC },
        { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      ],
    });
    expect(() => new BatchPipeline(stack, 'Pipeline', { vpc, imageUri: IMAGE_URI, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } }))
      .toThrow(/invalid vpcSubnets: \["TestStack\/Vpc\/PublicSubnet1","TestStack\/Vpc\/PublicSubnet2"\]\. Allowed: private or isolated subnets only/);
  });

  test.each([1, 0, 10_001, 2.5])('an array size of %d, outside AWS Batch\'s 2 to 10,000', (size) => {
    expect(() => build({ scale: BatchScale.arraySize(size) }))
      .toThrow(new RegExp(`invalid scale: ${size}\\. The array size \\(from BatchScale.arraySize\\) must be a whole number from 2 to 10000`));
  });

  test('a throughput that needs more than 10,000 children', () => {
    expect(() => build({ scale: BatchScale.fromThroughput({ recordsPerRun: 100_000_000, recordsPerSecondPerWorker: 1 }) }))
      .toThrow(/invalid scale: 13889\. The array size \(from 2 × 100000000 records \/ \(1 records\/s × 14400 s\)\) must be a whole number from 2 to 10000/);
  });

  test.each([
    ['recordsPerRun', { recordsPerRun: 0, recordsPerSecondPerWorker: 5 }, 'scale.recordsPerRun: 0'],
    ['recordsPerSecondPerWorker', { recordsPerRun: 10, recordsPerSecondPerWorker: -1 }, 'scale.recordsPerSecondPerWorker: -1'],
    ['headroom', { recordsPerRun: 10, recordsPerSecondPerWorker: 1, headroom: 0.5 }, 'scale.headroom: 0.5'],
  ])('a throughput with a bad %s', (_name, options, message) => {
    expect(() => build({ scale: BatchScale.fromThroughput(options) })).toThrow(`invalid ${message}.`);
  });

  test.each([0, 11])('attempts of %d', (attempts) => {
    expect(() => build({ attempts })).toThrow(`invalid attempts: ${attempts}. Allowed: a whole number from 1 to 10.`);
  });
});

describe('retention', () => {
  test('log groups and the key stay when the pipeline is removed', () => {
    const { template } = build();
    for (const group of resources(template, 'AWS::Logs::LogGroup')) {
      expect(group.DeletionPolicy).toBe('Retain');
    }
    for (const key of resources(template, 'AWS::KMS::Key')) {
      expect(key.DeletionPolicy).toBe('Retain');
      expect(key.Properties.EnableKeyRotation).toBe(true);
    }
  });
});
