import { namesLogGroup } from '../../../controls/judgement/lambda-log-group';
import { COMPLIANT, defineRule, NON_COMPLIANT, WARN } from '../../private/rule';

/**
 * A Lambda function writes to the implicit `/aws/lambda/<name>` log group instead of a log group
 * of its own (`LoggingConfig.LogGroup`).
 *
 * Seed failure: 000_8539daffd67ca827.txt #2 (a log group named by a literal `/aws/lambda/...` string
 * that silently stops receiving logs when the function is renamed). A token value counts as set.
 * The judgement is shared with the scanner's `lambda-explicit-log-group` (`src/controls/judgement/lambda-log-group.ts`).
 */
export default defineRule({
  name: 'LambdaExplicitLogGroup',
  level: WARN,
  resourceTypes: ['AWS::Lambda::Function'],
  info: 'The Lambda function has no explicit log group (LoggingConfig.LogGroup).',
  explanation: 'The implicit log group is created by Lambda on first write, unencrypted and kept forever, and a log group matched to it by name breaks when the function is renamed. Give the function a log group (logGroup prop) with KMS and retention.',
  body: (_node, props) => (namesLogGroup(props.LoggingConfig?.LogGroup) ? COMPLIANT : NON_COMPLIANT),
});
