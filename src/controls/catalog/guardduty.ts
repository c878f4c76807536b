/** The controls catalog entries of GuardDuty. */
import { ControlEntry, control, fw } from './entry';
import { GUARDDUTY_NIST } from './requirement-sets';

export const GUARDDUTY_CONTROLS: readonly ControlEntry[] = [
  control({
    id: 'GuardDuty.FindingsRoute',
    title: 'GuardDuty is enabled and its findings are routed to someone',
    severity: 'HIGH',
    frameworks: fw({ fsbp: ['GuardDuty.1'], nist80053r5: GUARDDUTY_NIST, pciDss321: ['11.4'], pciDss40: ['11.5.1'] }),
    enforcedBy: [{ construct: 'AccountAudit' }],
    packRules: ['GuardDutyFindingsRoute'],
    scannerChecks: [{ id: 'guardduty-enabled-findings-routed', compliantWhen: 'Per Region, judged as `CompliancePack-GuardDutyFindingsRoute` judges the app (`src/controls/judgement/guardduty-route.ts`): PASS when the detector (`ListDetectors`, `GetDetector`) is `ENABLED` and a rule on the default event bus (`ListRules`, `ListTargetsByRule`) that is not `DISABLED` matches source `aws.guardduty` and has at least one target; a disabled detector, or no such rule, FAILs, and so does a Region without a detector. Whether the targets may be delivered to is `events-target-authorized`\'s. A detector that could not be read is `ERROR`, as is one whose route is not known (the rules, or the targets of a matching rule, could not be read). Never not applicable.' }],
  }),
];
