import { tracingActive } from '../../../controls/judgement/lambda-config';
import { isUnknown } from '../../../policy/template-values';
import { COMPLIANT, defineRule, NON_COMPLIANT, NOT_APPLICABLE, WARN } from '../../private/rule';

/**
 * A Lambda function does not have X-Ray active tracing.
 *
 * Seed failure: 004_5b6328fd8d3c63a0.txt #30. A tracing mode given as a token is not judged.
 */
export default defineRule({
  name: 'LambdaActiveTracing',
  level: WARN,
  resourceTypes: ['AWS::Lambda::Function'],
  info: 'The Lambda function does not have active X-Ray tracing.',
  explanation: 'Without tracing, failures and latency across the services a function calls cannot be followed. Set tracing: Tracing.ACTIVE.',
  body: (_node, props) => {
    const mode = props.TracingConfig?.Mode;
    if (isUnknown(mode) || isUnknown(props.TracingConfig)) {
      return NOT_APPLICABLE;
    }
    return tracingActive(mode) ? COMPLIANT : NON_COMPLIANT;
  },
});
