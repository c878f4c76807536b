import { COMPLIANT, defineRule, NON_COMPLIANT, WARN } from '../../private/rule';
import { isUnknown } from '../../private/values';

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
  body: (_node, props) => {
    const attempts = props.RetryStrategy?.Attempts;
    if (attempts === undefined) {
      return NON_COMPLIANT;
    }
    if (isUnknown(attempts)) {
      return COMPLIANT;
    }
    return Number(attempts) > 1 ? COMPLIANT : NON_COMPLIANT;
  },
});
