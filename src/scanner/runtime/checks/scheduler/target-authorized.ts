import { notApplicable } from '../../model';
import { schedulerTargetPaths } from '../../paths/scheduler-target';
import { definePathCheck, withoutKeyUse } from '../define';

/**
 * Scheduler.TargetAuthorized: the run-time side of `CompliancePack-SchedulerTargetAuthorized`, the
 * same paths (`src/scanner/runtime/paths/scheduler-target.ts`) judged by the same evaluator, so a
 * role policy edited in the console that no longer lets a schedule call its target is seen.
 */
export const schedulerTargetAuthorized = definePathCheck(
  {
    id: 'scheduler-target-authorized',
    title: 'EventBridge Scheduler schedules may invoke their targets',
    severity: 'HIGH',
    category: 'scheduler',
    resourceType: 'AWS::Scheduler::Schedule',
    remediation: 'Allow the action the finding names on the target\'s ARN in the schedule\'s execution role policy (and on the dead-letter queue).',
    ...withoutKeyUse(schedulerTargetPaths),
  },
  schedulerTargetPaths,
  (_inv, withResult, judged) => judged.filter((a) => !withResult.has(a)).map((a) => notApplicable(a, 'its target is of a kind the check does not judge (ECS, Kinesis, SageMaker, ...), or of another account or Region')),
);
