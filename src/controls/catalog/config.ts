/** The controls catalog entries of Config. */
import { ControlEntry, control, fw } from './entry';

export const CONFIG_CONTROLS: readonly ControlEntry[] = [
  control({
    id: 'Config.1',
    title: 'AWS Config is recording (a Config rule has a recorder)',
    severity: 'HIGH',
    frameworks: fw({ fsbp: ['Config.1'], cis: ['3.3'], nist80053r5: ['CM-3', 'CM-6(1)', 'CM-8', 'CM-8(2)'], pciDss321: ['10.5.2', '11.5'] }),
    enforcedBy: [{ construct: 'AccountAudit', weakenedBy: 'configRecorderMode' }],
    packRules: ['ConfigRuleWithoutRecorder'],
    scannerChecks: [{ id: 'config-recorder-recording', compliantWhen: 'Per Region, judged as `CompliancePack-ConfigRuleWithoutRecorder` judges the app (`src/controls/judgement/config-recording.ts`): PASS when the Region has a configuration recorder and a delivery channel and `DescribeConfigurationRecorderStatus` reports a recorder `recording`; no recorder, no delivery channel or a stopped recorder FAILs. What the recorder records (`allSupported`) and its last delivery status are not judged. A Region whose recorders, status or channels could not be read is `ERROR`. Never not applicable.' }],
  }),
  control({
    id: 'Config.DeliveryAuthorized',
    title: 'AWS Config may deliver to its bucket and topic',
    severity: 'HIGH',
    frameworks: fw({}),
    enforcedBy: [{ construct: 'AccountAudit' }],
    packRules: ['ConfigDeliveryAuthorized'],
    scannerChecks: [{ id: 'config-delivery-authorized', compliantWhen: 'The paths `CompliancePack-ConfigDeliveryAuthorized` judges (family `config-delivery`), built from the Region\'s live delivery channels (DescribeDeliveryChannels) and judged by the same evaluator: AWS Config delivers with the recorder\'s role (its identity policies), or with its service-linked role as config.amazonaws.com (`aws:SourceAccount`, `aws:SourceArn`), s3:GetBucketAcl and s3:PutObject (`bucket-owner-full-control`, the SSE-KMS headers of `s3KmsKeyArn`) on the channel\'s bucket under its bucket policy. PASS when every path is allowed, FAIL when one is denied; `ERROR` when one cannot be decided (a bucket the account does not list, such as another account\'s, a policy that could not be read), and for a channel with an SNS topic, whose policy the scanner does not read. The key\'s use and the recorder role\'s trust are judged by their own families. A Region without a delivery channel has no result here (`config-recorder-recording` judges that).' }],
  }),
];
