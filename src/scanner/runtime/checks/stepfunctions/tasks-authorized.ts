import { errored, notApplicable } from '../../model';
import { LivePaths, pathResults } from '../../paths/live-paths';
import { stateMachineBuilder } from '../../paths/state-machine';
import { defineCheck } from '../define';

/**
 * StepFunctions.TasksAuthorized: the run-time side of `CompliancePack-StateMachineTasksAuthorized`:
 * the state machine's role may set up its log delivery and call every service integration its
 * tasks name.
 */
export const stepfunctionsTasksAuthorized = defineCheck(
  {
    id: 'stepfunctions-tasks-authorized',
    title: 'State machine roles may call every task\'s service',
    severity: 'HIGH',
    category: 'stepfunctions',
    resourceType: 'AWS::StepFunctions::StateMachine',
    remediation: 'Allow the state machine\'s role the actions the finding names (batch:SubmitJob on the job definition and queue, sns:Publish on the topic, the log delivery actions on "*").',
    requiredActions: [...stateMachineBuilder.requiredActions],
    datasets: [...stateMachineBuilder.datasets],
    scope: 'regional',
  },
  (inv) => {
    const live = new LivePaths(inv);
    const judged = stateMachineBuilder.build(live);
    const results = pathResults(live, 'state-machine', judged);
    const withResult = new Set(results.map((r) => r.resourceId));
    for (const m of inv.stateMachines ?? []) {
      if (m.describeError !== undefined) results.push(errored(m.arn, `the state machine could not be described (${m.describeError})`));
      else if (!m.roleArn) results.push(errored(m.arn, 'the state machine has no role reported'));
      else if (!withResult.has(m.arn)) results.push(notApplicable(m.arn, 'no service integration task the scanner judges, and no logging'));
    }
    return results;
  },
);
