/**
 * Agreement fixtures of the AWS Batch job definition controls: one job definition, written once in
 * the camelCase both the CDK L1 props and the Batch API use, synthesized as an
 * `AWS::Batch::JobDefinition` for the rule and described (DescribeJobDefinitions' shape, through the
 * collector's own mapping) for the check.
 */
import { aws_batch as batch } from 'aws-cdk-lib';
import { ACCOUNT, Fixture, SharedControl, Verdict } from './agreement-harness';
import { jobDefinitionInfo } from '../../src/scanner/runtime/collectors/batch';

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

/** The Batch job definition controls both sides judge. */
export const BATCH_SHARED: SharedControl[] = [BATCH_RETRY, BATCH_TIMEOUT, BATCH_PRIVILEGED];
