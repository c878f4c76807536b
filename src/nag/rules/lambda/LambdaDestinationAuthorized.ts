import { pathRule } from '../../paths';
import { ERROR } from '../../private/rule';

/**
 * A Lambda function's role may not send to its dead-letter queue or on-failure (on-success)
 * destination.
 *
 * Seed failure: 004_5b6328fd8d3c63a0.txt #29. One finding per denied action.
 */
export default pathRule('lambda-destination', {
  name: 'LambdaDestinationAuthorized',
  level: ERROR,
  resourceTypes: ['AWS::Lambda::Function', 'AWS::Lambda::EventInvokeConfig'],
  info: 'A Lambda function\'s role may not send to its dead-letter queue or destination.',
  explanation: 'Lambda sends failed asynchronous events to the dead-letter queue or destination with the function\'s execution role; without sqs:SendMessage or sns:Publish on it (and the key of an encrypted queue or topic), the events are dropped. Grant the role the action the finding names.',
});
