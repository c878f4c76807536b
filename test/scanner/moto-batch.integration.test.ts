/**
 * The Batch job definition checks against moto in server mode, through the real SDK: job
 * definitions registered with and without retries, timeouts and privilege, one revision
 * deregistered (INACTIVE, not judged), and compute environments on launch templates that require
 * IMDSv2 or not (by id and by name, `$Default` and `$Latest`), and instances that require IMDSv2 or
 * not, must yield exactly the expected findings.
 *
 * What moto does not do, and where it is covered instead: moto answers DescribeJobDefinitions in
 * one page (it ignores maxResults and never returns nextToken) and drops ECS and multi-node
 * properties from its answer; the paging and those container shapes are covered against the fake
 * endpoint (batch.fake.test.ts) and by the collector's unit test (checks/batch.test.ts).
 */
import { BatchClient, CreateComputeEnvironmentCommand, DeregisterJobDefinitionCommand, RegisterJobDefinitionCommand } from '@aws-sdk/client-batch';
import {
  CreateLaunchTemplateCommand, CreateLaunchTemplateVersionCommand, CreateSecurityGroupCommand, CreateSubnetCommand, CreateVpcCommand, EC2Client,
  RunInstancesCommand, TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { AddRoleToInstanceProfileCommand, CreateInstanceProfileCommand, CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { withEnv } from './fake-aws/fixtures';
import { MotoServer, startMoto } from './moto-server';
import { schemaErrors } from './schema';
import { runScan } from '../../src/scanner/runtime/engine';

jest.setTimeout(600_000);

const REGION = 'eu-west-1';
const IMAGE = 'public.ecr.aws/amazonlinux/amazonlinux:2023';
const CHECKS = ['batch-job-retry-strategy', 'batch-job-timeout', 'batch-no-privileged-containers'];
const resources = { resourceRequirements: [{ type: 'VCPU' as const, value: '1' }, { type: 'MEMORY' as const, value: '2048' }] };

describe('Batch checks against moto (server mode)', () => {
  let moto: MotoServer | undefined;
  const instanceIds: Record<string, string> = {};

  beforeAll(async () => {
    moto = await startMoto();
    await withEnv(moto.env, async () => {
      const batch = new BatchClient({ region: REGION });
      const register = (name: string, extra: Record<string, unknown>, privileged = false) => batch.send(new RegisterJobDefinitionCommand({
        jobDefinitionName: name, type: 'container', containerProperties: { image: IMAGE, privileged, ...resources }, ...extra,
      }));
      await register('compliant', { retryStrategy: { attempts: 3 }, timeout: { attemptDurationSeconds: 3600 } });
      await register('no-retry-no-timeout', {});
      await register('single-attempt', { retryStrategy: { attempts: 1 }, timeout: { attemptDurationSeconds: 600 } });
      await register('privileged', { retryStrategy: { attempts: 2 }, timeout: { attemptDurationSeconds: 600 } }, true);
      const gone = await register('deregistered', {}, true);
      await batch.send(new DeregisterJobDefinitionCommand({ jobDefinition: gone.jobDefinitionArn }));

      // compute environments on launch templates, with minvCpus 0 (moto starts no instances)
      const ec2 = new EC2Client({ region: REGION });
      const iam = new IAMClient({ region: 'us-east-1' });
      const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }));
      const subnet = await ec2.send(new CreateSubnetCommand({ VpcId: vpc.Vpc!.VpcId, CidrBlock: '10.1.1.0/24' }));
      const sg = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'batch', Description: 'batch', VpcId: vpc.Vpc!.VpcId }));
      const trust = (service: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] });
      const serviceRole = await iam.send(new CreateRoleCommand({ RoleName: 'batch-service', AssumeRolePolicyDocument: trust('batch.amazonaws.com') }));
      await iam.send(new CreateRoleCommand({ RoleName: 'batch-instance', AssumeRolePolicyDocument: trust('ec2.amazonaws.com') }));
      const profile = await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'batch-instance' }));
      await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'batch-instance', RoleName: 'batch-instance' }));
      const required = await ec2.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: 'imdsv2', LaunchTemplateData: { MetadataOptions: { HttpTokens: 'required' } } }));
      await ec2.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: 'imdsv1', LaunchTemplateData: { MetadataOptions: { HttpTokens: 'optional' } } }));
      // version 2 of imdsv2 drops the requirement: $Latest allows IMDSv1, $Default (1) does not
      await ec2.send(new CreateLaunchTemplateVersionCommand({ LaunchTemplateName: 'imdsv2', LaunchTemplateData: { InstanceType: 't3.micro' } }));
      type LaunchTemplateSpec = { launchTemplateId?: string; launchTemplateName?: string; version?: string };
      const computeEnv = (name: string, launchTemplate?: LaunchTemplateSpec) => batch.send(new CreateComputeEnvironmentCommand({
        computeEnvironmentName: name,
        type: 'MANAGED',
        serviceRole: serviceRole.Role!.Arn,
        computeResources: {
          type: 'EC2',
          minvCpus: 0,
          maxvCpus: 4,
          instanceTypes: ['optimal'],
          instanceRole: profile.InstanceProfile!.Arn,
          subnets: [subnet.Subnet!.SubnetId!],
          securityGroupIds: [sg.GroupId!],
          launchTemplate,
        },
      }));
      await computeEnv('imdsv2-default', { launchTemplateId: required.LaunchTemplate!.LaunchTemplateId });
      await computeEnv('imdsv2-latest', { launchTemplateName: 'imdsv2', version: '$Latest' });
      await computeEnv('imdsv1', { launchTemplateName: 'imdsv1' });
      await computeEnv('no-template');
      await batch.send(new CreateComputeEnvironmentCommand({
        computeEnvironmentName: 'fargate',
        type: 'MANAGED',
        serviceRole: serviceRole.Role!.Arn,
        computeResources: { type: 'FARGATE', maxvCpus: 4, subnets: [subnet.Subnet!.SubnetId!], securityGroupIds: [sg.GroupId!] },
      }));

      // instances: one requiring IMDSv2, one not, one not requiring it but terminated
      const run = async (tokens: 'required' | 'optional') => (await ec2.send(new RunInstancesCommand({
        ImageId: 'ami-03cf127a', InstanceType: 't3.micro', MinCount: 1, MaxCount: 1, SubnetId: subnet.Subnet!.SubnetId, MetadataOptions: { HttpTokens: tokens },
      }))).Instances![0].InstanceId!;
      instanceIds.required = await run('required');
      instanceIds.optional = await run('optional');
      await ec2.send(new TerminateInstancesCommand({ InstanceIds: [await run('optional')] }));
      for (const c of [batch, ec2, iam]) c.destroy();
    });
  });

  afterAll(() => moto?.stop());

  test('every ACTIVE job definition yields exactly the expected findings', async () => {
    const report = await withEnv(moto!.env, () => runScan({ regions: [REGION], checkIds: CHECKS, pageSize: 2 }));
    expect(report.errors).toEqual([]);
    expect(report.status).toBe('COMPLETE');
    expect(report.findings.map((f) => `${f.checkId} ${f.resourceId.split(':').slice(5).join(':')}`).sort()).toEqual([
      'batch-job-retry-strategy job-definition/no-retry-no-timeout:1',
      'batch-job-retry-strategy job-definition/single-attempt:1',
      'batch-job-timeout job-definition/no-retry-no-timeout:1',
      'batch-no-privileged-containers job-definition/privileged:1',
    ]);
    const counts = Object.fromEntries(report.checks.map((c) => [c.id, `${c.counts.passed}/${c.counts.failed}/${c.counts.notApplicable}`]));
    expect(counts).toEqual({ 'batch-job-retry-strategy': '2/2/0', 'batch-job-timeout': '3/1/0', 'batch-no-privileged-containers': '3/1/0' });
    expect(schemaErrors(report)).toEqual([]);
  });

  test('compute environments: the launch template version each names decides', async () => {
    const report = await withEnv(moto!.env, () => runScan({ regions: [REGION], checkIds: ['batch-compute-environment-imdsv2'], pageSize: 2 }));
    expect(report.errors).toEqual([]);
    expect(report.findings.map((f) => f.resourceId.split('/').pop()).sort()).toEqual(['imdsv1', 'imdsv2-latest', 'no-template']);
    const c = report.checks[0].counts;
    expect([c.passed, c.failed, c.notApplicable, c.errored]).toEqual([1, 3, 1, 0]);
  });

  test('instances: the one allowing IMDSv1 fails, the terminated one is not judged', async () => {
    const report = await withEnv(moto!.env, () => runScan({ regions: [REGION], checkIds: ['ec2-instance-imdsv2'], pageSize: 5 }));
    expect(report.errors).toEqual([]);
    expect(report.findings.map((f) => f.resourceId.split('/').pop())).toEqual([instanceIds.optional]);
    const c = report.checks[0].counts;
    expect([c.passed, c.failed, c.notApplicable, c.errored]).toEqual([1, 1, 0, 0]);
  });
});
