import { hasAttemptTimeout } from '../../../../controls/judgement/batch-job';
import { fail, pass } from '../../model';
import { defineResourceCheck } from '../define';
import { BATCH_JOB_DEFINITIONS } from '../resource-kinds';

/** Batch.JobTimeout: the run-time side of `CompliancePack-BatchJobTimeout` (BatchPipeline's default), so a revision registered without a timeout is seen. */
export const batchJobTimeout = defineResourceCheck(
  BATCH_JOB_DEFINITIONS,
  {
    id: 'batch-job-timeout',
    title: 'Batch job definitions have a timeout',
    severity: 'LOW',
    remediation: 'Register a revision with an attempt timeout (timeout.attemptDurationSeconds) of the longest an attempt may legitimately take.',
    requiredActions: ['batch:DescribeJobDefinitions'],
  },
  (d) => (hasAttemptTimeout(d.attemptDurationSeconds) ? pass(d.arn, `attempts time out after ${d.attemptDurationSeconds} s`) : fail(d.arn, 'no attempt timeout (timeout.attemptDurationSeconds)')),
);
