import { retriesJob } from '../../../controls/judgement/batch-job';
import { COMPLIANT, defineRule, NON_COMPLIANT, WARN } from '../../private/rule';

/**
 * An AWS Batch job definition does not retry (no `RetryStrategy`, or `Attempts` of 1).
 *
 * Seed failure: 004_5b6328fd8d3c63a0.txt #29 ("handle failures gracefully"), for Batch. A token
 * value counts as set.
 */
export default defineRule({
  name: 'BatchJobRetryStrategy',
  level: WARN,
  resourceTypes: ['AWS::Batch::JobDefinition'],
  info: 'The AWS Batch job definition has no retry strategy (RetryStrategy.Attempts > 1).',
  explanation: 'Spot reclaims and transient host failures end attempts that would succeed on retry; without retries they fail the whole job. Set retryAttempts (2 or more), with evaluateOnExit rules where some failures must not be retried.',
  body: (_node, props) => (retriesJob(props.RetryStrategy?.Attempts) ? COMPLIANT : NON_COMPLIANT),
});
