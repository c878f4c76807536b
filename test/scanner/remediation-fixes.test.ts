import * as fs from 'fs';
import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ts from 'typescript';
import { ComplianceScanner, RemediationFix } from '../../src';
import { fixSpec, fixStatements, PARTITION, REMEDIATION_FIX_IDS, REMEDIATION_FIXES, RemediationFixSpec } from '../../src/scanner/remediation/fixes';
import { FIXES } from '../../src/scanner/remediation/remediation.lambda';
import { grantedFixStatements } from '../../src/scanner/remediation/scanner-remediation';
import { ALL_CHECKS } from '../../src/scanner/runtime/checks';
import { newStack } from '../nag-helper';

/**
 * The one table of remediation fixes (src/scanner/remediation/fixes.ts) and the three things that
 * must agree with it: the public `RemediationFix` enum (members and docs), the IAM statements the
 * remediation role is granted, and the handler's dispatch.
 */

const TABLE = REMEDIATION_FIXES as readonly RemediationFixSpec[];

/** The members of `RemediationFix` as written in its source: name, value and doc comment. */
function enumMembers(): { name: string; value: string; doc: string }[] {
  const file = path.join(__dirname, '../../src/scanner/props.ts');
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const decl = source.statements.find((s): s is ts.EnumDeclaration => ts.isEnumDeclaration(s) && s.name.text === 'RemediationFix');
  if (!decl) throw new Error('enum RemediationFix not found in src/scanner/props.ts');
  return decl.members.map((m) => ({
    name: m.name.getText(source),
    value: (m.initializer as ts.StringLiteral).text,
    doc: ts.getJSDocCommentsAndTags(m).map((d) => ts.getTextOfJSDocComment((d as ts.JSDoc).comment) ?? '').join(' ').trim(),
  }));
}

/** The remediation policy's statements of a scanner that applies `fixes`, minus those every remediation has. */
function fixStatementsOf(fixes: RemediationFix[], dryRun = false): any[] {
  const stack = newStack();
  const scanner = new ComplianceScanner(stack, 'Scanner', { remediation: { dryRun, fixes } });
  const roleId = stack.getLogicalId(scanner.remediationRole!.node.defaultChild as any);
  const policy = Object.values(Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy'))
    .find((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))!;
  const base = ['WriteOwnLogs', 'WriteTraces', 'ReadFindingsStream', 'ListFindingsStreams', 'WriteAuditRecords', 'SendToFailureQueue', 'UseKeys'];
  return policy.Properties.PolicyDocument.Statement.filter((s: any) => !base.includes(s.Sid));
}

/** A statement as the template renders it, from the table's plain data. */
function rendered(sid: string, actions: readonly string[], resources: readonly string[]): any {
  const resource = resources.map((r) => (r.includes(PARTITION)
    ? { 'Fn::Join': ['', r.split(PARTITION).flatMap((part, i) => (i === 0 ? [part] : [{ Ref: 'AWS::Partition' }, part])).filter((p) => p !== '')] }
    : r));
  return { Sid: sid, Effect: 'Allow', Action: actions.length === 1 ? actions[0] : [...actions], Resource: resource.length === 1 ? resource[0] : resource };
}

describe('the RemediationFix enum agrees with the fix table', () => {
  const members = enumMembers();

  test('the source parse sees the same members as the compiled enum', () => {
    expect(Object.fromEntries(members.map((m) => [m.name, m.value]))).toEqual({ ...RemediationFix });
  });

  test('every enum member has a table entry, and every table entry an enum member', () => {
    expect(members.map((m) => m.value).sort()).toEqual([...REMEDIATION_FIX_IDS].sort());
    expect(new Set(REMEDIATION_FIX_IDS).size).toBe(REMEDIATION_FIX_IDS.length);
  });

  test.each(enumMembers())('the doc of $name is the table\'s description and names its check', ({ value, doc }) => {
    const spec = fixSpec(value);
    expect(spec).toBeDefined();
    expect(doc).toBe(`${spec!.description} (check \`${value}\`).`);
  });

  test('every fix is the id of a check of the catalog', () => {
    const checks = new Set(ALL_CHECKS.map((c) => c.id));
    for (const id of REMEDIATION_FIX_IDS) expect(checks.has(id)).toBe(true);
  });
});

describe('the IAM statements of a fix are exactly the table\'s', () => {
  test.each(Object.values(RemediationFix))('%s alone', (fix) => {
    const { sid, actions, resources } = fixSpec(fix)!.permission;
    expect(fixStatementsOf([fix])).toEqual([rendered(sid, actions, resources)]);
  });

  test('every fix: one statement per sid, in table order, with the actions of each fix that names it', () => {
    const expected = fixStatements(REMEDIATION_FIX_IDS).map((s) => rendered(s.sid, s.actions, s.resources));
    expect(fixStatementsOf(Object.values(RemediationFix))).toEqual(expected);
    const granted = fixStatementsOf(Object.values(RemediationFix)).flatMap((s) => [s.Action].flat()).sort();
    expect(granted).toEqual(TABLE.flatMap((f) => f.permission.actions).sort());
  });

  test('a dry run grants none of them', () => {
    expect(fixStatementsOf(Object.values(RemediationFix), true)).toEqual([]);
    expect(grantedFixStatements(new Stack(), { dryRun: true, fixes: [...REMEDIATION_FIX_IDS] })).toEqual([]);
  });

  test('fixes that share a sid share its resources and reasons', () => {
    for (const spec of TABLE) {
      for (const other of TABLE.filter((o) => o.permission.sid === spec.permission.sid)) {
        expect(other.permission.resources).toEqual(spec.permission.resources);
        expect(other.permission.scopeReason).toBe(spec.permission.scopeReason);
        expect(other.permission.wildcardWriteReason).toBe(spec.permission.wildcardWriteReason);
      }
    }
  });

  test('a write granted on "*" says why', () => {
    for (const spec of TABLE.filter((f) => f.permission.resources.includes('*'))) {
      expect(spec.permission.wildcardWriteReason).toEqual(expect.stringContaining(spec.permission.actions[0]));
    }
  });
});

describe('fixStatements', () => {
  test('merges fixes with one sid, keeps table order whatever the order asked, fills in the actions of the reason', () => {
    const statements = fixStatements(['ec2-ebs-encryption-by-default', 's3-bucket-kms-encryption', 's3-bucket-public-access-block']);
    expect(statements.map((s) => [s.sid, s.actions])).toEqual([
      ['FixBuckets', ['s3:PutBucketPublicAccessBlock', 's3:PutEncryptionConfiguration']],
      ['FixEbsDefaultEncryption', ['ec2:EnableEbsEncryptionByDefault']],
    ]);
    expect(statements[0].scopeReason).toContain('(s3:PutBucketPublicAccessBlock, s3:PutEncryptionConfiguration)');
    expect(statements[0].wildcardWriteReason).toBeUndefined();
    expect(statements[1].wildcardWriteReason).toContain('ec2:EnableEbsEncryptionByDefault');
  });

  test('ignores ids that are not in the table, and grants nothing for none', () => {
    expect(fixStatements(['not-a-fix'])).toEqual([]);
    expect(fixStatements([])).toEqual([]);
  });

  test('grantedFixStatements fills in the partition', () => {
    const [bucket] = grantedFixStatements(new Stack(), { dryRun: false, fixes: ['s3-bucket-public-access-block'] });
    expect(new Stack().resolve(bucket.toStatementJson().Resource)).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::*']] });
  });
});

describe('the handler\'s dispatch covers exactly the table', () => {
  test('one fix per table entry, none more', () => {
    expect(Object.keys(FIXES).sort()).toEqual([...REMEDIATION_FIX_IDS].sort());
  });

  test.each(TABLE.map((f) => [f.id, f] as const))('%s: the audit action of the table, and a way to apply it', (id, spec) => {
    expect(FIXES[id].action).toBe(spec.auditAction);
    expect(typeof FIXES[id].apply).toBe('function');
  });
});
