import { hasAttemptTimeout } from '../../../../controls/judgement/batch-job';
import { fail, pass } from '../../model';
import { defineCheck } from '../define';

/** Batch.JobTimeout: the run-time side of `CompliancePack-BatchJobTimeout` (BatchPipeline's default), so a revision registered without a timeout is seen. */
export const batchJobTimeout = defineCheck(
  {
    id: 'batch-job-timeout',
    title: 'Batch job definitions have a timeout',
    severity: 'LOW',
    category: 'batch',
    resourceType: 'AWS::Batch::JobDefinition',
    remediation: 'Register a revision with an attempt timeout (timeout.attemptDurationSeconds) of the longest an attempt may legitimately take.',
    requiredActions: ['batch:DescribeJobDefinitions'],
    datasets: ['batch.jobDefinitions'],
    scope: 'regional',
  },
  (inv) =>
    (inv.batchJobDefinitions ?? []).map((d) =>
      (hasAttemptTimeout(d.attemptDurationSeconds) ? pass(d.arn, `attempts time out after ${d.attemptDurationSeconds} s`) : fail(d.arn, 'no attempt timeout (timeout.attemptDurationSeconds)'))),
);
