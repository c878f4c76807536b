/**
 * AWS Config (JSON 1.1, signing name `config`, target `StarlingDoveService.*`): the configuration
 * recorders, their status and the delivery channels of a Region (unpaginated, as AWS answers them).
 */
import { FakeService, jsonError, jsonResponse } from './index';
import type { FakeConfigSetup } from '../model';

/** The default of a Region: the recorder and channel AccountAudit creates, recording. */
export const DEFAULT_CONFIG: FakeConfigSetup = {
  recorders: [{ name: 'default', recording: true }],
  channels: [{ name: 'default', s3BucketName: 'config-delivery', s3KmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/account-audit' }],
};

export const config: FakeService = {
  dispatch: (ctx, r, api) => {
    const acct = ctx.state.accountId;
    const setup = ctx.region(r.region).config ?? DEFAULT_CONFIG;
    const role = (x: { roleARN?: string }) => x.roleARN ?? `arn:aws:iam::${acct}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`;
    switch (api) {
      case 'DescribeConfigurationRecorders':
        return jsonResponse({
          ConfigurationRecorders: setup.recorders.map((x) => ({
            arn: `arn:aws:config:${r.region}:${acct}:configuration-recorder/${x.name}/r1`, name: x.name, roleARN: role(x), recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
          })),
        });
      case 'DescribeConfigurationRecorderStatus':
        return jsonResponse({
          ConfigurationRecordersStatus: setup.recorders.map((x) => ({
            name: x.name, recording: x.recording, lastStatus: x.recording ? 'SUCCESS' : 'PENDING', lastStartTime: 1767225600,
          })),
        });
      case 'DescribeDeliveryChannels':
        return jsonResponse({
          DeliveryChannels: setup.channels.map((x) => ({ ...x })),
        });
      default:
        throw Object.assign(new Error(`fake AWS Config does not implement ${api}`), { status: 400, code: 'InvalidAction' });
    }
  },
  errorResponse: (_r, e) => jsonError(e),
};
