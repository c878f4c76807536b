import { retriesJob } from '../../../../controls/judgement/batch-job';
import { fail, pass } from '../../model';
import { defineResourceCheck } from '../define';
import { BATCH_JOB_DEFINITIONS } from '../resource-kinds';

/** Batch.JobRetryStrategy: the run-time side of `CompliancePack-BatchJobRetryStrategy` (BatchPipeline's default), so retries removed by a new revision are seen. */
export const batchJobRetryStrategy = defineResourceCheck(
  BATCH_JOB_DEFINITIONS,
  {
    id: 'batch-job-retry-strategy',
    title: 'Batch job definitions retry transient failures',
    severity: 'LOW',
    remediation: 'Register a revision with a retry strategy of 2 or more attempts (retryStrategy.attempts), with evaluateOnExit rules for failures that must not be retried.',
    requiredActions: ['batch:DescribeJobDefinitions'],
  },
  (d) => {
    if (retriesJob(d.retryAttempts)) return pass(d.arn, `${d.retryAttempts} attempts`);
    return fail(d.arn, d.retryAttempts === undefined ? 'no retry strategy' : `retry strategy of ${d.retryAttempts} attempt(s): no retry`);
  },
);
