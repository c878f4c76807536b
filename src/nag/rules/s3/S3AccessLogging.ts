import { COMPLIANT, defineRule, ERROR, NON_COMPLIANT } from '../../private/rule';

/**
 * An S3 bucket has no server access logging.
 *
 * Seed failure: 004_5b6328fd8d3c63a0.txt #6. A `LoggingConfiguration` (a token included) counts.
 * A bucket that is itself the access-log destination should acknowledge this rule with that reason.
 */
export default defineRule({
  name: 'S3AccessLogging',
  level: ERROR,
  resourceTypes: ['AWS::S3::Bucket'],
  info: 'The S3 bucket has no server access logging.',
  explanation: 'Without access logs there is no record of who read or changed which object, which audits require. Set serverAccessLogsBucket (ComplianceBucket does by default).',
  body: (_node, props) => (props.LoggingConfiguration === undefined ? NON_COMPLIANT : COMPLIANT),
});
