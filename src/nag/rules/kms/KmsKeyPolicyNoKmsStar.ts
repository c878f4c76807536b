import { keyPolicyAllowsKmsStar } from '../../../controls/judgement/kms-key-policy';
import { statementsOf } from '../../../policy/template-values';
import { COMPLIANT, defineRule, ERROR, NON_COMPLIANT, NOT_APPLICABLE } from '../../private/rule';

/**
 * A KMS key policy allows `kms:*` (or `*`).
 *
 * Seed failures: 004_5b6328fd8d3c63a0.txt #12 (kms:* to the account root) and #24 (key policies that
 * do not say which principal may do what). `kms:*` mixes administration with use, so the principal
 * that may change the key policy can also decrypt everything, and the reverse. A key policy given as
 * a token is not judged.
 */
export default defineRule({
  name: 'KmsKeyPolicyNoKmsStar',
  level: ERROR,
  resourceTypes: ['AWS::KMS::Key', 'AWS::KMS::ReplicaKey'],
  info: 'The KMS key policy allows kms:* (every KMS action).',
  explanation: 'Separate key administration (kms:Create*, kms:Put*, kms:ScheduleKeyDeletion...) from key use (kms:Decrypt, kms:GenerateDataKey*...) and grant each to the principals that need it; ComplianceKey does this.',
  body: (_node, props) => {
    const statements = statementsOf(props.KeyPolicy);
    if (statements === undefined) {
      return NOT_APPLICABLE;
    }
    return keyPolicyAllowsKmsStar(statements) ? NON_COMPLIANT : COMPLIANT;
  },
});
