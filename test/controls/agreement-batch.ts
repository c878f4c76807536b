/**
 * Agreement fixtures of the AWS Batch controls: one job definition or compute environment, written
 * once in the camelCase both the CDK L1 props and the Batch API use, synthesized for the rule and
 * described (the Batch API's shape, through the collector's own mapping) for the check.
 */
import { aws_batch as batch, aws_ec2 as ec2 } from 'aws-cdk-lib';
import { ACCOUNT, Fixture, SharedControl, Verdict } from './agreement-harness';
import { computeEnvironmentInfo, jobDefinitionInfo } from '../../src/scanner/runtime/collectors/batch';

const IMAGE = 'public.ecr.aws/amazonlinux/amazonlinux:2023';

type JobShape = Omit<batch.CfnJobDefinitionProps, 'type'> & { type?: string };

function jobFixture(name: string, expected: Verdict, shape: JobShape): Fixture {
  const def = { type: 'container', containerProperties: { image: IMAGE }, ...shape };
  return {
    name,
    expected,
    synth: (stack) => new batch.CfnJobDefinition(stack, 'J', { jobDefinitionName: 'job', ...def }),
    live: () => ({
      batchJobDefinitions: [jobDefinitionInfo({
        jobDefinitionName: 'job', revision: 1, status: 'ACTIVE', jobDefinitionArn: `arn:aws:batch:eu-west-1:${ACCOUNT}:job-definition/job:1`, ...(def as any),
      })],
    }),
  };
}

const BATCH_RETRY: SharedControl = {
  id: 'Batch.JobRetryStrategy',
  rule: 'BatchJobRetryStrategy',
  check: 'batch-job-retry-strategy',
  fixtures: [
    jobFixture('3 attempts', 'compliant', { retryStrategy: { attempts: 3 } }),
    jobFixture('2 attempts', 'compliant', { retryStrategy: { attempts: 2 } }),
    jobFixture('1 attempt', 'non-compliant', { retryStrategy: { attempts: 1 } }),
    jobFixture('a strategy without attempts', 'non-compliant', { retryStrategy: { evaluateOnExit: [{ action: 'EXIT', onExitCode: '1' }] } }),
    jobFixture('no retry strategy', 'non-compliant', {}),
  ],
};

const BATCH_TIMEOUT: SharedControl = {
  id: 'Batch.JobTimeout',
  rule: 'BatchJobTimeout',
  check: 'batch-job-timeout',
  fixtures: [
    jobFixture('an attempt timeout', 'compliant', { timeout: { attemptDurationSeconds: 3600 } }),
    jobFixture('the shortest timeout Batch accepts', 'compliant', { timeout: { attemptDurationSeconds: 60 } }),
    jobFixture('a timeout block without a duration', 'non-compliant', { timeout: {} }),
    jobFixture('no timeout', 'non-compliant', {}),
  ],
};

const BATCH_PRIVILEGED: SharedControl = {
  id: 'Batch.PrivilegedContainer',
  rule: 'BatchPrivilegedContainer',
  check: 'batch-no-privileged-containers',
  fixtures: [
    jobFixture('privileged unset', 'compliant', {}),
    jobFixture('privileged false', 'compliant', { containerProperties: { image: IMAGE, privileged: false } }),
    jobFixture('privileged true', 'non-compliant', { containerProperties: { image: IMAGE, privileged: true } }),
    jobFixture('the second ECS container privileged', 'non-compliant', {
      containerProperties: undefined,
      ecsProperties: { taskProperties: [{ containers: [{ name: 'a', image: IMAGE }, { name: 'b', image: IMAGE, privileged: true }] }] },
    }),
    jobFixture('ECS containers unprivileged', 'compliant', {
      containerProperties: undefined,
      ecsProperties: { taskProperties: [{ containers: [{ name: 'a', image: IMAGE, privileged: false }] }] },
    }),
    jobFixture('a multi-node range privileged', 'non-compliant', {
      type: 'multinode',
      containerProperties: undefined,
      nodeProperties: { numNodes: 2, mainNode: 0, nodeRangeProperties: [{ targetNodes: '0:', container: { image: IMAGE, privileged: true } }] },
    }),
    jobFixture('an EKS container with a privileged security context', 'non-compliant', {
      containerProperties: undefined,
      eksProperties: { podProperties: { containers: [{ image: IMAGE, securityContext: { privileged: true } }] } },
    }),
    jobFixture('an EKS container without privilege', 'compliant', {
      containerProperties: undefined,
      eksProperties: { podProperties: { containers: [{ image: IMAGE, securityContext: { privileged: false, runAsNonRoot: true } }] } },
    }),
  ],
};


// ----- EC2.8 (Batch): EC2 compute environments require IMDSv2 ---------------------------------------

type LaunchTemplateShape = { httpTokens?: string; by: 'id' | 'name'; version?: string } | undefined;

function computeFixture(name: string, expected: Verdict, computeType: 'EC2' | 'SPOT', lt: LaunchTemplateShape): Fixture {
  const ltId = 'lt-0123456789abcdef0';
  return {
    name,
    expected,
    synth: (stack) => {
      const template = lt && new ec2.CfnLaunchTemplate(stack, 'LT', {
        launchTemplateName: 'compute',
        launchTemplateData: lt.httpTokens ? { metadataOptions: { httpTokens: lt.httpTokens } } : {},
      });
      return new batch.CfnComputeEnvironment(stack, 'C', {
        type: 'MANAGED',
        computeEnvironmentName: 'compute',
        computeResources: {
          type: computeType,
          maxvCpus: 4,
          subnets: ['subnet-1'],
          instanceTypes: ['optimal'],
          launchTemplate: template && (lt!.by === 'id' ? { launchTemplateId: template.ref, version: lt!.version } : { launchTemplateName: 'compute', version: lt!.version }),
        },
      });
    },
    live: () => ({
      batchComputeEnvironments: [{
        ...computeEnvironmentInfo({
          computeEnvironmentName: 'compute',
          computeEnvironmentArn: `arn:aws:batch:eu-west-1:${ACCOUNT}:compute-environment/compute`,
          type: 'MANAGED',
          computeResources: {
            type: computeType,
            maxvCpus: 4,
            subnets: ['subnet-1'],
            launchTemplate: lt && (lt.by === 'id' ? { launchTemplateId: ltId, version: lt.version } : { launchTemplateName: 'compute', version: lt.version }),
          },
        }),
        // what DescribeLaunchTemplateVersions answers for the version named
        ...(lt ? { httpTokens: lt.httpTokens ?? null } : {}),
      }],
    }),
  };
}

const EC2_8: SharedControl = {
  id: 'EC2.8',
  rule: 'BatchEc2Imdsv2',
  check: 'batch-compute-environment-imdsv2',
  fixtures: [
    computeFixture('a launch template (by id) requiring IMDSv2', 'compliant', 'EC2', { httpTokens: 'required', by: 'id' }),
    computeFixture('Spot, a launch template by name, $Latest', 'compliant', 'SPOT', { httpTokens: 'required', by: 'name', version: '$Latest' }),
    computeFixture('HttpTokens optional', 'non-compliant', 'EC2', { httpTokens: 'optional', by: 'id' }),
    computeFixture('a launch template without metadata options', 'non-compliant', 'EC2', { by: 'name' }),
    computeFixture('no launch template (the Batch default)', 'non-compliant', 'EC2', undefined),
  ],
};

/** The Batch controls both sides judge. */
export const BATCH_SHARED: SharedControl[] = [BATCH_RETRY, BATCH_TIMEOUT, BATCH_PRIVILEGED, EC2_8];
