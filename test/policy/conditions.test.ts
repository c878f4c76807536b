import { evaluateConditions, nullCondition, parseOperator } from '../../src/policy/conditions';
import { keyUseContext, keyUseRequest } from '../../src/policy/key-use';
import { allOf, and, anyOf, unknown, UNKNOWN } from '../../src/policy/values';

describe('parseOperator', () => {
  test.each([
    ['StringEquals', { set: undefined, name: 'stringequals', ifExists: false }],
    ['ForAnyValue:StringLike', { set: 'any', name: 'stringlike', ifExists: false }],
    ['ForAllValues:ArnLikeIfExists', { set: 'all', name: 'arnlike', ifExists: true }],
    ['NumericLessThanIfExists', { set: undefined, name: 'numericlessthan', ifExists: true }],
    ['Null', { set: undefined, name: 'null', ifExists: false }],
    // `NullIfExists` is no IAM operator: it parses as a Null with IfExists, which evaluates to no match.
    ['NullIfExists', { set: undefined, name: 'null', ifExists: true }],
  ])('%s', (operator, parsed) => {
    expect(parseOperator(operator)).toEqual(parsed);
  });
});

describe('nullCondition', () => {
  test('true wants the key absent, false present', () => {
    expect(nullCondition(undefined, 'true').result).toBe(true);
    expect(nullCondition(undefined, 'false').result).toBe(false);
    expect(nullCondition('x', 'false').result).toBe(true);
    expect(nullCondition('x', 'true').result).toBe(false);
  });
  test('an empty multivalued key is absent; of several values any may match', () => {
    expect(nullCondition([], 'true').result).toBe(true);
    expect(nullCondition('x', ['true', 'false']).result).toBe(true);
  });
  test('a deploy-time policy value is unknown', () => {
    expect(nullCondition('x', unknown('a token'))).toEqual({ result: UNKNOWN, unknownBecause: 'a token' });
  });
});

describe('evaluateConditions by operator family', () => {
  const context = { 'aws:SourceAccount': '111111111111', 'aws:TagKeys': ['a', 'b'] };
  test.each<[any, boolean | typeof UNKNOWN]>([
    [{ StringEquals: { 'aws:SourceAccount': '111111111111' } }, true],
    [{ StringNotEquals: { 'aws:SourceAccount': '111111111111' } }, false],
    [{ StringNotEquals: { 'aws:Missing': 'x' } }, true],
    [{ StringEqualsIfExists: { 'aws:Missing': 'x' } }, true],
    [{ StringEquals: { 'aws:Missing': 'x' } }, false],
    [{ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['b', 'c'] } }, true],
    [{ 'ForAnyValue:StringEquals': { 'aws:Missing': ['b'] } }, false],
    [{ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a', 'b', 'c'] } }, true],
    [{ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a'] } }, false],
    [{ 'ForAllValues:StringEquals': { 'aws:Missing': ['a'] } }, true],
    [{ 'ForAnyValue:Null': { 'aws:Missing': 'true' } }, false],
    [{ NullIfExists: { 'aws:Missing': 'true' } }, false],
    [{ NoSuchOperator: { 'aws:SourceAccount': 'x' } }, false],
    [{ StringEquals: { 'aws:SourceAccount': unknown('a parameter') } }, UNKNOWN],
  ])('%j', (condition, expected) => {
    expect(evaluateConditions(condition, context).result).toBe(expected);
  });
});

describe('Kleene folds', () => {
  test('anyOf: true wins, then unknown, else false', () => {
    expect(anyOf([false, UNKNOWN, true], (v) => v)).toBe(true);
    expect(anyOf([false, UNKNOWN], (v) => v)).toBe(UNKNOWN);
    expect(anyOf([], (v) => v)).toBe(false);
  });
  test('allOf and and: false wins, then unknown, else true', () => {
    expect(allOf([true, UNKNOWN, false], (v) => v)).toBe(false);
    expect(allOf([true, UNKNOWN], (v) => v)).toBe(UNKNOWN);
    expect(allOf([], (v) => v)).toBe(true);
    expect(and(() => true, () => UNKNOWN)).toBe(UNKNOWN);
    let evaluated = false;
    expect(and(() => false, () => {
      evaluated = true; return true;
    })).toBe(false);
    expect(evaluated).toBe(false);
  });
});

describe('key use', () => {
  test('a role calls through the service; a service principal with its own context', () => {
    expect(keyUseContext({ role: 'arn:aws:iam::1:role/r', account: '1' }, { a: 'b' }, 's3', 'eu-west-1', '1'))
      .toEqual({ 'a': 'b', 'kms:ViaService': 's3.eu-west-1.amazonaws.com', 'kms:CallerAccount': '1' });
    expect(keyUseContext({ service: 'logs.amazonaws.com' }, { a: 'b' }, 'logs', 'eu-west-1', '1')).toEqual({ a: 'b' });
  });
  test('identity policies count for a role only', () => {
    const identity = { identity: [{ name: 'p', document: {} }], unknownPolicies: ['m'] };
    const base = { action: 'kms:Decrypt', keyArn: 'arn:aws:kms:eu-west-1:1:key/k', account: '1', context: {}, identity };
    expect(keyUseRequest({ ...base, principal: { role: 'arn:aws:iam::1:role/r', account: '1' } })).toMatchObject({
      mode: 'kms', resource: base.keyArn, resourceAccount: '1', identityPolicies: identity.identity, unknownIdentityPolicies: ['m'],
    });
    expect(keyUseRequest({ ...base, principal: { service: 'logs.amazonaws.com' } }).identityPolicies).toBeUndefined();
  });
});
