/**
 * Callers without type checks (JavaScript, or a Python or Java struct built without a required
 * field) get the library's own error naming the prop, never a TypeError from inside a construct.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { BatchPipeline, BatchScale, ComplianceBucket, ComplianceQueue, AuditedVpc } from '../../src';
import { newStack } from '../nag-helper';

const IMAGE_URI = '123456789012.dkr.ecr.us-east-1.amazonaws.com/worker:1';
const AZ_CONTEXT = { 'availability-zones:account=123456789012:region=us-east-1': ['us-east-1a', 'us-east-1b'] };

function stack(): Stack {
  return newStack(new App({ context: AZ_CONTEXT }));
}

describe('a missing required field is named, with what it must be', () => {
  test.each<[string, (s: Stack) => unknown, RegExp]>([
    ['ComplianceBucket replication without destinationBucket',
      (s) => new ComplianceBucket(s, 'Bucket', { replication: {} as any }),
      /TestStack\/Bucket: invalid replication\.destinationBucket: undefined\. It is required: the s3\.IBucket in another Region/],
    ['ComplianceQueue depthAlarm without alarmTopic',
      (s) => new ComplianceQueue(s, 'Queue', { depthAlarm: {} as any }),
      /invalid Queue\.depthAlarm\.alarmTopic: undefined\. It is required: the sns\.ITopic the depth alarm notifies/],
    ['ComplianceQueue deadLetterQueue without queue',
      (s) => new ComplianceQueue(s, 'Queue', { deadLetterQueue: { maxReceiveCount: 3 } as any }),
      /invalid Queue\.deadLetterQueue\.queue: undefined\. It is required/],
    ['BatchPipeline without props',
      (s) => new (BatchPipeline as any)(s, 'Pipeline'),
      /TestStack\/Pipeline: invalid props: undefined\. It is required: a BatchPipelineProps with at least vpc/],
    ['BatchPipeline without vpc',
      (s) => new BatchPipeline(s, 'Pipeline', { imageUri: IMAGE_URI } as any),
      /TestStack\/Pipeline: invalid vpc: undefined\. It is required: the ec2\.IVpc/],
    ['BatchScale.fromThroughput without recordsPerSecondPerWorker',
      (s) => new BatchPipeline(s, 'Pipeline', { vpc: new AuditedVpc(s, 'Vpc'), imageUri: IMAGE_URI, scale: BatchScale.fromThroughput({ recordsPerRun: 1000 } as any) }),
      /invalid scale\.recordsPerSecondPerWorker: undefined\. It is required: a positive number/],
  ])('%s', (_name, build, message) => {
    expect(() => build(stack())).toThrow(message);
  });

  test('the same structs with the field given still build', () => {
    const s = stack();
    const topic = new sns.Topic(s, 'Topic');
    expect(() => new ComplianceQueue(s, 'Queue', { depthAlarm: { alarmTopic: topic } })).not.toThrow();
  });
});
