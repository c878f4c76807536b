import { configRecordingGap } from '../../../../controls/judgement/config-recording';
import { fail, pass } from '../../model';
import { defineCheck } from '../define';

/** Config.1: the run-time side of `CompliancePack-ConfigRuleWithoutRecorder` (`src/controls/judgement/config-recording.ts`). */
export const configRecorderRecording = defineCheck(
  {
    id: 'config-recorder-recording',
    title: 'AWS Config is recording in the region',
    severity: 'HIGH',
    category: 'config',
    resourceType: 'AWS::::Account',
    remediation: 'Create a configuration recorder and a delivery channel in the region and start the recorder (AccountAudit does, or adopts the account\'s recorder).',
    requiredActions: ['config:DescribeConfigurationRecorders', 'config:DescribeConfigurationRecorderStatus', 'config:DescribeDeliveryChannels'],
    datasets: ['config.recorders'],
    scope: 'regional',
  },
  (inv) => {
    const setup = inv.configSetup;
    if (setup === undefined) return [];
    const id = `arn:${inv.partition}:config:${inv.region}:${inv.accountId}:configuration-recorder`;
    const recording = setup.recorders.length === 0 ? undefined : setup.recorders.some((r) => r.recording === true);
    const gap = configRecordingGap({ recorders: setup.recorders.length, deliveryChannels: setup.deliveryChannels.length, recording });
    if (gap) return [fail(id, gap)];
    const names = setup.recorders.filter((r) => r.recording).map((r) => r.name).join(', ');
    return [pass(id, `recorder ${names} recording, delivering through ${setup.deliveryChannels.map((d) => d.name).join(', ')}`)];
  },
);
