import { keyPolicyAllowsLogs } from '../../../controls/judgement/log-groups';
import { statementsOf } from '../../../policy/template-values';
import { propertiesOf } from '../../private/context';
import { COMPLIANT, defineRule, ERROR, NON_COMPLIANT, NOT_APPLICABLE } from '../../private/rule';
import { resolveReference } from '../shared';

/**
 * A log group is encrypted with a KMS key of the same stack whose key policy does not let CloudWatch
 * Logs use it.
 *
 * Seed failure: 004_5b6328fd8d3c63a0.txt #24 (key policies that do not grant the services using the
 * key). CloudWatch Logs is authorized only by the key policy, so the log group fails to create or
 * stops receiving events. Keys outside the stack, and key policies given as tokens, are not judged.
 * The judgement is shared with the scanner (`src/controls/judgement/log-groups.ts`).
 */
export default defineRule({
  name: 'LogGroupKeyAllowsLogs',
  level: ERROR,
  resourceTypes: ['AWS::Logs::LogGroup'],
  info: 'The log group\'s KMS key policy does not allow the CloudWatch Logs service principal to use the key.',
  explanation: 'CloudWatch Logs encrypts with the key only if the key policy allows logs.<region>.amazonaws.com kms:GenerateDataKey* and kms:Decrypt; otherwise the log group cannot be created or written. Grant it in the key policy (ComplianceLogGroup does).',
  body: (node, props) => {
    if (props.KmsKeyId === undefined) {
      return NOT_APPLICABLE;
    }
    const key = resolveReference(node, props.KmsKeyId, 'AWS::KMS::Key');
    if (!key) {
      return NOT_APPLICABLE;
    }
    const statements = statementsOf(propertiesOf(key)?.KeyPolicy);
    if (statements === undefined) {
      return NOT_APPLICABLE;
    }
    return keyPolicyAllowsLogs(statements) ? COMPLIANT : NON_COMPLIANT;
  },
});
