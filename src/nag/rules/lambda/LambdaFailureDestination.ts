import { propertiesOf, stackResourcesOfType } from '../../private/context';
import { COMPLIANT, defineRule, NON_COMPLIANT, WARN } from '../../private/rule';
import { pointsAt } from '../shared';

/**
 * A Lambda function has neither a dead-letter queue nor an on-failure destination.
 *
 * Seed failure: 004_5b6328fd8d3c63a0.txt #29. A `DeadLetterConfig.TargetArn` on the function, or an
 * `AWS::Lambda::EventInvokeConfig` in the same stack with `DestinationConfig.OnFailure`, counts.
 */
export default defineRule({
  name: 'LambdaFailureDestination',
  level: WARN,
  resourceTypes: ['AWS::Lambda::Function'],
  info: 'The Lambda function has no dead-letter queue and no on-failure destination.',
  explanation: 'Asynchronous invocations that fail after their retries are dropped without a trace. Configure a dead-letter queue (deadLetterQueue) or an onFailure destination.',
  body: (node, props) => {
    if (props.DeadLetterConfig?.TargetArn !== undefined) {
      return COMPLIANT;
    }
    for (const config of stackResourcesOfType(node, 'AWS::Lambda::EventInvokeConfig')) {
      const c = propertiesOf(config);
      if (c && pointsAt(c.FunctionName, node, [props.FunctionName]) && c.DestinationConfig?.OnFailure?.Destination !== undefined) {
        return COMPLIANT;
      }
    }
    return NON_COMPLIANT;
  },
});
