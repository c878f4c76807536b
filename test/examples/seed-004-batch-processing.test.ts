/**
 * Checklist of seed review 004_5b6328fd8d3c63a0 (a nightly financial batch in Terraform) against the
 * reference app examples/batch-processing: every numbered failure of the review is an assertion on
 * the synthesized template (the CloudFormation counterpart of what the review found missing in the
 * Terraform), or a written reason why it cannot apply.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { ChecklistItem, expectCheckToCatch, outputTarget, refsIn, refTarget, REPO_ROOT, resourcesOf, seedChecklist, Statement, statementsOf, SynthesizedApp, synthesized, TemplateJson } from './checklist';
import { ENV } from '../../examples/batch-processing/typescript/app';
import { AuditedVpc, BatchPipeline } from '../../src';

const SEED = '004_5b6328fd8d3c63a0';

const buckets = (t: TemplateJson) => resourcesOf(t, 'AWS::S3::Bucket');
/** The policy statements of each bucket, by the bucket's logical id. */
function bucketStatements(t: TemplateJson): Record<string, Statement[]> {
  const byBucket: Record<string, Statement[]> = {};
  for (const policy of Object.values(resourcesOf(t, 'AWS::S3::BucketPolicy'))) {
    byBucket[refTarget(policy.Properties.Bucket)!] = statementsOf(policy.Properties.PolicyDocument);
  }
  return byBucket;
}
const denyWithoutTls = (s: any) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false';
const gatewayEndpoints = (t: TemplateJson) => Object.values(resourcesOf(t, 'AWS::EC2::VPCEndpoint')).filter((e) => (e.Properties.VpcEndpointType ?? 'Gateway') === 'Gateway');
const keyPolicyStatements = (t: TemplateJson, keyId: string) => statementsOf(t.Resources[keyId].Properties.KeyPolicy);
const servicePrincipals = (statements: any[]) => statements.filter((s) => s.Effect === 'Allow').flatMap((s) => [].concat(s.Principal?.Service ?? []));
/** Checkov checks a resource skips in its own metadata with a written reason. */
const checkovSkips = (resource: any): string[] =>
  (resource.Metadata?.checkov?.skip ?? []).filter((s: any) => s.comment?.length > 40).map((s: any) => s.id);
const jobDefinition = (t: TemplateJson) => Object.values(resourcesOf(t, 'AWS::Batch::JobDefinition'))[0];
const stateMachineDefinition = (t: TemplateJson) => JSON.stringify(Object.values(resourcesOf(t, 'AWS::StepFunctions::StateMachine'))[0].Properties.DefinitionString);

/** Actions IAM grants only on Resource "*" (no resource-level permissions): the only ones allowed on "*". */
const STAR_ONLY_ACTIONS = [
  /^xray:(PutTraceSegments|PutTelemetryRecords|GetSamplingRules|GetSamplingTargets)$/,
  /^ec2:Describe[A-Za-z]+$/,
  /^ecr:GetAuthorizationToken$/,
  /^logs:(CreateLogDelivery|GetLogDelivery|UpdateLogDelivery|DeleteLogDelivery|ListLogDeliveries|PutResourcePolicy|DescribeResourcePolicies|DescribeLogGroups)$/,
];

const CHECKLIST: Record<number, ChecklistItem> = {
  1: {
    title: 'substitute for "file deliverable not created": the app is a file of its own that synthesizes a deployable template',
    check: (app: SynthesizedApp) => {
      const file = app.language === 'typescript' ? 'app.ts' : app.language === 'python' ? 'app.py' : 'pom.xml';
      expect(fs.existsSync(path.join(REPO_ROOT, 'examples', 'batch-processing', app.language, file))).toBe(true);
      expect(Object.keys(app.templates)).toEqual(['BatchProcessing']);
      const manifest = JSON.parse(fs.readFileSync(path.join(app.outdir, 'manifest.json'), 'utf8'));
      expect(manifest.artifacts.BatchProcessing.type).toBe('aws:cloudformation:stack');
      expect(Object.keys(app.template.Resources).length).toBeGreaterThan(100);
    },
  },
  2: {
    title: 'the S3 and DynamoDB gateway endpoints are on every route table of the VPC',
    check: (app) => {
      const routeTables = Object.keys(resourcesOf(app.template, 'AWS::EC2::RouteTable')).sort();
      expect(routeTables.length).toBe(2);
      const endpoints = gatewayEndpoints(app.template);
      expect(endpoints.map((e) => JSON.stringify(e.Properties.ServiceName).match(/\.(s3|dynamodb)"/)?.[1]).sort()).toEqual(['dynamodb', 's3']);
      for (const endpoint of endpoints) {
        expect(endpoint.Properties.RouteTableIds.map(refTarget).sort()).toEqual(routeTables);
      }
    },
  },
  3: {
    title: 'no security group allows egress to 0.0.0.0/0 or ::/0; the jobs reach AWS on 443 through the endpoints only',
    check: (app) => {
      const t = app.template;
      const egress = [
        ...Object.values(resourcesOf(t, 'AWS::EC2::SecurityGroup')).flatMap((g) => g.Properties.SecurityGroupEgress ?? []),
        ...Object.values(resourcesOf(t, 'AWS::EC2::SecurityGroupEgress')).map((e) => e.Properties),
      ];
      for (const rule of egress) {
        expect([rule.CidrIp, rule.CidrIpv6]).not.toContain('0.0.0.0/0');
        expect([rule.CidrIp, rule.CidrIpv6]).not.toContain('::/0');
      }
      const batchGroup = refTarget(Object.values(resourcesOf(t, 'AWS::Batch::ComputeEnvironment'))[0].Properties.ComputeResources.SecurityGroupIds[0]);
      const batchEgress = Object.values(resourcesOf(t, 'AWS::EC2::SecurityGroupEgress')).filter((e) => refTarget(e.Properties.GroupId) === batchGroup);
      expect(batchEgress.length).toBe(3);
      for (const rule of batchEgress) {
        expect([rule.Properties.IpProtocol, rule.Properties.FromPort, rule.Properties.ToPort]).toEqual(['tcp', 443, 443]);
        expect(rule.Properties.DestinationSecurityGroupId ?? rule.Properties.DestinationPrefixListId).toBeDefined();
      }
    },
  },
  4: {
    title: 'encryption in transit: every bucket, topic and queue refuses requests without TLS',
    check: (app) => {
      const t = app.template;
      const policies = bucketStatements(t);
      for (const bucket of Object.keys(buckets(t))) {
        expect({ bucket, tlsOnly: (policies[bucket] ?? []).some(denyWithoutTls) }).toEqual({ bucket, tlsOnly: true });
      }
      const topicPolicies = Object.values(resourcesOf(t, 'AWS::SNS::TopicPolicy'));
      for (const topic of Object.keys(resourcesOf(t, 'AWS::SNS::Topic'))) {
        const statements = topicPolicies.filter((p) => p.Properties.Topics.map(refTarget).includes(topic))
          .flatMap((p) => statementsOf(p.Properties.PolicyDocument));
        expect({ topic, tlsOnly: statements.some(denyWithoutTls) }).toEqual({ topic, tlsOnly: true });
      }
      const queuePolicies = Object.values(resourcesOf(t, 'AWS::SQS::QueuePolicy'));
      for (const queue of Object.keys(resourcesOf(t, 'AWS::SQS::Queue'))) {
        const statements = queuePolicies.filter((p) => p.Properties.Queues.map(refTarget).includes(queue))
          .flatMap((p) => statementsOf(p.Properties.PolicyDocument));
        expect({ queue, tlsOnly: statements.some(denyWithoutTls) }).toEqual({ queue, tlsOnly: true });
      }
    },
  },
  5: {
    title: 'a multi-Region CloudTrail trail with log file validation, KMS and CloudWatch Logs',
    check: (app) => {
      const trails = Object.values(resourcesOf(app.template, 'AWS::CloudTrail::Trail'));
      expect(trails.length).toBe(1);
      const trail = trails[0].Properties;
      expect([trail.IsMultiRegionTrail, trail.IncludeGlobalServiceEvents, trail.EnableLogFileValidation, trail.IsLogging])
        .toEqual([true, true, true, true]);
      expect(app.template.Resources[refTarget(trail.KMSKeyId)!].Type).toBe('AWS::KMS::Key');
      expect(app.template.Resources[refTarget(trail.CloudWatchLogsLogGroupArn)!].Type).toBe('AWS::Logs::LogGroup');
      expect(outputTarget(app.template, 'TrailArn')).toBe(Object.keys(resourcesOf(app.template, 'AWS::CloudTrail::Trail'))[0]);
    },
  },
  6: {
    title: 'every bucket logs its access; the log buckets themselves record why they do not, for Checkov',
    check: (app) => {
      const all = buckets(app.template);
      const destinations = new Set(Object.values(all).map((b) => refTarget(b.Properties.LoggingConfiguration?.DestinationBucketName)));
      expect(Object.keys(all).length).toBe(5);
      for (const [id, bucket] of Object.entries(all)) {
        if (bucket.Properties.LoggingConfiguration) {
          expect(all[refTarget(bucket.Properties.LoggingConfiguration.DestinationBucketName)!]).toBeDefined();
        } else {
          expect({ id, destination: destinations.has(id), skip: checkovSkips(bucket) }).toEqual({ id, destination: true, skip: ['CKV_AWS_18'] });
        }
      }
      expect(Object.values(all).filter((b) => b.Properties.LoggingConfiguration).length).toBe(3);
    },
  },
  7: {
    title: 'VPC flow logs of all traffic to a log group',
    check: (app) => {
      const flowLogs = Object.values(resourcesOf(app.template, 'AWS::EC2::FlowLog')).map((f) => f.Properties);
      const vpc = Object.keys(resourcesOf(app.template, 'AWS::EC2::VPC'))[0];
      expect(flowLogs.length).toBe(1);
      expect([flowLogs[0].ResourceType, refTarget(flowLogs[0].ResourceId), flowLogs[0].TrafficType]).toEqual(['VPC', vpc, 'ALL']);
      expect(app.template.Resources[refTarget(flowLogs[0].LogGroupName)!].Type).toBe('AWS::Logs::LogGroup');
    },
  },
  8: {
    title: 'every log group is KMS-encrypted and has a retention',
    check: (app) => {
      const groups = Object.entries(resourcesOf(app.template, 'AWS::Logs::LogGroup'));
      expect(groups.length).toBe(5);
      for (const [id, group] of groups) {
        expect({ id, kms: group.Properties.KmsKeyId !== undefined, retention: group.Properties.RetentionInDays })
          .toEqual({ id, kms: true, retention: 365 });
      }
    },
  },
  9: {
    title: 'route tables need no variable: the endpoints reference the route tables of the subnets they serve',
    check: (app) => {
      const t = app.template;
      expect(Object.keys(t.Parameters ?? {}).filter((p) => p !== 'BootstrapVersion')).toEqual([]);
      const associated = Object.values(resourcesOf(t, 'AWS::EC2::SubnetRouteTableAssociation')).map((a) => refTarget(a.Properties.RouteTableId));
      const subnets = Object.keys(resourcesOf(t, 'AWS::EC2::Subnet'));
      expect(associated.length).toBe(subnets.length);
      for (const endpoint of gatewayEndpoints(t)) {
        expect([...endpoint.Properties.RouteTableIds.map(refTarget)].sort()).toEqual([...new Set(associated)].sort());
      }
    },
  },
  10: {
    title: 'every Lambda function runs a supported Node.js runtime (24)',
    check: (app) => {
      const runtimes = Object.values(resourcesOf(app.template, 'AWS::Lambda::Function')).map((f) => f.Properties.Runtime);
      expect(runtimes.length).toBeGreaterThan(0);
      expect(new Set(runtimes)).toEqual(new Set(['nodejs24.x']));
    },
  },
  11: {
    title: 'least privilege: no wildcard actions; Resource "*" only for actions IAM grants on "*" alone',
    check: (app) => {
      const statements = Object.values(resourcesOf(app.template, 'AWS::IAM::ManagedPolicy'))
        .flatMap((p) => statementsOf(p.Properties.PolicyDocument)).filter((s) => s.Effect === 'Allow');
      expect(statements.length).toBeGreaterThan(10);
      for (const s of statements) {
        for (const action of s.Action) {
          expect(action).not.toMatch(/^\*$|:\*$/);
        }
        if (s.Resource.includes('*')) {
          expect(s.Action.filter((a: string) => !STAR_ONLY_ACTIONS.some((p) => p.test(a)))).toEqual([]);
        }
      }
      // The job role may touch only the two buckets, their keys and the tracking table.
      const jobRole = refTarget(jobDefinition(app.template).Properties.ContainerProperties.JobRoleArn)!;
      const jobStatements = Object.values(resourcesOf(app.template, 'AWS::IAM::ManagedPolicy'))
        .filter((p) => (p.Properties.Roles ?? []).map(refTarget).includes(jobRole))
        .flatMap((p) => statementsOf(p.Properties.PolicyDocument));
      expect(jobStatements.length).toBeGreaterThan(0);
      for (const s of jobStatements) {
        expect(s.Resource).not.toContain('*');
      }
    },
  },
  12: {
    title: 'no key policy grants kms:*; administration and use are separate statements',
    check: (app) => {
      const keys = Object.keys(resourcesOf(app.template, 'AWS::KMS::Key'));
      expect(keys.length).toBeGreaterThan(5);
      for (const key of keys) {
        const statements = keyPolicyStatements(app.template, key);
        expect(statements.flatMap((s) => s.Action)).not.toContain('kms:*');
        const admin = statements.filter((s) => s.Sid === 'KeyAdministration').flatMap((s) => s.Action);
        expect(admin.length).toBeGreaterThan(0);
        expect(admin.filter((a: string) => /^kms:(Decrypt|Encrypt|GenerateDataKey|ReEncrypt)/.test(a))).toEqual([]);
      }
    },
  },
  13: {
    title: 'Config rules come with a recorder and a delivery channel, and depend on them',
    check: (app) => {
      const recorder = Object.keys(resourcesOf(app.template, 'AWS::Config::ConfigurationRecorder'));
      const channel = Object.keys(resourcesOf(app.template, 'AWS::Config::DeliveryChannel'));
      expect([recorder.length, channel.length]).toEqual([1, 1]);
      const rules = Object.values(resourcesOf(app.template, 'AWS::Config::ConfigRule'));
      expect(rules.length).toBeGreaterThan(0);
      for (const rule of rules) {
        expect(rule.DependsOn).toEqual(expect.arrayContaining([recorder[0], channel[0]]));
      }
    },
  },
  14: {
    title: 'every bucket policy denies uploads with another encryption (and, with KMS, another key)',
    check: (app) => {
      const policies = bucketStatements(app.template);
      for (const [id, bucket] of Object.entries(buckets(app.template))) {
        const algorithm = bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm;
        const denies = (policies[id] ?? []).filter((s) => s.Effect === 'Deny' && s.Action.includes('s3:PutObject'));
        expect({ id, algorithm: denies.map((s) => s.Condition?.StringNotEquals?.['s3:x-amz-server-side-encryption']).find((a) => a) })
          .toEqual({ id, algorithm });
        if (algorithm === 'aws:kms') {
          expect(denies.some((s) => s.Condition?.StringNotEquals?.['s3:x-amz-server-side-encryption-aws-kms-key-id'])).toBe(true);
        }
      }
    },
  },
  15: {
    title: 'Lambda code is a bundled asset in the cloud assembly, never written at deploy time or inline',
    check: (app) => {
      for (const fn of Object.values(resourcesOf(app.template, 'AWS::Lambda::Function'))) {
        expect(fn.Properties.Code.ZipFile).toBeUndefined();
        const hash = String(fn.Properties.Code.S3Key).replace(/\.zip$/, '');
        expect(fs.readdirSync(app.outdir).some((f) => f.startsWith(`asset.${hash}`))).toBe(true);
      }
    },
  },
  16: {
    title: 'the alert topic has a policy: only named AWS services publish, for named sources, over TLS',
    check: (app) => {
      const topics = Object.keys(resourcesOf(app.template, 'AWS::SNS::Topic'));
      expect(topics.length).toBe(1);
      const statements = Object.values(resourcesOf(app.template, 'AWS::SNS::TopicPolicy'))
        .filter((p) => p.Properties.Topics.map(refTarget).includes(topics[0])).flatMap((p) => statementsOf(p.Properties.PolicyDocument));
      const allows = statements.filter((s) => s.Effect === 'Allow');
      expect(allows.length).toBeGreaterThan(0);
      for (const s of allows) {
        expect(Object.keys(s.Principal)).toEqual(['Service']);
        expect(s.Condition?.ArnLike?.['aws:SourceArn'] ?? s.Condition?.ArnEquals?.['aws:SourceArn']).toBeDefined();
      }
      expect(statements.some(denyWithoutTls)).toBe(true);
    },
  },
  17: {
    title: 'the job and execution roles trust ecs-tasks.amazonaws.com (Fargate)',
    check: (app) => {
      const props = jobDefinition(app.template).Properties;
      expect(props.PlatformCapabilities).toEqual(['FARGATE']);
      for (const arn of [props.ContainerProperties.JobRoleArn, props.ContainerProperties.ExecutionRoleArn]) {
        const role = app.template.Resources[refTarget(arn)!];
        expect(statementsOf(role.Properties.AssumeRolePolicyDocument).map((s) => s.Principal.Service)).toEqual(['ecs-tasks.amazonaws.com']);
      }
    },
  },
  18: {
    title: 'every bucket has lifecycle rules for retention and archival',
    check: (app) => {
      for (const [id, bucket] of Object.entries(buckets(app.template))) {
        const rules = bucket.Properties.LifecycleConfiguration?.Rules ?? [];
        expect({ id, enabled: rules.some((r: any) => r.Status === 'Enabled' && (r.Transitions || r.NoncurrentVersionTransitions || r.ExpirationInDays)) })
          .toEqual({ id, enabled: true });
      }
    },
  },
  19: {
    title: 'tags are on the compute environment itself, none inside the Fargate compute resources',
    check: (app) => {
      // The review's finding is Terraform syntax (tags inside `compute_resources`); in CloudFormation,
      // ComputeResources.Tags does not apply to Fargate, so the tags must be on the resource.
      const environments = Object.values(resourcesOf(app.template, 'AWS::Batch::ComputeEnvironment'));
      expect(environments.length).toBe(1);
      expect(environments[0].Properties.ComputeResources.Type).toBe('FARGATE');
      expect(environments[0].Properties.ComputeResources.Tags).toBeUndefined();
      expect(environments[0].Properties.Tags).toEqual({ 'batch-pipeline': 'BatchProcessing/Nightly' });
    },
  },
  20: {
    title: 'bucket policies deny non-HTTPS requests on the bucket and its objects, and TLS below 1.2',
    check: (app) => {
      const policies = bucketStatements(app.template);
      for (const id of Object.keys(buckets(app.template))) {
        const deny = (policies[id] ?? []).find(denyWithoutTls)!;
        expect(deny.Action).toEqual(['s3:*']);
        expect(deny.Principal).toEqual({ AWS: '*' });
        expect(deny.Resource.map((r: any) => JSON.stringify(r).includes('/*'))).toEqual([false, true]);
        expect((policies[id] ?? []).some((s) => s.Effect === 'Deny' && s.Condition?.NumericLessThan?.['s3:TlsVersion'] === 1.2)).toBe(true);
      }
    },
  },
  21: {
    title: 'the log groups\' keys are customer managed keys of this stack, rotated, that let CloudWatch Logs use them',
    check: (app) => {
      for (const [id, group] of Object.entries(resourcesOf(app.template, 'AWS::Logs::LogGroup'))) {
        const key = refTarget(group.Properties.KmsKeyId)!;
        expect({ id, type: app.template.Resources[key]?.Type, rotation: app.template.Resources[key]?.Properties.EnableKeyRotation })
          .toEqual({ id, type: 'AWS::KMS::Key', rotation: true });
        expect(servicePrincipals(keyPolicyStatements(app.template, key))).toContain('logs.us-east-1.amazonaws.com');
      }
    },
  },
  22: {
    title: 'the job-tracking table is backed up by an AWS Backup plan, beyond point-in-time recovery',
    check: (app) => {
      const tables = Object.entries(resourcesOf(app.template, 'AWS::DynamoDB::Table'));
      expect(tables.length).toBe(1);
      const [tableId, table] = tables[0];
      expect(table.Properties.PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled).toBe(true);
      const selections = Object.values(resourcesOf(app.template, 'AWS::Backup::BackupSelection'));
      expect(selections.some((s) => s.Properties.BackupSelection.Resources.map(refTarget).includes(tableId))).toBe(true);
      const plan = Object.values(resourcesOf(app.template, 'AWS::Backup::BackupPlan'))[0];
      expect(plan.Properties.BackupPlan.BackupPlanRule.length).toBeGreaterThan(0);
    },
  },
  23: {
    title: 'alarms use metrics AWS publishes itself (AWS/States timed-out executions), no custom namespace',
    check: (app) => {
      const alarms = Object.values(resourcesOf(app.template, 'AWS::CloudWatch::Alarm')).map((a) => a.Properties);
      expect(alarms.length).toBe(3);
      for (const alarm of alarms) {
        expect(alarm.Namespace).toMatch(/^AWS\//);
      }
      const timedOut = alarms.find((a) => a.MetricName === 'ExecutionsTimedOut')!;
      expect(timedOut.Namespace).toBe('AWS/States');
      const machine = Object.keys(resourcesOf(app.template, 'AWS::StepFunctions::StateMachine'))[0];
      expect(refTarget(timedOut.Dimensions[0].Value)).toBe(machine);
    },
  },
  24: {
    title: 'key policies let the services that use each key use it (logs, CloudTrail, EventBridge, CloudWatch)',
    check: (app) => {
      const t = app.template;
      const trail = Object.values(resourcesOf(t, 'AWS::CloudTrail::Trail'))[0];
      expect(servicePrincipals(keyPolicyStatements(t, refTarget(trail.Properties.KMSKeyId)!))).toContain('cloudtrail.amazonaws.com');
      const topic = Object.values(resourcesOf(t, 'AWS::SNS::Topic'))[0];
      expect(servicePrincipals(keyPolicyStatements(t, refTarget(topic.Properties.KmsMasterKeyId)!))).toEqual(expect.arrayContaining(['events.amazonaws.com', 'cloudwatch.amazonaws.com']));
      for (const group of Object.values(resourcesOf(t, 'AWS::Logs::LogGroup'))) {
        expect(servicePrincipals(keyPolicyStatements(t, refTarget(group.Properties.KmsKeyId)!))).toContain('logs.us-east-1.amazonaws.com');
      }
    },
  },
  25: {
    title: 'GuardDuty findings go to the alert topic through an EventBridge rule',
    check: (app) => {
      const rule = Object.values(resourcesOf(app.template, 'AWS::Events::Rule')).find((r) => r.Properties.EventPattern?.source?.includes('aws.guardduty'))!;
      expect(rule).toBeDefined();
      expect(rule.Properties.Targets.map((x: any) => refTarget(x.Arn))).toEqual([outputTarget(app.template, 'AlertTopicArn')]);
      expect(rule.Properties.Targets[0].DeadLetterConfig).toBeDefined();
      expect(Object.keys(resourcesOf(app.template, 'AWS::GuardDuty::Detector')).length).toBe(1);
    },
  },
  26: {
    title: 'the job runs the documented sample worker\'s image (transactions-worker:1.0.0), not a placeholder',
    check: (app) => {
      expect(JSON.stringify(jobDefinition(app.template).Properties.ContainerProperties.Image)).toMatch(/\/transactions-worker:1\.0\.0"/);
      const readme = fs.readFileSync(path.join(REPO_ROOT, 'examples', 'batch-worker', 'README.md'), 'utf8');
      expect(readme).toMatch(/AWS_BATCH_JOB_ARRAY_INDEX|array index/i);
      expect(fs.existsSync(path.join(REPO_ROOT, 'examples', 'batch-worker', 'Dockerfile'))).toBe(true);
    },
  },
  27: {
    title: 'the four-hour window is enforced and watched: job and run time out at 4 h, the array is sized for 1M records, timeouts alert',
    check: (app) => {
      const job = jobDefinition(app.template).Properties;
      expect(job.Timeout.AttemptDurationSeconds).toBe(4 * 3600);
      expect(stateMachineDefinition(app.template)).toMatch(/\\"TimeoutSeconds\\":14400/);
      const arraySize = Number(job.ContainerProperties.Environment.find((e: any) => e.Name === 'ARRAY_SIZE').Value);
      // At the assumed 50 records/s per worker the array finishes one million records inside the window.
      expect(arraySize * 50 * 4 * 3600).toBeGreaterThanOrEqual(1_000_000);
      const runEnded = Object.values(resourcesOf(app.template, 'AWS::Events::Rule')).find((r) => r.Properties.EventPattern?.source?.includes('aws.states'))!;
      expect(runEnded.Properties.EventPattern.detail.status).toContain('TIMED_OUT');
    },
  },
  28: {
    title: 'inputs are validated at synth: a bad window or CIDR fails with the prop, the value and what is allowed',
    check: () => {
      const stack = new Stack(new App(), 'Validation', { env: ENV });
      expect(() => new AuditedVpc(stack, 'BadNetwork', { cidr: '10.40.0.0/33' })).toThrow(/invalid cidr: '10\.40\.0\.0\/33'/);
      const vpc = new ec2.Vpc(stack, 'Vpc');
      expect(() => new BatchPipeline(stack, 'BadWindow', { vpc, imageUri: 'public.ecr.aws/example/worker:1', processingWindow: Duration.seconds(30) }))
        .toThrow(/invalid processingWindow: 30 seconds\. Allowed: .*at least 1 minute/);
    },
  },
  29: {
    title: 'nothing asynchronous fails silently: schedule and rules have dead-letter queues; the one function is a custom resource CloudFormation waits for',
    check: (app) => {
      const t = app.template;
      const schedule = Object.values(resourcesOf(t, 'AWS::Scheduler::Schedule'))[0];
      expect(t.Resources[refTarget(schedule.Properties.Target.DeadLetterConfig.Arn)!].Type).toBe('AWS::SQS::Queue');
      for (const rule of Object.values(resourcesOf(t, 'AWS::Events::Rule'))) {
        for (const target of rule.Properties.Targets) {
          expect(t.Resources[refTarget(target.DeadLetterConfig?.Arn)!]?.Type).toBe('AWS::SQS::Queue');
        }
      }
      const customResources = Object.values(t.Resources).filter((r: any) => r.Type.startsWith('Custom::'));
      for (const [id, fn] of Object.entries(resourcesOf(t, 'AWS::Lambda::Function'))) {
        if (fn.Properties.DeadLetterConfig) {
          continue;
        }
        // Invoked only by CloudFormation as a custom resource, which waits for its answer; the reason is in the template.
        expect(customResources.some((r: any) => refTarget(r.Properties.ServiceToken) === id)).toBe(true);
        expect(refsIn(Object.values(t.Resources).filter((r: any) => !r.Type.startsWith('Custom::') && r.Type !== 'AWS::Lambda::Permission'))
          .filter((ref) => ref === id)).toEqual([]);
        expect(checkovSkips(fn)).toContain('CKV_AWS_116');
      }
    },
  },
  30: {
    title: 'X-Ray tracing on the state machine and every Lambda function',
    check: (app) => {
      const machine = Object.values(resourcesOf(app.template, 'AWS::StepFunctions::StateMachine'))[0];
      expect(machine.Properties.TracingConfiguration).toEqual({ Enabled: true });
      for (const fn of Object.values(resourcesOf(app.template, 'AWS::Lambda::Function'))) {
        expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
      }
    },
  },
};

seedChecklist(SEED, 'batch-processing', CHECKLIST, {});

describe('the checks catch the seed\'s failures when they are put back', () => {
  const app = () => synthesized('batch-processing', 'typescript');
  test('#2 gateway endpoints with no route tables', () => {
    expectCheckToCatch(CHECKLIST[2], app(), (t) => {
      gatewayEndpoints(t)[0].Properties.RouteTableIds = [];
    });
  });
  test('#3 egress to 0.0.0.0/0', () => {
    expectCheckToCatch(CHECKLIST[3], app(), (t) => {
      Object.values(resourcesOf(t, 'AWS::EC2::SecurityGroup'))[0].Properties.SecurityGroupEgress = [{ CidrIp: '0.0.0.0/0', IpProtocol: '-1' }];
    });
  });
  test('#8 an unencrypted log group', () => {
    expectCheckToCatch(CHECKLIST[8], app(), (t) => {
      delete Object.values(resourcesOf(t, 'AWS::Logs::LogGroup'))[0].Properties.KmsKeyId;
    });
  });
  test('#10 a deprecated runtime', () => {
    expectCheckToCatch(CHECKLIST[10], app(), (t) => {
      Object.values(resourcesOf(t, 'AWS::Lambda::Function'))[0].Properties.Runtime = 'nodejs14.x';
    });
  });
  test('#12 kms:* for the account root', () => {
    expectCheckToCatch(CHECKLIST[12], app(), (t) => {
      Object.values(resourcesOf(t, 'AWS::KMS::Key'))[0].Properties.KeyPolicy.Statement[0].Action = 'kms:*';
    });
  });
  test('#20 a bucket policy without the TLS condition', () => {
    expectCheckToCatch(CHECKLIST[20], app(), (t) => {
      const policy = Object.values(resourcesOf(t, 'AWS::S3::BucketPolicy'))[0];
      policy.Properties.PolicyDocument.Statement = policy.Properties.PolicyDocument.Statement.filter((st: any) => !st.Condition?.Bool);
    });
  });
});
