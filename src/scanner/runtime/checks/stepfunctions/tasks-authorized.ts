import { errored, notApplicable } from '../../model';
import { stateMachineBuilder } from '../../paths/state-machine';
import { definePathCheck, withoutKeyUse } from '../define';

/**
 * StepFunctions.TasksAuthorized: the run-time side of `CompliancePack-StateMachineTasksAuthorized`:
 * the state machine's role may set up its log delivery and call every service integration its
 * tasks name.
 */
export const stepfunctionsTasksAuthorized = definePathCheck(
  {
    id: 'stepfunctions-tasks-authorized',
    title: 'State machine roles may call every task\'s service',
    severity: 'HIGH',
    category: 'stepfunctions',
    resourceType: 'AWS::StepFunctions::StateMachine',
    remediation: 'Allow the state machine\'s role the actions the finding names (batch:SubmitJob on the job definition and queue, sns:Publish on the topic, the log delivery actions on "*").',
    ...withoutKeyUse(stateMachineBuilder),
  },
  stateMachineBuilder,
  (inv, withResult) => (inv.stateMachines ?? []).flatMap((m) => {
    if (m.describeError !== undefined) return [errored(m.arn, `the state machine could not be described (${m.describeError})`)];
    if (!m.roleArn) return [errored(m.arn, 'the state machine has no role reported')];
    return withResult.has(m.arn) ? [] : [notApplicable(m.arn, 'no service integration task the scanner judges, and no logging')];
  }),
);
