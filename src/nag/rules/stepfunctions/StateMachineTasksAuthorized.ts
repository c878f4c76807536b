import { pathRule } from '../../paths';
import { ERROR } from '../../private/rule';

/**
 * A state machine's role may not do what its definition needs: set up delivery to its log group,
 * submit its Batch jobs (job definition and job queue), publish to its SNS topics.
 *
 * Seed failure: 004_5b6328fd8d3c63a0.txt #27 (a run that cannot start its job is never processed
 * within the window). One finding per denied action.
 */
export default pathRule('state-machine', {
  name: 'StateMachineTasksAuthorized',
  level: ERROR,
  resourceTypes: ['AWS::StepFunctions::StateMachine'],
  info: 'The state machine\'s role may not call what its tasks or logging need.',
  explanation: 'Step Functions runs every task integration with the state machine\'s role: batch:SubmitJob on the job definition and the job queue, sns:Publish on the topic (and its key), and the logs:*LogDelivery actions on "*" for CloudWatch Logs logging. A task the role may not call fails the execution at that state. Grant the role the action the finding names.',
});
