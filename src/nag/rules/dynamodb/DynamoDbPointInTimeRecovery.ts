import { NagRuleResult } from 'cdk-nag';
import { pitrEnabled } from '../../../controls/judgement/dynamodb-pitr';
import { asList, isUnknown } from '../../../policy/template-values';
import { bodiesByType, COMPLIANT, defineRule, NON_COMPLIANT, NOT_APPLICABLE, WARN } from '../../private/rule';

/** The verdict on a table's (or its replicas') point-in-time recovery specifications. */
function judgeSpecifications(specs: any[]): NagRuleResult {
  if (specs.length === 0) {
    return NOT_APPLICABLE;
  }
  const flags = specs.map((s) => (isUnknown(s) ? s : s?.PointInTimeRecoveryEnabled));
  if (flags.some((f) => !isUnknown(f) && !pitrEnabled(f))) {
    return NON_COMPLIANT;
  }
  return flags.some(isUnknown) ? NOT_APPLICABLE : COMPLIANT;
}

/**
 * A DynamoDB table (or a replica of a global table) has no point-in-time recovery.
 *
 * Seed failure: 004_5b6328fd8d3c63a0.txt #22. A token value is not judged.
 */
export default defineRule({
  name: 'DynamoDbPointInTimeRecovery',
  level: WARN,
  info: 'The DynamoDB table has no point-in-time recovery.',
  explanation: 'Without point-in-time recovery a bad write or delete cannot be undone. Set pointInTimeRecoverySpecification (pointInTimeRecoveryEnabled: true).',
  ...bodiesByType({
    'AWS::DynamoDB::Table': (_node, props) => judgeSpecifications([props.PointInTimeRecoverySpecification]),
    'AWS::DynamoDB::GlobalTable': (_node, props) => judgeSpecifications(isUnknown(props.Replicas) ? []
      : asList(props.Replicas).map((r: any) => r?.PointInTimeRecoverySpecification)),
  }),
});
