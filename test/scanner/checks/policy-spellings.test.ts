/**
 * Every check that reads a policy gives the same verdict for every spelling AWS accepts of the
 * same policy: a scalar or a one-element list, a string or a boolean, statements in any order,
 * condition keys in any case, `Action` or an equivalent `NotAction`, the statement list or a lone
 * statement object. Each base policy is expanded into all combinations of these spellings.
 */
import { inv, statuses } from './helpers';
import { lambdaNoPublicAccess } from '../../../src/scanner/runtime/checks/lambda/no-public-access';
import { s3BucketNoPublicRead } from '../../../src/scanner/runtime/checks/s3/bucket-no-public-read';
import { s3BucketNoPublicWrite } from '../../../src/scanner/runtime/checks/s3/bucket-no-public-write';
import { s3BucketTlsOnly } from '../../../src/scanner/runtime/checks/s3/bucket-tls-only';
import { BucketInfo } from '../../../src/scanner/runtime/model';

type Statement = Record<string, any>;

/** The spellings of one statement: each field that has several forms, in each of its forms. */
function statementSpellings(s: Statement, notActionFor?: string[]): Statement[] {
  let out: Statement[] = [s];
  const expand = (field: string, forms: (v: any) => any[]) => {
    out = out.flatMap((x) => (x[field] === undefined ? [x] : forms(x[field]).map((v) => ({ ...x, [field]: v }))));
  };
  const scalarOrList = (v: any) => (Array.isArray(v) ? (v.length === 1 ? [v, v[0]] : [v]) : [v, [v]]);
  expand('Action', scalarOrList);
  expand('Resource', scalarOrList);
  expand('Principal', (v) => (v === '*' ? ['*', { AWS: '*' }, { AWS: ['*'] }] : [v]));
  expand('Condition', (c) => {
    const forms: any[] = [c];
    const lowerKeys = (block: any) => Object.fromEntries(Object.entries(block).map(([k, v]) => [k.toLowerCase(), v]));
    forms.push(Object.fromEntries(Object.entries(c).map(([op, block]) => [op, lowerKeys(block)])));
    const listValues = (block: any) => Object.fromEntries(Object.entries(block).map(([k, v]) => [k, scalarOrList(v).at(-1)]));
    forms.push(Object.fromEntries(Object.entries(c).map(([op, block]) => [op, listValues(block)])));
    if (JSON.stringify(c).includes('"false"') || JSON.stringify(c).includes('"true"')) {
      forms.push(JSON.parse(JSON.stringify(c).replace(/"(true|false)"/g, '$1')));
    }
    return forms;
  });
  if (notActionFor) {
    // An Action list equivalent to NotAction of everything else in the service.
    out = out.flatMap((x) => [x, ...(x.Action !== undefined && [x.Action].flat().includes('s3:*') ? [{ ...Object.fromEntries(Object.entries(x).filter(([k]) => k !== 'Action')), NotAction: notActionFor }] : [])]);
  }
  return out;
}

/** Every spelling of a policy: each statement's spellings, in every order, as a list or a lone statement. */
function policySpellings(statements: Statement[], notActionFor?: string[]): string[] {
  const perStatement = statements.map((s) => statementSpellings(s, notActionFor));
  let combos: Statement[][] = [[]];
  for (const options of perStatement) {
    combos = combos.flatMap((c) => options.map((o) => [...c, o]));
  }
  const ordered = combos.flatMap((c) => (c.length > 1 ? [c, [...c].reverse()] : [c]));
  return ordered.flatMap((c) => {
    const docs = [JSON.stringify({ Version: '2012-10-17', Statement: c })];
    if (c.length === 1) docs.push(JSON.stringify({ Version: '2012-10-17', Statement: c[0] }));
    return docs;
  });
}

const bucket = (policy: string): BucketInfo => ({
  name: 'b', arn: 'arn:aws:s3:::b', region: 'eu-west-1', policy, publicAccessBlock: null, acl: [], objectOwnership: 'BucketOwnerEnforced',
} as unknown as BucketInfo);

const tlsDeny = { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
const publicGet = { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' };
const vpceGet = { ...publicGet, Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } } };
const tlsGet = { ...publicGet, Condition: { Bool: { 'aws:SecureTransport': 'true' } } };

describe('same policy, any spelling, same verdict', () => {
  test.each<[string, Statement[], Array<[typeof s3BucketTlsOnly, string]>]>([
    ['TLS-only deny', [tlsDeny], [[s3BucketTlsOnly, 'PASS']]],
    ['TLS-only deny beside a public read', [tlsDeny, publicGet], [[s3BucketTlsOnly, 'PASS'], [s3BucketNoPublicRead, 'FAIL']]],
    ['public read pinned to an endpoint', [vpceGet], [[s3BucketNoPublicRead, 'PASS'], [s3BucketTlsOnly, 'FAIL']]],
    ['public read with only a TLS condition', [tlsGet], [[s3BucketNoPublicRead, 'FAIL'], [s3BucketNoPublicWrite, 'PASS']]],
  ])('%s', (_name, statements, expectations) => {
    const spellings = policySpellings(statements);
    expect(spellings.length).toBeGreaterThan(4);
    for (const [check, verdict] of expectations) {
      const verdicts = spellings.map((p) => `${statuses(check, inv({ s3AccountPublicAccessBlock: null, s3Buckets: [bucket(p)] }))[0]} ${p}`);
      expect(verdicts.filter((v) => !v.startsWith(verdict))).toEqual([]);
    }
  });

  test('Lambda function policies', () => {
    const open = { Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda:eu-west-1:123456789012:function:f' };
    const pinned = { ...open, Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::my-bucket' } } };
    for (const [statements, verdict] of [[[open], 'FAIL'], [[pinned], 'PASS']] as Array<[Statement[], string]>) {
      const spellings = policySpellings(statements);
      const verdicts = spellings.map((p) => `${statuses(lambdaNoPublicAccess, inv({ lambdaFunctions: [{ functionName: 'f', arn: 'arn:aws:lambda:eu-west-1:123456789012:function:f', runtime: 'nodejs22.x', policy: p }] }))[0]} ${p}`);
      expect(verdicts.filter((v) => !v.startsWith(verdict))).toEqual([]);
    }
  });
});
