import { hasAttemptTimeout } from '../../../controls/judgement/batch-job';
import { COMPLIANT, defineRule, NON_COMPLIANT, WARN } from '../../private/rule';

/**
 * An AWS Batch job definition has no timeout.
 *
 * Seed failure: 004_5b6328fd8d3c63a0.txt #27 (no way to keep jobs within the processing window) and
 * the Batch requirements around #17. A token value counts as set.
 */
export default defineRule({
  name: 'BatchJobTimeout',
  level: WARN,
  resourceTypes: ['AWS::Batch::JobDefinition'],
  info: 'The AWS Batch job definition has no timeout (Timeout.AttemptDurationSeconds).',
  explanation: 'A hung job without a timeout holds its compute and blocks the queue until someone notices. Set timeout to the longest an attempt may legitimately take.',
  body: (_node, props) => (hasAttemptTimeout(props.Timeout?.AttemptDurationSeconds) ? COMPLIANT : NON_COMPLIANT),
});
