import { inv, statuses } from './helpers';
import { batchComputeEnvironmentImdsv2 } from '../../../src/scanner/runtime/checks/batch/compute-environment-imdsv2';
import { batchJobRetryStrategy } from '../../../src/scanner/runtime/checks/batch/job-retry-strategy';
import { batchJobTimeout } from '../../../src/scanner/runtime/checks/batch/job-timeout';
import { batchNoPrivilegedContainers } from '../../../src/scanner/runtime/checks/batch/no-privileged-containers';
import { computeEnvironmentInfo, jobDefinitionInfo } from '../../../src/scanner/runtime/collectors/batch';
import { ComputeEnvironmentInfo, JobDefinitionInfo } from '../../../src/scanner/runtime/model';

const def = (name: string, extra: Partial<JobDefinitionInfo> = {}): JobDefinitionInfo => ({
  name,
  arn: `arn:aws:batch:eu-west-1:123456789012:job-definition/${name}:1`,
  revision: 1,
  retryAttempts: 3,
  attemptDurationSeconds: 3600,
  privilegedFlags: [undefined],
  ...extra,
});

describe('Batch job definition checks', () => {
  test('retry strategy: more than one attempt passes; none or one attempt fails', () => {
    const i = inv({ batchJobDefinitions: [def('three'), def('two', { retryAttempts: 2 }), def('one', { retryAttempts: 1 }), def('none', { retryAttempts: undefined })] });
    expect(statuses(batchJobRetryStrategy, i)).toEqual(['PASS', 'PASS', 'FAIL', 'FAIL']);
    expect(batchJobRetryStrategy.evaluate(i)[3].reason).toBe('no retry strategy');
    expect(batchJobRetryStrategy.evaluate(i)[2].reason).toContain('1 attempt');
  });

  test('timeout: an attempt timeout passes, none fails', () => {
    const i = inv({ batchJobDefinitions: [def('timed'), def('untimed', { attemptDurationSeconds: undefined })] });
    expect(statuses(batchJobTimeout, i)).toEqual(['PASS', 'FAIL']);
  });

  test('privileged: any privileged container fails; unset, false or no container passes', () => {
    const i = inv({
      batchJobDefinitions: [
        def('unset'),
        def('false', { privilegedFlags: [false] }),
        def('no-container', { privilegedFlags: [] }),
        def('one-of-two', { privilegedFlags: [false, true] }),
      ],
    });
    expect(statuses(batchNoPrivilegedContainers, i)).toEqual(['PASS', 'PASS', 'PASS', 'FAIL']);
    expect(batchNoPrivilegedContainers.evaluate(i)[3].reason).toBe('1 of 2 container(s) run privileged');
  });

  test('no job definitions, or a Region without the dataset: no results (the engine reports a failed listing as ERROR)', () => {
    for (const c of [batchJobRetryStrategy, batchJobTimeout, batchNoPrivilegedContainers]) {
      expect(c.evaluate(inv({ batchJobDefinitions: [] }))).toEqual([]);
      expect(c.evaluate(inv())).toEqual([]);
    }
  });

  test('the collector reads the API\'s camelCase shape: container, multi-node, ECS and EKS containers', () => {
    const info = jobDefinitionInfo({
      jobDefinitionName: 'j',
      jobDefinitionArn: 'arn:aws:batch:eu-west-1:123456789012:job-definition/j:4',
      revision: 4,
      type: 'container',
      status: 'ACTIVE',
      containerProperties: { image: 'i', privileged: false, jobRoleArn: 'arn:aws:iam::123456789012:role/job', executionRoleArn: 'arn:aws:iam::123456789012:role/exec' },
      nodeProperties: { numNodes: 1, mainNode: 0, nodeRangeProperties: [{ targetNodes: '0', container: { image: 'i', privileged: true } }] },
      ecsProperties: { taskProperties: [{ taskRoleArn: 'arn:aws:iam::123456789012:role/task', containers: [{ name: 'a', image: 'i' }, { name: 'b', image: 'i', privileged: true }] }] },
      eksProperties: { podProperties: { containers: [{ image: 'i', securityContext: { privileged: true } }] } },
      retryStrategy: { attempts: 2 },
      timeout: { attemptDurationSeconds: 60 },
    });
    expect(info).toEqual({
      name: 'j',
      arn: 'arn:aws:batch:eu-west-1:123456789012:job-definition/j:4',
      revision: 4,
      retryAttempts: 2,
      attemptDurationSeconds: 60,
      privilegedFlags: [false, true, undefined, true, true],
      platformCapabilities: [],
      assignPublicIp: [undefined, undefined],
      taskRoles: [
        { jobRoleArn: 'arn:aws:iam::123456789012:role/job', executionRoleArn: 'arn:aws:iam::123456789012:role/exec' },
        { taskRoleArn: 'arn:aws:iam::123456789012:role/task' },
      ],
      executionContainers: [
        { image: 'i', secrets: [], executionRoleArn: 'arn:aws:iam::123456789012:role/exec' }, { image: 'i', secrets: [] }, { image: 'i', secrets: [] },
      ],
    });
    const bare = jobDefinitionInfo({ jobDefinitionName: 'b', jobDefinitionArn: 'arn:b', revision: 1, type: 'container', containerProperties: { image: 'i' } });
    expect(bare).toMatchObject({ retryAttempts: undefined, attemptDurationSeconds: undefined, privilegedFlags: [undefined] });
  });
});

describe('Batch compute environment IMDSv2 check', () => {
  const env = (name: string, extra: Partial<ComputeEnvironmentInfo> = {}): ComputeEnvironmentInfo => ({
    name,
    arn: `arn:aws:batch:eu-west-1:123456789012:compute-environment/${name}`,
    computeType: 'EC2',
    launchTemplate: { id: 'lt-1', version: '$Default' },
    httpTokens: 'required',
    ...extra,
  });

  test('EC2 and Spot: required passes; optional, unset or no launch template fails', () => {
    const i = inv({
      batchComputeEnvironments: [
        env('ec2'),
        env('spot', { computeType: 'SPOT', launchTemplate: { name: 'lt', version: '3' } }),
        env('optional', { httpTokens: 'optional' }),
        env('unset', { httpTokens: null }),
        env('no-template', { launchTemplate: undefined, httpTokens: undefined }),
      ],
    });
    expect(statuses(batchComputeEnvironmentImdsv2, i)).toEqual(['PASS', 'PASS', 'FAIL', 'FAIL', 'FAIL']);
    expect(batchComputeEnvironmentImdsv2.evaluate(i)[4].reason).toContain('Batch default allows IMDSv1');
    expect(batchComputeEnvironmentImdsv2.evaluate(i)[3].reason).toContain('unset');
  });

  test('Fargate and unmanaged: not applicable', () => {
    const i = inv({ batchComputeEnvironments: [env('fargate', { computeType: 'FARGATE', launchTemplate: undefined }), env('spot-fargate', { computeType: 'FARGATE_SPOT' }), env('unmanaged', { computeType: undefined, launchTemplate: undefined })] });
    expect(statuses(batchComputeEnvironmentImdsv2, i)).toEqual(['NOT_APPLICABLE', 'NOT_APPLICABLE', 'NOT_APPLICABLE']);
  });

  test('a launch template that could not be read is ERROR, with the error code', () => {
    const r = batchComputeEnvironmentImdsv2.evaluate(inv({ batchComputeEnvironments: [env('gone', { httpTokens: undefined, launchTemplateError: 'InvalidLaunchTemplateId.NotFound' })] }));
    expect(r.map((x) => x.status)).toEqual(['ERROR']);
    expect(r[0].reason).toBe('could not read launch template lt-1 version $Default (InvalidLaunchTemplateId.NotFound)');
  });

  test('the collector maps the API shape; an unnamed version is $Default', () => {
    expect(computeEnvironmentInfo({
      computeEnvironmentName: 'c',
      computeEnvironmentArn: 'arn:c',
      type: 'MANAGED',
      computeResources: { type: 'EC2', maxvCpus: 4, subnets: [], launchTemplate: { launchTemplateName: 'lt' } },
    })).toEqual({ name: 'c', arn: 'arn:c', computeType: 'EC2', launchTemplate: { id: undefined, name: 'lt', version: '$Default' }, subnets: [] });
    expect(computeEnvironmentInfo({ computeEnvironmentName: 'u', computeEnvironmentArn: 'arn:u', type: 'UNMANAGED' })).toEqual({ name: 'u', arn: 'arn:u', computeType: undefined, launchTemplate: undefined });
  });
});
