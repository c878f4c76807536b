import { pathRule } from '../../paths';
import { ERROR } from '../../private/rule';

/**
 * A service that writes to a KMS-encrypted resource cannot use that resource's key: EventBridge or
 * CloudWatch publishing to an encrypted topic or queue, CloudWatch Logs writing an encrypted log
 * group, CloudTrail, Config and flow logs writing to SSE-KMS buckets, a function's role sending to
 * an encrypted dead-letter queue.
 *
 * Seed failure: 004_5b6328fd8d3c63a0.txt #24 (key policies that do not grant the services using
 * the key). A service principal needs the key policy to allow it; a role needs the key policy to
 * allow it or its account, and its own policy. AWS managed keys (`alias/aws/sns`) admit no service
 * principal.
 */
export default pathRule('key-use', {
  name: 'KmsKeyUseAuthorized',
  level: ERROR,
  resourceTypes: ['AWS::Events::Rule', 'AWS::CloudWatch::Alarm', 'AWS::Logs::LogGroup', 'AWS::Lambda::Function', 'AWS::Lambda::EventInvokeConfig',
    'AWS::Scheduler::Schedule', 'AWS::CloudTrail::Trail', 'AWS::EC2::FlowLog', 'AWS::Config::DeliveryChannel'],
  info: 'A service writing to an encrypted resource may not use its KMS key.',
  explanation: 'Writing to an SSE-KMS topic, queue, log group or bucket makes the service call kms:GenerateDataKey (and kms:Decrypt) on the key in the writer\'s name. KMS authorizes only what the key policy allows: a service principal must be named in it, with the conditions the service meets (aws:SourceArn, kms:EncryptionContext); a role needs the key policy to allow its account and its own policy to allow the key. Otherwise every write fails. Add the key policy statement the finding names (ComplianceKey.grantServiceUse).',
});
