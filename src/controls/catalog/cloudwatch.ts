/** The controls catalog entries of CloudWatch. */
import { ControlEntry, control, fw } from './entry';

export const CLOUDWATCH_CONTROLS: readonly ControlEntry[] = [
  control({
    id: 'CloudWatch.AlarmActionAuthorized',
    title: 'CloudWatch alarms may publish to their action topics',
    severity: 'HIGH',
    frameworks: fw({}),
    enforcedBy: [{ construct: 'BatchPipeline' }, { construct: 'ComplianceScanner' }],
    packRules: ['AlarmActionAuthorized'],
    scannerChecks: [{ id: 'cloudwatch-alarm-action-authorized', compliantWhen: 'The `alarm-action` data paths of `CompliancePack-AlarmActionAuthorized`, built from the live account (`src/scanner/runtime/paths/alarm-action.ts`, `target-delivery.ts`): for each SNS topic among a metric or composite alarm\'s alarm, OK and insufficient-data actions (`DescribeAlarms`), `cloudwatch.amazonaws.com` `sns:Publish` with `aws:SourceArn` (the alarm) and `aws:SourceAccount` is judged by `evaluateRequest` against the topic\'s live `Policy` (SNS\'s default policy when it has none). PASS when every such request is allowed; FAIL when one is denied, or names a topic of the account and Region that does not exist; `ERROR` when one cannot be decided (a topic of another account or Region, a topic whose attributes could not be read). The use of the topic\'s key is built as a `key-use` path, which this check does not judge (it is `KmsKeyUseAuthorized`\'s family at synth time). An alarm with no SNS action is not applicable.' }],
  }),
];
