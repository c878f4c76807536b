import { logGroupHasRetention } from '../../../controls/judgement/log-groups';
import { COMPLIANT, defineRule, NON_COMPLIANT, WARN } from '../../private/rule';

/**
 * A CloudWatch log group keeps its events forever (no `RetentionInDays`).
 *
 * Seed failures: 004_5b6328fd8d3c63a0.txt #8 and #21 (log groups without the settings record-keeping
 * needs). A token value counts as set.
 */
export default defineRule({
  name: 'LogGroupRetention',
  level: WARN,
  resourceTypes: ['AWS::Logs::LogGroup'],
  info: 'The CloudWatch log group has no retention period.',
  explanation: 'Without a retention period, events are kept forever: cost grows without bound and data is held longer than record-keeping rules allow. Set retention.',
  body: (_node, props) => (logGroupHasRetention(props.RetentionInDays) ? COMPLIANT : NON_COMPLIANT),
});
