import { retriesJob } from '../../../../controls/judgement/batch-job';
import { fail, pass } from '../../model';
import { defineCheck } from '../define';

/** Batch.JobRetryStrategy: the run-time side of `CompliancePack-BatchJobRetryStrategy` (BatchPipeline's default), so retries removed by a new revision are seen. */
export const batchJobRetryStrategy = defineCheck(
  {
    id: 'batch-job-retry-strategy',
    title: 'Batch job definitions retry transient failures',
    severity: 'LOW',
    category: 'batch',
    resourceType: 'AWS::Batch::JobDefinition',
    remediation: 'Register a revision with a retry strategy of 2 or more attempts (retryStrategy.attempts), with evaluateOnExit rules for failures that must not be retried.',
    requiredActions: ['batch:DescribeJobDefinitions'],
    datasets: ['batch.jobDefinitions'],
    scope: 'regional',
  },
  (inv) =>
    (inv.batchJobDefinitions ?? []).map((d) => {
      if (retriesJob(d.retryAttempts)) return pass(d.arn, `${d.retryAttempts} attempts`);
      return fail(d.arn, d.retryAttempts === undefined ? 'no retry strategy' : `retry strategy of ${d.retryAttempts} attempt(s): no retry`);
    }),
);
