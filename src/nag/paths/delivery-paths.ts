/** Data paths of log and audit delivery: CloudTrail, VPC flow logs, S3 server access logs, AWS Config and KMS-encrypted log groups. */
import { CfnResource } from 'aws-cdk-lib';
import { PathBuilder, sseHeaders } from './builder';
import { TRUST_CONSUMERS, trustContext } from '../../controls/judgement/role-trust';
import { RequestContext } from '../../policy/conditions';
import { PolicyDecision, RequestPrincipal } from '../../policy/evaluate';
import { isUnknownValue, listOf } from '../../policy/values';
import { propertiesOf } from '../private/context';

export function trail(b: PathBuilder, node: CfnResource): void {
  const props = propertiesOf(node) ?? {};
  const { stack, account } = b.stackOf(node);
  const source = b.docs.label(node);
  const context = b.sourceContext(node);
  const principal = { service: 'cloudtrail.amazonaws.com' };
  const bucket = b.find(stack, props.S3BucketName, 'AWS::S3::Bucket');
  const trailArn = b.resolver.arnOf(node);
  if (bucket) {
    const prefix = typeof props.S3KeyPrefix === 'string' && props.S3KeyPrefix !== '' ? `${props.S3KeyPrefix}/` : '';
    const sse = props.KMSKeyId === undefined ? {} : sseHeaders(b.resolver.value(stack, props.KMSKeyId), b.find(stack, props.KMSKeyId, 'AWS::KMS::Key'), b.resolver);
    b.bucketDelivery('cloudtrail-delivery', node, source, bucket, principal, { ...context, ...sse }, `${prefix}AWSLogs/${account}/CloudTrail/us-east-1/2026/01/01/file.json.gz`, true);
    if (props.KMSKeyId === undefined) {
      b.bucketKey('cloudtrail-delivery', node, source, bucket, principal, context);
    }
  } else if (props.S3BucketName !== undefined) {
    b.unknownPath('cloudtrail-delivery', node, source, 'bucket', 's3:PutObject', 'the bucket is not defined in this app, so its policy is not known');
  }
  if (props.KMSKeyId !== undefined) {
    b.keyUse('cloudtrail-delivery', node, source, 'its key', props.KMSKeyId, principal,
      { ...context, 'kms:EncryptionContext:aws:cloudtrail:arn': trailArn }, 'cloudtrail', ['kms:GenerateDataKey'], {});
  }
  if (props.CloudWatchLogsRoleArn !== undefined) {
    b.trust(node, source, props.CloudWatchLogsRoleArn, TRUST_CONSUMERS.trail.service, context);
    const role = b.roleFor(stack, props.CloudWatchLogsRoleArn);
    if (!isUnknownValue(role) && props.CloudWatchLogsLogGroupArn !== undefined) {
      const { region } = b.stackOf(node);
      b.deliver('cloudtrail-delivery', node, source, props.CloudWatchLogsLogGroupArn, role.principal, {}, role, `${account}_CloudTrail_${region}`);
    }
  }
}

export function flowLog(b: PathBuilder, flow: CfnResource): void {
  const props = propertiesOf(flow) ?? {};
  const { stack, account, region, partition } = b.stackOf(flow);
  const source = b.docs.label(flow);
  const type = props.LogDestinationType ?? 'cloud-watch-logs';
  if (type === 'cloud-watch-logs') {
    const context = b.sourceContext(flow);
    if (props.DeliverLogsPermissionArn === undefined) {
      return;
    }
    b.trust(flow, source, props.DeliverLogsPermissionArn, TRUST_CONSUMERS.flowLog.service, context);
    const role = b.roleFor(stack, props.DeliverLogsPermissionArn);
    let groupArn: any = props.LogDestination;
    if (groupArn === undefined && props.LogGroupName !== undefined) {
      const name = b.resolver.string(stack, props.LogGroupName);
      groupArn = typeof name === 'string' ? `arn:${partition}:logs:${region}:${account}:log-group:${name}:*` : name;
    }
    if (!isUnknownValue(role) && groupArn !== undefined) {
      b.deliver('flow-log-delivery', flow, source, groupArn, role.principal, {}, role, 'eni-0123456789abcdef0-all');
    }
  } else if (type === 's3') {
    const dest = b.resolver.string(stack, props.LogDestination);
    if (isUnknownValue(dest)) {
      b.unknownPath('flow-log-delivery', flow, source, 'bucket', 's3:PutObject', `the destination is ${dest.unknown}`);
      return;
    }
    const bucketArn = dest.split('/')[0];
    const prefix = dest.includes('/') ? dest.slice(bucketArn.length + 1).replace(/\/?$/, '/') : '';
    const bucket = b.byArn.get(bucketArn);
    if (!bucket) {
      b.unknownPath('flow-log-delivery', flow, source, bucketArn, 's3:PutObject', 'the bucket is not defined in this app, so its policy is not known');
      return;
    }
    const principal = { service: 'delivery.logs.amazonaws.com' };
    const context = { 'aws:SourceAccount': account, 'aws:SourceArn': `arn:${partition}:logs:${region}:${account}:*` };
    b.bucketDelivery('flow-log-delivery', flow, source, bucket, principal, context, `${prefix}AWSLogs/${account}/vpcflowlogs/${region}/2026/01/01/file.log.gz`, true);
    b.bucketKey('flow-log-delivery', flow, source, bucket, principal, context);
  }
}

export function accessLogging(b: PathBuilder, bucket: CfnResource): void {
  const props = propertiesOf(bucket) ?? {};
  const logging = props.LoggingConfiguration;
  if (!logging || logging.DestinationBucketName === undefined) {
    return;
  }
  const { stack, account } = b.stackOf(bucket);
  const source = `${b.docs.label(bucket)} bucket`;
  const target = b.find(stack, logging.DestinationBucketName, 'AWS::S3::Bucket');
  if (!target) {
    b.unknownPath('s3-access-log-delivery', bucket, source, 'log bucket', 's3:PutObject', 'the log bucket is not defined in this app, so its policy is not known');
    return;
  }
  const context = { 'aws:SourceAccount': account, 'aws:SourceArn': b.resolver.arnOf(bucket) };
  // A put to the log bucket decided without a policy evaluation (by its ACL, or by its encryption).
  const decided = (finding: string, result: PolicyDecision) => b.add({
    family: 's3-access-log-delivery', judged: bucket, source, target: `${b.docs.label(target)} bucket`, action: 's3:PutObject', findingId: `${b.docs.label(target)}::${finding}`, result,
  });
  const prefix = typeof logging.LogFilePrefix === 'string' ? logging.LogFilePrefix : '';
  const targetProps = propertiesOf(target) ?? {};
  const ownership = listOf(targetProps.OwnershipControls?.Rules)[0]?.ObjectOwnership;
  if (targetProps.AccessControl === 'LogDeliveryWrite' && ownership !== undefined && ownership !== 'BucketOwnerEnforced') {
    // ACLs enabled and the log delivery group granted write: S3 delivers through the ACL.
    decided('s3:PutObject', { decision: 'allowed', document: 'the log bucket\'s ACL', reason: 'the LogDeliveryWrite ACL grants the S3 log delivery group' });
  } else {
    b.bucketDelivery('s3-access-log-delivery', bucket, source, target, { service: 'logging.s3.amazonaws.com' }, context, `${prefix}2026-01-01-00-00-00-LOG`, false);
  }
  const sse = listOf(propertiesOf(target)?.BucketEncryption?.ServerSideEncryptionConfiguration)[0]?.ServerSideEncryptionByDefault;
  if (sse && String(sse.SSEAlgorithm).startsWith('aws:kms')) {
    decided('SSE-KMS', { decision: 'denied', document: 'the log bucket\'s default encryption', reason: 'server access logs are delivered only to buckets whose default encryption is SSE-S3, and this one uses SSE-KMS' });
  }
}

export function configRecorder(b: PathBuilder, recorder: CfnResource): void {
  const props = propertiesOf(recorder) ?? {};
  if (props.RoleARN !== undefined) {
    const { account } = b.stackOf(recorder);
    const consumer = TRUST_CONSUMERS.configRecorder;
    b.trust(recorder, b.docs.label(recorder), props.RoleARN, consumer.service, trustContext(consumer.context, account, undefined));
  }
}

export function deliveryChannel(b: PathBuilder, channel: CfnResource): void {
  const props = propertiesOf(channel) ?? {};
  const { stack, account, region, partition } = b.stackOf(channel);
  const source = b.docs.label(channel);
  // Config delivers with the recorder's role, or as config.amazonaws.com with its service-linked role.
  const recorder = b.docs.ofType('AWS::Config::ConfigurationRecorder', stack)[0];
  const roleRaw = recorder ? propertiesOf(recorder)?.RoleARN : undefined;
  const roleText = roleRaw === undefined ? undefined : b.resolver.string(stack, roleRaw);
  const custom = roleRaw !== undefined && !(typeof roleText === 'string' && roleText.includes(':role/aws-service-role/'));
  const role = custom ? b.roleFor(stack, roleRaw) : undefined;
  if (role && isUnknownValue(role)) {
    b.unknownPath('config-delivery', channel, source, 'bucket', 's3:PutObject', `the recorder's role is ${role.unknown}`);
    return;
  }
  const principal: RequestPrincipal = role ? role.principal : { service: 'config.amazonaws.com' };
  const ids = role ?? {};
  const context: RequestContext = role ? {} : { 'aws:SourceAccount': account, 'aws:SourceArn': `arn:${partition}:config:${region}:${account}:*` };
  const bucket = b.find(stack, props.S3BucketName, 'AWS::S3::Bucket');
  if (bucket) {
    const prefix = typeof props.S3KeyPrefix === 'string' && props.S3KeyPrefix !== '' ? `${props.S3KeyPrefix}/` : '';
    const sse = props.S3KmsKeyArn === undefined ? {} : sseHeaders(b.resolver.value(stack, props.S3KmsKeyArn), b.find(stack, props.S3KmsKeyArn, 'AWS::KMS::Key'), b.resolver);
    b.bucketDelivery('config-delivery', channel, source, bucket, principal, { ...context, ...sse }, `${prefix}AWSLogs/${account}/Config/${region}/2026/1/1/ConfigHistory/file.json.gz`, true, ids);
    if (props.S3KmsKeyArn !== undefined) {
      b.keyUse('config-delivery', channel, source, 'its key', props.S3KmsKeyArn, principal, { ...context, 'kms:EncryptionContext:aws:s3:arn': b.resolver.arnOf(bucket) }, 's3', ['kms:GenerateDataKey'], ids);
    } else {
      b.bucketKey('config-delivery', channel, source, bucket, principal, context, ids);
    }
  } else if (props.S3BucketName !== undefined) {
    b.unknownPath('config-delivery', channel, source, 'bucket', 's3:PutObject', 'the bucket is not defined in this app, so its policy is not known');
  }
  if (props.SnsTopicARN !== undefined) {
    b.deliver('config-delivery', channel, source, props.SnsTopicARN, principal, context, ids);
  }
}

export function logGroupKey(b: PathBuilder, group: CfnResource): void {
  const props = propertiesOf(group) ?? {};
  if (props.KmsKeyId === undefined) {
    return;
  }
  const { region } = b.stackOf(group);
  const arn = b.resolver.arnOf(group);
  const groupArn = typeof arn === 'string' ? arn.replace(/:\*$/, '') : arn;
  b.keyUse('key-use', group, `${b.docs.label(group)} log group`, 'its key', props.KmsKeyId, { service: `logs.${region}.amazonaws.com` },
    { 'kms:EncryptionContext:aws:logs:arn': groupArn }, 'logs', ['kms:GenerateDataKey', 'kms:Encrypt', 'kms:Decrypt'], {});
}
