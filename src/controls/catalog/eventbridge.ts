/** The controls catalog entries of EventBridge. */
import { ControlEntry, control, fw } from './entry';

export const EVENTBRIDGE_CONTROLS: readonly ControlEntry[] = [
  control({
    id: 'Events.TargetAuthorized',
    title: 'EventBridge rules may deliver to their targets',
    severity: 'HIGH',
    frameworks: fw({}),
    enforcedBy: [{ construct: 'AccountAudit' }, { construct: 'BatchPipeline' }, { construct: 'ComplianceScanner' }],
    packRules: ['EventsRuleTargetAuthorized'],
    scannerChecks: [{ id: 'events-target-authorized', compliantWhen: 'The `events-target` data paths of `CompliancePack-EventsRuleTargetAuthorized`, built from the live account (`src/scanner/runtime/paths/events-target.ts`, `target-delivery.ts`): for each target of each rule of each event bus (`ListEventBuses`, `ListRules`, `ListTargetsByRule`), `events.amazonaws.com` with `aws:SourceArn` (the rule) and `aws:SourceAccount`, or the target\'s `RoleArn` with its identity policies, delivering to the target (`sns:Publish` against the live topic policy, `sqs:SendMessage` against the queue policy, `lambda:InvokeFunction` against the function policy, `states:StartExecution`, `events:PutEvents`, `batch:SubmitJob`), and `events.amazonaws.com` sending to its dead-letter queue, judged by `evaluateRequest`. PASS when every delivery is allowed; FAIL when one is denied or names a topic, queue or function of the account and Region that does not exist; `ERROR` when one cannot be decided (a target of another account or Region delivered to as the service, a policy or role the scanner could not read, a log group target) or the rule\'s targets could not be listed. The role\'s trust and the target key\'s use are built as `role-trust` and `key-use` paths, which this check does not judge. A rule without targets, or whose targets are all of other kinds, is not applicable.' }],
  }),
  control({
    id: 'Scheduler.TargetAuthorized',
    title: 'EventBridge Scheduler schedules may invoke their targets',
    severity: 'HIGH',
    frameworks: fw({}),
    enforcedBy: [{ construct: 'BatchPipeline' }, { construct: 'ComplianceScanner' }],
    packRules: ['SchedulerTargetAuthorized'],
    scannerChecks: [{ id: 'scheduler-target-authorized', compliantWhen: 'The paths of the synth-time model built from the live schedules (ListSchedules, GetSchedule; `src/scanner/runtime/paths/scheduler-target.ts`) and judged by `evaluateRequest`: the schedule\'s execution role (its inline and attached policies from the IAM authorization details) calling its target (`sns:Publish`, `sqs:SendMessage`, `lambda:InvokeFunction`, `states:StartExecution`, `events:PutEvents`, `batch:SubmitJob` on the target\'s ARN; a universal target `aws-sdk:<service>:<action>` as `<IAM prefix>:<Action>`, allowed only by a grant on every resource since the resources its input names are not known) and sending to its dead-letter queue (`sqs:SendMessage`). PASS when every path is allowed, FAIL naming each denied path, `ERROR` when one is undecidable (a role of another account or absent from the authorization details, an AWS managed policy whose text is not known, a universal target whose action the role does not allow on `*`) or the schedule or a target\'s policy could not be read. Each delivery goes through the shared `deliver` (`target-delivery.ts`): the role\'s identity policies and the target\'s live resource policy (topic, queue, function) together, as AWS evaluates a request within one account (either may allow; an explicit deny in either denies); a topic, queue or function of the account and Region that does not exist is denied. A schedule whose target is of another kind (ECS, Kinesis, SageMaker, ...) is not applicable. The role\'s trust (`role-trust`) is recorded but judged by IAM.RoleTrustAuthorized, as at synth time.' }],
  }),
];
