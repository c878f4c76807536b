import { pathRule } from '../../paths';
import { ERROR } from '../../private/rule';

/**
 * An EventBridge Scheduler schedule's role may not call its target or send to its dead-letter
 * queue (the role's trust policy is RoleTrustAuthorized's, the keys KmsKeyUseAuthorized's).
 *
 * Seed failure: 004_5b6328fd8d3c63a0.txt #27 (the schedule that starts the runs). One finding per
 * denied action.
 */
export default pathRule('scheduler-target', {
  name: 'SchedulerTargetAuthorized',
  level: ERROR,
  resourceTypes: ['AWS::Scheduler::Schedule'],
  info: 'An EventBridge Scheduler schedule\'s role may not call its target or dead-letter queue.',
  explanation: 'Scheduler calls the target and sends failed invocations to the dead-letter queue with the schedule\'s execution role; if the role\'s policy (or the target\'s resource policy) does not allow the action, the schedule fires and nothing runs. Allow the action the finding names on the target\'s ARN in the role\'s policy.',
});
