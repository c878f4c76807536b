/** The controls catalog entries of Step Functions. */
import { ControlEntry, control, fw } from './entry';

export const STEPFUNCTIONS_CONTROLS: readonly ControlEntry[] = [
  control({
    id: 'StepFunctions.TasksAuthorized',
    title: 'State machine roles may call every task\'s service',
    severity: 'HIGH',
    frameworks: fw({}),
    enforcedBy: [{ construct: 'BatchPipeline' }],
    packRules: ['StateMachineTasksAuthorized'],
    scannerChecks: [{ id: 'stepfunctions-tasks-authorized', compliantWhen: 'Per state machine (ListStateMachines, DescribeStateMachine): PASS when its role\'s live identity policies (GetAccountAuthorizationDetails) allow every call the path model judges, read from its definition by the reader `CompliancePack-StateMachineTasksAuthorized` uses (`src/controls/judgement/state-machine.ts`): the log delivery actions on `*` when it logs, batch:SubmitJob on the job definition and job queue of each `batch:submitJob` task, sns:Publish on the topic of each `sns:publish` task, with the topic\'s live policy (the shared `deliver`, `target-delivery.ts`: either may allow, an explicit deny in either denies); FAIL when one is denied. ERROR when one cannot be decided (a target given at run time, a job definition named without a revision, a topic whose policy could not be read; the role\'s policies not known) or the state machine could not be described. Not applicable: no such task and no logging.' }],
  }),
];
