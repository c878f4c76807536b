import { daysAgo, inv, only, statuses } from './helpers';
import { iamAccessKeyRotation } from '../../../src/scanner/runtime/checks/iam/access-key-rotation';
import { iamConsoleUserMfa } from '../../../src/scanner/runtime/checks/iam/console-user-mfa';
import { iamNoAdminStarPolicy } from '../../../src/scanner/runtime/checks/iam/no-admin-star-policy';
import { iamPasswordPolicyLength } from '../../../src/scanner/runtime/checks/iam/password-policy-length';
import { iamPasswordPolicyReuse } from '../../../src/scanner/runtime/checks/iam/password-policy-reuse';
import { iamPasswordPolicyStrong } from '../../../src/scanner/runtime/checks/iam/password-policy-strong';
import { iamRootMfa } from '../../../src/scanner/runtime/checks/iam/root-mfa';
import { iamRootNoAccessKeys } from '../../../src/scanner/runtime/checks/iam/root-no-access-keys';
import { iamUnusedCredentials } from '../../../src/scanner/runtime/checks/iam/unused-credentials';
import { iamUserNoDirectPolicies } from '../../../src/scanner/runtime/checks/iam/user-no-direct-policies';
import { CredentialReportRow, PasswordPolicyInfo } from '../../../src/scanner/runtime/model';

function row(user: string, extra: Partial<CredentialReportRow> = {}): CredentialReportRow {
  return {
    user,
    arn: `arn:aws:iam::123456789012:user/${user}`,
    passwordEnabled: false,
    mfaActive: false,
    accessKey1Active: false,
    accessKey2Active: false,
    ...extra,
  };
}
const root = row('<root_account>', { arn: 'arn:aws:iam::123456789012:root', passwordEnabled: true });

describe('IAM checks', () => {
  test('root access keys and MFA from the account summary', () => {
    const good = inv({ region: 'global', accountSummary: { accountMfaEnabled: true, accountAccessKeysPresent: false } });
    const bad = inv({ region: 'global', accountSummary: { accountMfaEnabled: false, accountAccessKeysPresent: true } });
    expect([only(iamRootNoAccessKeys, good).status, only(iamRootNoAccessKeys, bad).status]).toEqual(['PASS', 'FAIL']);
    expect([only(iamRootMfa, good).status, only(iamRootMfa, bad).status]).toEqual(['PASS', 'FAIL']);
    expect(only(iamRootMfa, good).resourceId).toBe('arn:aws:iam::123456789012:root');
    expect(iamRootMfa.evaluate(inv())).toEqual([]);
    expect(iamRootNoAccessKeys.evaluate(inv())).toEqual([]);
  });

  test('console users without MFA fail; users without password are not applicable; root row skipped', () => {
    const i = inv({ credentialReport: [root, row('a', { passwordEnabled: true }), row('b', { passwordEnabled: true, mfaActive: true }), row('c')] });
    expect(statuses(iamConsoleUserMfa, i)).toEqual(['FAIL', 'PASS', 'NOT_APPLICABLE']);
  });

  test('access keys older than 90 days fail, boundary 90 passes, inactive keys ignored', () => {
    const i = inv({
      credentialReport: [
        row('old', { accessKey1Active: true, accessKey1LastRotated: daysAgo(91) }),
        row('edge', { accessKey1Active: true, accessKey1LastRotated: daysAgo(90) }),
        row('second', { accessKey1Active: true, accessKey1LastRotated: daysAgo(1), accessKey2Active: true, accessKey2LastRotated: daysAgo(200) }),
        row('inactive', { accessKey1Active: false, accessKey1LastRotated: daysAgo(400) }),
      ],
    });
    const r = iamAccessKeyRotation.evaluate(i);
    expect(r.map((x) => x.status)).toEqual(['FAIL', 'PASS', 'FAIL', 'NOT_APPLICABLE']);
    expect(r[2].reason).toContain('key 2 is 200 days old');
  });

  test('credentials unused for 45 days fail; never-used counts from creation', () => {
    const i = inv({
      credentialReport: [
        row('stale-pw', { passwordEnabled: true, passwordLastUsed: daysAgo(46) }),
        row('fresh-pw', { passwordEnabled: true, passwordLastUsed: daysAgo(3) }),
        row('never-used-key', { accessKey1Active: true, accessKey1LastRotated: daysAgo(100) }),
        row('new-key', { accessKey1Active: true, accessKey1LastRotated: daysAgo(10) }),
        row('nothing'),
      ],
    });
    expect(statuses(iamUnusedCredentials, i)).toEqual(['FAIL', 'PASS', 'FAIL', 'PASS', 'NOT_APPLICABLE']);
  });

  test('*:* customer managed policies that are attached fail', () => {
    const doc = (s: object) => JSON.stringify({ Version: '2012-10-17', Statement: [s] });
    const p = (name: string, document: string, extra = {}) => ({ arn: `arn:aws:iam::123456789012:policy/${name}`, name, awsManaged: false, attachmentCount: 1, document, ...extra });
    const i = inv({
      authorizationDetails: {
        users: [],
        policies: [
          p('admin', doc({ Effect: 'Allow', Action: '*', Resource: '*' })),
          p('admin-list', doc({ Effect: 'Allow', Action: ['s3:GetObject', '*'], Resource: ['*'] })),
          p('scoped', doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' })),
          p('aws', doc({ Effect: 'Allow', Action: '*', Resource: '*' }), { awsManaged: true }),
          p('detached', doc({ Effect: 'Allow', Action: '*', Resource: '*' }), { attachmentCount: 0 }),
        ],
      },
    });
    expect(statuses(iamNoAdminStarPolicy, i)).toEqual(['FAIL', 'FAIL', 'PASS', 'NOT_APPLICABLE', 'NOT_APPLICABLE']);
  });

  test('users with directly attached or inline policies fail', () => {
    const u = (userName: string, attachedPolicyArns: string[], inlinePolicyNames: string[]) => ({ userName, arn: `arn:aws:iam::123456789012:user/${userName}`, attachedPolicyArns, inlinePolicyNames });
    const i = inv({ authorizationDetails: { users: [u('a', ['arn:p'], []), u('b', [], ['inline']), u('c', [], [])], policies: [] } });
    expect(statuses(iamUserNoDirectPolicies, i)).toEqual(['FAIL', 'FAIL', 'PASS']);
    expect(iamUserNoDirectPolicies.evaluate(inv())).toEqual([]);
  });

  test('password policy: strong passes, weak fails, missing fails, not collected not applicable', () => {
    const strong: PasswordPolicyInfo = {
      minimumPasswordLength: 14,
      requireSymbols: true,
      requireNumbers: true,
      requireUppercaseCharacters: true,
      requireLowercaseCharacters: true,
      passwordReusePrevention: 24,
    };
    const weak: PasswordPolicyInfo = {
      minimumPasswordLength: 8,
      requireSymbols: false,
      requireNumbers: true,
      requireUppercaseCharacters: true,
      requireLowercaseCharacters: true,
      passwordReusePrevention: 5,
    };
    for (const c of [iamPasswordPolicyLength, iamPasswordPolicyReuse, iamPasswordPolicyStrong]) {
      expect(only(c, inv({ passwordPolicy: strong })).status).toBe('PASS');
      expect(only(c, inv({ passwordPolicy: weak })).status).toBe('FAIL');
      expect(only(c, inv({ passwordPolicy: null })).status).toBe('FAIL');
      expect(c.evaluate(inv())).toEqual([]);
    }
    expect(only(iamPasswordPolicyLength, inv({ passwordPolicy: weak })).reason).toContain('8');
  });
});
