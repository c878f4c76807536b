import { inv, only } from './helpers';
import { iamAccessAnalyzerEnabled } from '../../../src/scanner/runtime/checks/iam/access-analyzer-enabled';
import { AnalyzerInfo } from '../../../src/scanner/runtime/model';

const analyzer = (name: string, type: string, status: string): AnalyzerInfo => ({ name, type, status, arn: `arn:aws:access-analyzer:eu-west-1:123456789012:analyzer/${name}` });

describe('iam-access-analyzer-enabled', () => {
  test('an active ACCOUNT or ORGANIZATION analyzer passes, named in the reason', () => {
    const r = only(iamAccessAnalyzerEnabled, inv({ accessAnalyzers: [analyzer('unused', 'ACCOUNT_UNUSED_ACCESS', 'ACTIVE'), analyzer('org', 'ORGANIZATION', 'ACTIVE')] }));
    expect(r).toMatchObject({ status: 'PASS', reason: 'external access analyzer org (ORGANIZATION) active', resourceId: 'arn:aws:access-analyzer:eu-west-1:123456789012:external-access-analyzer' });
    expect(only(iamAccessAnalyzerEnabled, inv({ accessAnalyzers: [analyzer('a', 'ACCOUNT', 'ACTIVE')] })).status).toBe('PASS');
  });

  test('only inactive external access analyzers, only other types, or none FAIL', () => {
    const disabled = only(iamAccessAnalyzerEnabled, inv({ accessAnalyzers: [analyzer('a', 'ACCOUNT', 'DISABLED'), analyzer('b', 'ORGANIZATION', 'FAILED')] }));
    expect(disabled).toMatchObject({ status: 'FAIL', reason: 'no external access analyzer is ACTIVE: a DISABLED, b FAILED' });
    expect(only(iamAccessAnalyzerEnabled, inv({ accessAnalyzers: [analyzer('u', 'ACCOUNT_UNUSED_ACCESS', 'ACTIVE')] })).reason).toBe('no external access analyzer in the region');
    expect(only(iamAccessAnalyzerEnabled, inv({ accessAnalyzers: [] })).status).toBe('FAIL');
  });

  test('not collected: no result here (the engine reports the region ERROR)', () => {
    expect(iamAccessAnalyzerEnabled.evaluate(inv())).toEqual([]);
  });
});
