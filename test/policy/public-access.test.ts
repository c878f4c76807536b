import { isPublicStatement, pinningCondition } from '../../src/policy/public-access';

const allow = (condition?: object, principal: unknown = '*') => ({ Effect: 'Allow', Principal: principal, Action: 's3:GetObject', Resource: '*', ...(condition ? { Condition: condition } : {}) });

describe('the meaning of public (S3 User Guide): a statement for everyone is public unless a fixed value of a listed key pins the caller', () => {
  test.each<[string, object | undefined, boolean]>([
    ['no condition', undefined, true],
    ['only aws:SecureTransport', { Bool: { 'aws:SecureTransport': 'true' } }, true],
    ['only lambda:FunctionUrlAuthType NONE', { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } }, true],
    ['a fixed aws:SourceVpce', { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c' } }, false],
    ['a fixed aws:SourceVpce, spelled as a list', { StringEquals: { 'aws:SourceVpce': ['vpce-1a2b3c', 'vpce-4d5e6f'] } }, false],
    ['a fixed aws:SourceArn under ArnLike', { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::my-bucket' } }, false],
    ['aws:SourceArn with a wildcard', { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::*' } }, true],
    ['aws:SourceAccount with a policy variable', { StringEquals: { 'aws:SourceAccount': '${aws:PrincipalAccount}' } }, true],
    ['a fixed aws:PrincipalOrgID', { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } }, false],
    ['a fixed aws:PrincipalAccount, key in another case', { StringEquals: { 'AWS:PrincipalAccount': '123456789012' } }, false],
    ['aws:SourceAccount under a negated operator', { StringNotEquals: { 'aws:SourceAccount': '123456789012' } }, true],
    ['aws:SourceAccount under ...IfExists (passes when absent)', { StringEqualsIfExists: { 'aws:SourceAccount': '123456789012' } }, true],
    ['a CIDR set in aws:SourceIp', { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '198.51.100.7'] } }, false],
    ['aws:SourceIp of the whole internet', { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }, true],
    ['aws:SourceIp under NotIpAddress', { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, true],
    ['a role\'s sessions in aws:userid (AROLEID:*)', { StringLike: { 'aws:userid': 'AROAEXAMPLEID:*' } }, false],
    ['any user id (aws:userid *)', { StringLike: { 'aws:userid': '*' } }, true],
    ['a tag condition', { StringEquals: { 'aws:ResourceTag/team': 'secops' } }, true],
    ['a fixed key beside a non-pinning one', { Bool: { 'aws:SecureTransport': 'true' }, StringEquals: { 'aws:SourceAccount': '123456789012' } }, false],
  ])('%s', (_name, condition, expected) => {
    expect(isPublicStatement(allow(condition))).toBe(expected);
  });

  test('principals: * and {"AWS": "*"} (alone or in a list) are everyone; a named principal or a Deny is not public; NotPrincipal allows everyone else', () => {
    expect(isPublicStatement(allow(undefined, { AWS: '*' }))).toBe(true);
    expect(isPublicStatement(allow(undefined, { AWS: ['arn:aws:iam::111122223333:root', '*'] }))).toBe(true);
    expect(isPublicStatement(allow(undefined, { AWS: 'arn:aws:iam::111122223333:root' }))).toBe(false);
    expect(isPublicStatement(allow(undefined, { Service: 'logging.s3.amazonaws.com' }))).toBe(false);
    expect(isPublicStatement({ ...allow(), Effect: 'Deny' })).toBe(false);
    expect(isPublicStatement({ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: '*' })).toBe(true);
  });

  test('the pinning entry is named', () => {
    expect(pinningCondition({ StringEquals: { 'aws:SourceVpce': 'vpce-1' } })).toBe('StringEquals aws:SourceVpce');
    expect(pinningCondition({ 'ForAnyValue:StringEquals': { 'aws:PrincipalOrgID': ['o-1'] } })).toBe('ForAnyValue:StringEquals aws:PrincipalOrgID');
  });
});
