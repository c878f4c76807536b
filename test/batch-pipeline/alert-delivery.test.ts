import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AccountAudit, AuditedVpc, BatchPipeline, BatchPipelineProps, ComplianceTopic } from '../../src';
import { alertDeliveries, ResolvedApp } from '../delivery-paths';
import { formatFindings, nagFindings, newStack } from '../nag-helper';

const IMAGE_URI = '123456789012.dkr.ecr.us-east-1.amazonaws.com/transactions-worker:1.4.2';
jest.setTimeout(240_000);

const AZ_CONTEXT = { 'availability-zones:account=123456789012:region=us-east-1': ['us-east-1a', 'us-east-1b'] };

function pipelineIn(stack: Stack, props: Partial<BatchPipelineProps> = {}): BatchPipeline {
  const vpc = new AuditedVpc(stack, 'Vpc');
  return new BatchPipeline(stack, 'Pipeline', { vpc, imageUri: IMAGE_URI, ...props });
}

/** Verdicts of every alert delivery in the given stacks; the paths that are not allowed. */
async function deniedDeliveries(...stacks: Stack[]): Promise<{ all: string[]; denied: string[] }> {
  const app = new ResolvedApp(stacks.map((s) => Template.fromStack(s).toJSON()));
  const verdicts = await alertDeliveries(app);
  return {
    all: verdicts.map((v) => v.path),
    denied: verdicts.filter((v) => v.verdict !== 'Allowed').map((v) => `${v.path}: ${v.verdict}`),
  };
}

describe('BatchPipeline alerts are delivered: EventBridge and CloudWatch may publish to the alert topic and use its key', () => {
  test('with the pipeline\'s own topic', async () => {
    const stack = newStack(new App({ context: AZ_CONTEXT }));
    pipelineIn(stack);
    const { all, denied } = await deniedDeliveries(stack);
    expect(denied).toEqual([]);
    // 2 rules x (publish, 2 key actions, dead-letter queue, its key) + 3 alarms x (publish, 2 key actions)
    expect(all).toHaveLength(2 * 5 + 3 * 3);
  });

  test('with AccountAudit\'s topic, as in the batch-processing reference app', async () => {
    const stack = newStack(new App({ context: AZ_CONTEXT }));
    const audit = new AccountAudit(stack, 'Audit');
    pipelineIn(stack, { alertTopic: audit.alertTopic });
    const { all, denied } = await deniedDeliveries(stack);
    expect(denied).toEqual([]);
    expect(all.filter((p) => p.startsWith('PipelineJobFailedRule') || p.startsWith('PipelineRunEndedRule'))).toHaveLength(10);
  });

  test('with a plain sns.Topic encrypted with a kms.Key of the app', async () => {
    const stack = newStack(new App({ context: AZ_CONTEXT }));
    const topic = new sns.Topic(stack, 'Plain', { masterKey: new kms.Key(stack, 'PlainKey', { enableKeyRotation: true }) });
    pipelineIn(stack, { alertTopic: topic });
    const { all, denied } = await deniedDeliveries(stack);
    expect(denied).toEqual([]);
    expect(all.length).toBe(2 * 5 + 3 * 3);
  });

  test('with a ComplianceTopic in another stack: no dependency cycle, every publisher admitted by its name-based ARN', async () => {
    const app = new App({ context: AZ_CONTEXT });
    const shared = newStack(app, 'Shared');
    const topic = new ComplianceTopic(shared, 'Alerts');
    const compute = newStack(app, 'Compute');
    const pipeline = pipelineIn(compute, { alertTopic: topic });
    expect(() => app.synth()).not.toThrow();
    const { all, denied } = await deniedDeliveries(shared, compute);
    expect(denied).toEqual([]);
    expect(all.length).toBe(2 * 5 + 3 * 3);
    Template.fromStack(compute).hasResourceProperties('AWS::Events::Rule', { Name: Match.stringLikeRegexp('JobFailedRule') });
    expect(pipeline.ownsAlertTopic).toBe(false);
    expect(formatFindings(nagFindings(app))).toEqual([]);
  });

  test('an imported topic gets a warning naming the statements its owner must add', () => {
    const stack = newStack(new App({ context: AZ_CONTEXT }));
    const topic = sns.Topic.fromTopicArn(stack, 'Imported', 'arn:aws:sns:us-east-1:123456789012:secops');
    pipelineIn(stack, { alertTopic: topic });
    const warnings = Annotations.fromStack(stack).findWarning('/TestStack/Pipeline', Match.stringLikeRegexp('alertTopic is imported'));
    expect(warnings.map((w) => w.entry.data)).toEqual([
      expect.stringContaining('allow events.amazonaws.com to sns:Publish'),
      expect.stringContaining('allow cloudwatch.amazonaws.com to sns:Publish'),
    ]);
  });

  test('no rule target carries a role: SNS targets are authorised by the topic policy', () => {
    const stack = newStack(new App({ context: AZ_CONTEXT }));
    pipelineIn(stack);
    for (const rule of Object.values<any>(Template.fromStack(stack).findResources('AWS::Events::Rule'))) {
      for (const target of rule.Properties.Targets) {
        expect(target.RoleArn).toBeUndefined();
      }
    }
  });
});
