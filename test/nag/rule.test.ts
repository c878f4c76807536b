import { App, CfnResource } from 'aws-cdk-lib';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { CompliancePack } from '../../src';
import { bodiesByType, defineRule } from '../../src/nag/private/rule';
import { ALL_RULES } from '../../src/nag/rules';
import { newStack } from '../nag-helper';

describe('defineRule and bodiesByType', () => {
  const rule = defineRule({
    name: 'ExampleRule',
    level: NagMessageLevel.WARN,
    info: 'i',
    explanation: 'e',
    ...bodiesByType({
      'AWS::SQS::Queue': (_node, props) => (props.QueueName === 'ok' ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT),
      'AWS::SNS::Topic': () => ['finding'],
    }),
  });

  test('lists the types in the order of the bodies and names the check after the rule', () => {
    expect(rule.resourceTypes).toEqual(['AWS::SQS::Queue', 'AWS::SNS::Topic']);
    expect(rule.evaluate.name).toBe('ExampleRule');
  });

  test('judges each type with its own body, and other types as not applicable', () => {
    const stack = newStack(new App());
    const queue = new CfnResource(stack, 'Queue', { type: 'AWS::SQS::Queue', properties: { QueueName: 'ok' } });
    const other = new CfnResource(stack, 'Other', { type: 'AWS::SQS::Queue', properties: { QueueName: 'no' } });
    const topic = new CfnResource(stack, 'Topic', { type: 'AWS::SNS::Topic' });
    const bucket = new CfnResource(stack, 'Bucket', { type: 'AWS::S3::Bucket' });
    expect(rule.evaluate(queue)).toBe(NagRuleCompliance.COMPLIANT);
    expect(rule.evaluate(other)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(rule.evaluate(topic)).toEqual(['finding']);
    expect(rule.evaluate(bucket)).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });
});

test('ruleCatalog describes each built-in rule with its own fields', () => {
  const catalog = CompliancePack.ruleCatalog();
  expect(catalog.map((r) => r.name)).toEqual(ALL_RULES.map((r) => r.name));
  for (const [info, rule] of catalog.map((c, i) => [c, ALL_RULES[i]] as const)) {
    expect(info).toMatchObject({ id: `CompliancePack-${rule.name}`, level: rule.level, resourceTypes: rule.resourceTypes, info: rule.info, explanation: rule.explanation, seed: '' });
    expect(info.resourceTypes).not.toBe(rule.resourceTypes);
  }
});
