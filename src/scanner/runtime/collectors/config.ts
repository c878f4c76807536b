import { DescribeConfigurationRecordersCommand, DescribeConfigurationRecorderStatusCommand, DescribeDeliveryChannelsCommand } from '@aws-sdk/client-config-service';
import { ConfigSetupInfo } from '../model';
import { CollectContext } from './context';

/**
 * The region's configuration recorders with their status, and its delivery channels. The three
 * Describe calls are unpaginated (a region has at most one recorder and one channel of the account).
 * Any of them failing fails the region's dataset, so the checks report the region ERROR.
 */
export async function recorders(ctx: CollectContext, region: string): Promise<ConfigSetupInfo> {
  const resource = `arn:${ctx.partition}:config:${region}:${ctx.accountId}:configuration-recorder/*`;
  const [rec, status, channels] = await Promise.all([
    ctx.clients.send({ service: 'config', region, api: 'DescribeConfigurationRecorders', resource }, (c, abortSignal) =>
      c.send(new DescribeConfigurationRecordersCommand({}), { abortSignal })),
    ctx.clients.send({ service: 'config', region, api: 'DescribeConfigurationRecorderStatus', resource }, (c, abortSignal) =>
      c.send(new DescribeConfigurationRecorderStatusCommand({}), { abortSignal })),
    ctx.clients.send({ service: 'config', region, api: 'DescribeDeliveryChannels' }, (c, abortSignal) =>
      c.send(new DescribeDeliveryChannelsCommand({}), { abortSignal })),
  ]);
  const statusOf = new Map((status.ConfigurationRecordersStatus ?? []).map((s) => [s.name ?? '', s]));
  return {
    recorders: (rec.ConfigurationRecorders ?? []).map((r) => {
      const s = statusOf.get(r.name ?? '');
      return { name: r.name ?? '', roleArn: r.roleARN, allSupported: r.recordingGroup?.allSupported, recording: s?.recording, lastStatus: s?.lastStatus };
    }),
    deliveryChannels: (channels.DeliveryChannels ?? []).map((d) => ({
      name: d.name ?? '', s3BucketName: d.s3BucketName, s3KeyPrefix: d.s3KeyPrefix, s3KmsKeyArn: d.s3KmsKeyArn, snsTopicArn: d.snsTopicARN,
    })),
  };
}
