import { logGroupKmsEncrypted } from '../../../controls/judgement/log-groups';
import { COMPLIANT, defineRule, ERROR, NON_COMPLIANT } from '../../private/rule';

/**
 * A CloudWatch log group is not encrypted with a KMS key.
 *
 * Seed failures: 004_5b6328fd8d3c63a0.txt #8 and #21. A `KmsKeyId` (a token included) counts.
 */
export default defineRule({
  name: 'LogGroupKmsEncrypted',
  level: ERROR,
  resourceTypes: ['AWS::Logs::LogGroup'],
  info: 'The CloudWatch log group is not encrypted with a customer managed KMS key.',
  explanation: 'Logs often hold request data and identifiers; with a customer managed key, access to them is controlled and audited through the key policy and CloudTrail. Set encryptionKey (ComplianceLogGroup does by default).',
  body: (_node, props) => (logGroupKmsEncrypted(props.KmsKeyId) ? COMPLIANT : NON_COMPLIANT),
});
