/**
 * Agreement fixtures for Config.1: a Config rule's Region has a recorder and a delivery channel
 * (the app's resources at synth time, the account's at run time).
 */
import { aws_config as config } from 'aws-cdk-lib';
import { ACCOUNT, Fixture, SharedControl, Verdict } from './agreement-harness';
import { ConfigSetupInfo } from '../../src/scanner/runtime/model';

function configFixture(name: string, expected: Verdict, recorders: number, channels: number): Fixture {
  const live: ConfigSetupInfo = {
    recorders: Array.from({ length: recorders }, (_, i) => ({ name: `recorder-${i}`, roleArn: `arn:aws:iam::${ACCOUNT}:role/config`, allSupported: true, recording: true, lastStatus: 'SUCCESS' })),
    deliveryChannels: Array.from({ length: channels }, (_, i) => ({ name: `channel-${i}`, s3BucketName: 'config-delivery' })),
  };
  return {
    name,
    expected,
    synth: (stack) => {
      for (let i = 0; i < recorders; i++) {
        new config.CfnConfigurationRecorder(stack, `Recorder${i}`, { roleArn: `arn:aws:iam::${ACCOUNT}:role/config`, recordingGroup: { allSupported: true } });
      }
      for (let i = 0; i < channels; i++) {
        new config.CfnDeliveryChannel(stack, `Channel${i}`, { s3BucketName: 'config-delivery' });
      }
      return new config.CfnConfigRule(stack, 'Rule', { source: { owner: 'AWS', sourceIdentifier: 'S3_BUCKET_VERSIONING_ENABLED' } });
    },
    live: () => ({ configSetup: live }),
  };
}

const CONFIG_1: SharedControl = {
  id: 'Config.1',
  rule: 'ConfigRuleWithoutRecorder',
  check: 'config-recorder-recording',
  fixtures: [
    configFixture('a recorder and a delivery channel', 'compliant', 1, 1),
    configFixture('a recorder, no delivery channel', 'non-compliant', 1, 0),
    configFixture('a delivery channel, no recorder', 'non-compliant', 0, 1),
    configFixture('neither', 'non-compliant', 0, 0),
  ],
};

export const CONFIG_RC_SHARED: SharedControl[] = [CONFIG_1];
