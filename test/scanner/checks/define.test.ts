import { inv } from './helpers';
import { definePathCheck, defineResourceCheck, ResourceKind, verdictResult } from '../../../src/scanner/runtime/checks/define';
import { definePasswordPolicyCheck, defineRootCheck } from '../../../src/scanner/runtime/checks/iam/account-settings';
import { lambdaDestinationAuthorized } from '../../../src/scanner/runtime/checks/lambda/destination-authorized';
import { BUCKETS, TRAILS } from '../../../src/scanner/runtime/checks/resource-kinds';
import { notApplicable, TrailInfo } from '../../../src/scanner/runtime/model';
import { PathBuilder } from '../../../src/scanner/runtime/paths/builders';

const trail = (name: string, homeRegion: string, extra: Partial<TrailInfo> = {}): TrailInfo => ({
  name, arn: `arn:aws:cloudtrail:${homeRegion}:123456789012:trail/${name}`, homeRegion, isMultiRegionTrail: true, logFileValidationEnabled: true, ...extra,
} as TrailInfo);

const SPEC = { id: 'cloudtrail-log-validation', title: 't', severity: 'LOW' as const, remediation: 'r' };

describe('defineResourceCheck', () => {
  test('the kind\'s metadata, widened by the check\'s; one result per resource; a verdict becomes PASS or FAIL', () => {
    const check = defineResourceCheck(TRAILS, { ...SPEC, requiredActions: ['cloudtrail:DescribeTrails', 'cloudtrail:GetTrailStatus'] },
      (t) => ({ ok: !!t.logFileValidationEnabled, reason: `validation ${t.logFileValidationEnabled}` }));
    expect(check).toMatchObject({ category: 'cloudtrail', resourceType: 'AWS::CloudTrail::Trail', datasets: ['cloudtrail.trails'], scope: 'regional', controlId: expect.any(String) });
    expect(check.requiredActions).toEqual(['cloudtrail:DescribeTrails', 'cloudtrail:GetTrailStatus']);
    const results = check.evaluate(inv({ trails: [trail('a', 'eu-west-1'), trail('b', 'eu-west-1', { logFileValidationEnabled: false }), trail('c', 'us-east-1')] }));
    expect(results.map((r) => [r.resourceId.split('/').pop(), r.status, r.reason])).toEqual([
      ['a', 'PASS', 'validation true'],
      ['b', 'FAIL', 'validation false'],
      // the kind's own rule: a trail of another home Region is judged there
      ['c', 'NOT_APPLICABLE', 'evaluated in its home region us-east-1'],
    ]);
    expect(check.evaluate(inv({}))).toEqual([]);
  });

  test('a result of the judge\'s own is kept; the kind names the Region of a global listing', () => {
    const kind: ResourceKind<{ name: string }> = { meta: BUCKETS.meta, list: () => [{ name: 'x' }], id: (r) => `arn:aws:s3:::${r.name}`, region: () => 'eu-central-1' };
    const check = defineResourceCheck(kind, { ...SPEC, id: 's3-bucket-versioning' }, (_r, id) => notApplicable(id, 'mine'));
    expect(check.evaluate(inv({}))).toEqual([{ resourceId: 'arn:aws:s3:::x', status: 'NOT_APPLICABLE', reason: 'mine' }]);
    const pass = defineResourceCheck(kind, { ...SPEC, id: 's3-bucket-versioning' }, () => ({ ok: true, reason: 'fine' }));
    expect(pass.evaluate(inv({}))).toEqual([verdictResult('arn:aws:s3:::x', { ok: true, reason: 'fine' }, 'eu-central-1')]);
    expect(pass.evaluate(inv({}))[0].region).toBe('eu-central-1');
  });
});

describe('definePathCheck', () => {
  const ROLE_META = { id: 'iam-role-trust-authorized', category: 'iam' as const, resourceType: 'AWS::IAM::Role' };
  const builder: PathBuilder = {
    family: 'role-trust',
    datasets: ['iam.authorizationDetails'],
    requiredActions: ['iam:GetAccountAuthorizationDetails'],
    build(live) {
      live.undecided('role-trust', 'arn:judged', 'resource', 'role r', 'sts:AssumeRole', 'not read');
      return ['arn:judged', 'arn:no-path'];
    },
  };

  test('the builder\'s actions and datasets unless given; paths reported, then the results of resources without one', () => {
    const check = definePathCheck({ ...SPEC, ...ROLE_META }, builder, (_inv, withResult, judged) =>
      judged.filter((a) => !withResult.has(a)).map((a) => notApplicable(a, 'no path')));
    expect(check).toMatchObject({ requiredActions: ['iam:GetAccountAuthorizationDetails'], datasets: ['iam.authorizationDetails'], scope: 'regional' });
    expect(check.evaluate(inv({})).map((r) => [r.resourceId, r.status])).toEqual([['arn:judged', 'ERROR'], ['arn:no-path', 'NOT_APPLICABLE']]);
    const plain = definePathCheck({ ...SPEC, ...ROLE_META, datasets: [], scope: 'global' }, builder);
    expect(plain).toMatchObject({ datasets: [], scope: 'global' });
    expect(plain.evaluate(inv({})).map((r) => r.resourceId)).toEqual(['arn:judged']);
  });
});

describe('account settings', () => {
  const spec = { id: 'iam-password-policy-length', title: 't', severity: 'MEDIUM' as const, remediation: 'r' };
  const length = definePasswordPolicyCheck(spec, (p) => ({ ok: p.minimumPasswordLength >= 14, reason: `length ${p.minimumPasswordLength}` }));

  test('the password policy: not read gives nothing, none fails, else the verdict', () => {
    expect(length).toMatchObject({ category: 'iam', resourceType: 'AWS::::Account', requiredActions: ['iam:GetAccountPasswordPolicy'], datasets: ['iam.passwordPolicy'], scope: 'global' });
    expect(length.evaluate(inv({}))).toEqual([]);
    expect(length.evaluate(inv({ passwordPolicy: null }))).toEqual([
      { resourceId: 'arn:aws:iam::123456789012:account-password-policy', status: 'FAIL', reason: 'no account password policy (AWS defaults apply)' },
    ]);
    expect(length.evaluate(inv({ passwordPolicy: { minimumPasswordLength: 14 } as any }))[0]).toMatchObject({ status: 'PASS', reason: 'length 14' });
  });

  test('the root user: judged from the account summary, nothing when it was not read', () => {
    const mfa = defineRootCheck({ ...spec, id: 'iam-root-mfa' }, (s) => ({ ok: s.accountMfaEnabled, reason: 'mfa' }));
    expect(mfa).toMatchObject({ requiredActions: ['iam:GetAccountSummary'], datasets: ['iam.accountSummary'] });
    expect(mfa.evaluate(inv({}))).toEqual([]);
    expect(mfa.evaluate(inv({ accountSummary: { accountMfaEnabled: false, accountAccessKeysPresent: false } as any }))).toEqual([
      { resourceId: 'arn:aws:iam::123456789012:root', status: 'FAIL', reason: 'mfa' },
    ]);
  });
});

describe('lambda-destination-authorized', () => {
  test('a function whose only destination is of another account is not applicable, saying so', () => {
    const results = lambdaDestinationAuthorized.evaluate(inv({
      lambdaFunctions: [{
        functionName: 'f',
        arn: 'arn:aws:lambda:eu-west-1:123456789012:function:f',
        role: 'arn:aws:iam::123456789012:role/r',
        policy: null,
        deadLetterTargetArn: 'arn:aws:sqs:eu-west-1:999999999999:q',
        invokeDestinations: [],
      }],
      authorizationDetails: { users: [], policies: [], roles: [] },
      sqsQueues: [],
      snsTopics: [],
      kmsKeys: [],
    }));
    expect(results).toEqual([expect.objectContaining({ status: 'NOT_APPLICABLE', reason: expect.stringContaining('other accounts or Regions') })]);
  });
});
