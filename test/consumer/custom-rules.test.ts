/**
 * A rule of one's own, or a level override, built without a required field (from JavaScript, or
 * from Python with plain class attributes, which jsii does not pass on) is refused naming the field.
 */
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { CompliancePack, ICompliancePackRule } from '../../src';

const complete = {
  name: 'TopicNamed',
  level: NagMessageLevel.ERROR,
  info: 'The topic has no explicit name.',
  explanation: 'Alert routing matches topics by name.',
  resourceTypes: ['AWS::SNS::Topic'],
  evaluate: () => NagRuleCompliance.COMPLIANT,
};

describe('CompliancePack names a missing field of a rule of its own', () => {
  test.each<[string, Partial<ICompliancePackRule>, RegExp]>([
    ['no resourceTypes (a Python class attribute)', { ...complete, resourceTypes: undefined }, /invalid additionalRules\[0\] \(TopicNamed\): resourceTypes is missing\..*@property/s],
    ['no name', { ...complete, name: undefined }, /invalid additionalRules\[0\]: name is missing/],
    ['a level that is not a NagMessageLevel', { ...complete, level: 'fatal' as any }, /level is "fatal", not a NagMessageLevel/],
    ['no evaluate', { ...complete, evaluate: undefined }, /evaluate is missing/],
    ['every field missing', {}, /name is missing; level is missing; info is missing; explanation is missing; resourceTypes is missing; evaluate is missing/],
  ])('%s', (_name, rule, message) => {
    expect(() => new CompliancePack(undefined, { additionalRules: [rule as ICompliancePackRule] })).toThrow(message);
  });

  test('a complete rule is accepted', () => {
    expect(() => new CompliancePack(undefined, { additionalRules: [complete] })).not.toThrow();
  });

  test.each<[string, any, RegExp]>([
    ['no rule', { level: NagMessageLevel.ERROR }, /invalid ruleLevels\[0\]\.rule: missing/],
    ['no level', { rule: 'S3AccessLogging' }, /invalid ruleLevels\[0\]\.level: missing/],
  ])('ruleLevels with %s', (_name, entry, message) => {
    expect(() => new CompliancePack(undefined, { ruleLevels: [entry] })).toThrow(message);
  });
});
