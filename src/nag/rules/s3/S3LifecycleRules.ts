import { lifecycleRuleEnabled } from '../../../controls/judgement/s3-lifecycle';
import { asList, isUnknown } from '../../../policy/template-values';
import { COMPLIANT, defineRule, NON_COMPLIANT, WARN } from '../../private/rule';

/**
 * An S3 bucket has no enabled lifecycle rule.
 *
 * Seed failure: 004_5b6328fd8d3c63a0.txt #18. Rules given as a token count as present.
 */
export default defineRule({
  name: 'S3LifecycleRules',
  level: WARN,
  resourceTypes: ['AWS::S3::Bucket'],
  info: 'The S3 bucket has no enabled lifecycle rule.',
  explanation: 'Without lifecycle rules, retention and archival are not enforced: noncurrent versions and incomplete uploads pile up forever and data is never moved to cheaper classes. Add lifecycleRules.',
  body: (_node, props) => {
    const rules = props.LifecycleConfiguration?.Rules;
    if (isUnknown(props.LifecycleConfiguration) || isUnknown(rules)) {
      return COMPLIANT;
    }
    const enabled = asList(rules).some((r: any) => r && (isUnknown(r.Status) || lifecycleRuleEnabled(r.Status)));
    return enabled ? COMPLIANT : NON_COMPLIANT;
  },
});
