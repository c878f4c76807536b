import { hasFailureDestination } from '../../../controls/judgement/lambda-config';
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
    const onFailure = stackResourcesOfType(node, 'AWS::Lambda::EventInvokeConfig')
      .map(propertiesOf)
      .filter((c) => c && pointsAt(c.FunctionName, node, [props.FunctionName]))
      .map((c) => c.DestinationConfig?.OnFailure?.Destination);
    return hasFailureDestination(props.DeadLetterConfig?.TargetArn, onFailure) ? COMPLIANT : NON_COMPLIANT;
  },
});
