import { inv, only } from './helpers';
import { configRecorderRecording } from '../../../src/scanner/runtime/checks/config/recorder-recording';
import { ConfigRecorderInfo, ConfigSetupInfo } from '../../../src/scanner/runtime/model';

const recorder = (recording: boolean | undefined, name = 'default'): ConfigRecorderInfo => ({ name, allSupported: true, recording });
const setup = (recorders: ConfigRecorderInfo[], channels = 1): ConfigSetupInfo => ({
  recorders,
  deliveryChannels: Array.from({ length: channels }, (_, i) => ({ name: `channel-${i}`, s3BucketName: 'b' })),
});

describe('config-recorder-recording', () => {
  test('a recording recorder and a channel pass, one result per region', () => {
    const r = only(configRecorderRecording, inv({ configSetup: setup([recorder(true)]) }));
    expect(r).toMatchObject({ status: 'PASS', reason: 'recorder default recording, delivering through channel-0', resourceId: 'arn:aws:config:eu-west-1:123456789012:configuration-recorder' });
  });

  test('a stopped recorder, a recorder without status, no recorder or no channel FAIL with the reason', () => {
    expect(only(configRecorderRecording, inv({ configSetup: setup([recorder(false)]) })).reason).toBe('the configuration recorder is stopped');
    expect(only(configRecorderRecording, inv({ configSetup: setup([recorder(undefined)]) })).reason).toBe('the configuration recorder is stopped');
    expect(only(configRecorderRecording, inv({ configSetup: setup([]) })).reason).toBe('no configuration recorder');
    expect(only(configRecorderRecording, inv({ configSetup: setup([recorder(true)], 0) })).reason).toBe('no delivery channel');
    expect(only(configRecorderRecording, inv({ configSetup: setup([], 0) })).reason).toBe('no configuration recorder and no delivery channel');
  });

  test('not collected: no result here (the engine reports the region ERROR)', () => {
    expect(configRecorderRecording.evaluate(inv())).toEqual([]);
  });
});
