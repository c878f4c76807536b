import { ComplianceControls, CompliancePack, NagControl } from '../../src';
import { CONTROLS, controlById, controlForCheck, controlForRule } from '../../src/controls';
import { ALL_RULES } from '../../src/nag/rules';
import { ALL_CHECKS } from '../../src/scanner/runtime/checks';

describe('controls catalog', () => {
  test('ids are unique and readable: FSBP ids where FSBP has the control, else <Service>.<What>', () => {
    const ids = CONTROLS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of CONTROLS) {
      expect(c.id).toMatch(/^[A-Z][A-Za-z0-9]*\.([0-9]+|[A-Z][A-Za-z0-9]+)$/);
      if (/\.[0-9]+$/.test(c.id)) {
        expect(c.frameworks.fsbp).toContain(c.id);
      }
      expect(c.title.length).toBeGreaterThan(10);
    }
  });

  test('every CompliancePack rule resolves to exactly one entry, and every rule an entry names exists', () => {
    const names = new Set(ALL_RULES.map((r) => r.name));
    for (const rule of ALL_RULES) {
      expect(CONTROLS.filter((c) => c.packRules.includes(rule.name)).map((c) => c.id)).toHaveLength(1);
    }
    for (const c of CONTROLS) {
      for (const r of c.packRules) {
        expect(names.has(r)).toBe(true);
      }
    }
  });

  test('every scanner check resolves to exactly one entry, and takes its FSBP and CIS ids from it', () => {
    const ids = new Set(ALL_CHECKS.map((c) => c.id));
    for (const check of ALL_CHECKS) {
      const entries = CONTROLS.filter((c) => c.scannerChecks.some((k) => k.id === check.id));
      expect(entries).toHaveLength(1);
      expect(check.controlId).toBe(entries[0].id);
      expect(check.fsbp).toEqual(entries[0].frameworks.fsbp);
      expect(check.cis).toEqual(entries[0].frameworks.cis);
      expect(check.severity).toBe(entries[0].severity);
    }
    for (const c of CONTROLS) {
      for (const k of c.scannerChecks) {
        expect(ids.has(k.id)).toBe(true);
        expect(k.compliantWhen.length).toBeGreaterThan(20);
      }
    }
  });

  test('every control a construct enforces has a scanner check that verifies it in the account', () => {
    const unverified = CONTROLS.filter((c) => c.enforcedBy.length > 0 && c.scannerChecks.length === 0).map((c) => c.id);
    expect(unverified).toEqual([]);
  });

  test('NagControl is the catalog\'s: each names its entry and the entry\'s finding ids', () => {
    for (const control of NagControl.all()) {
      const entry = controlById(control.controlId)!;
      expect(entry.nagControl).toBe(control.name);
      expect(control.findingIds).toEqual([...entry.stockNagRules, ...entry.packRules.map((r) => `CompliancePack-${r}`)]);
      expect(control.description).toBe(entry.title);
    }
    expect(NagControl.all()).toHaveLength(CONTROLS.filter((c) => c.nagControl).length);
  });

  test('lookups by id, rule (name or finding id) and check', () => {
    expect(controlForRule('S3TlsOnlyPolicy')?.id).toBe('S3.5');
    expect(controlForRule('CompliancePack-S3TlsOnlyPolicy')?.id).toBe('S3.5');
    expect(controlForRule('CompliancePack-IamWriteOnWildcardResource[Action::s3:PutObject]')?.id).toBe('IAM.NoWriteOnWildcardResource');
    expect(controlForCheck('s3-bucket-tls-only')?.id).toBe('S3.5');
    expect(controlForCheck('no-such-check')).toBeUndefined();

    const tls = ComplianceControls.byId('S3.5')!;
    expect(tls.frameworks.fsbp).toEqual(['S3.5']);
    expect(tls.frameworks.pciDss40).toEqual(['4.2.1']);
    expect(tls.compliancePackRules).toEqual(['CompliancePack-S3TlsOnlyPolicy']);
    expect(tls.scannerChecks).toEqual(['s3-bucket-tls-only']);
    expect(tls.enforcedBy).toEqual([{ construct: 'ComplianceBucket' }]);
    expect(ComplianceControls.forCompliancePackRule('CompliancePack-S3TlsOnlyPolicy')?.id).toBe('S3.5');
    expect(ComplianceControls.forScannerCheck('lambda-supported-runtime')?.id).toBe('Lambda.2');
    expect(ComplianceControls.byId('nope')).toBeUndefined();
    expect(ComplianceControls.all().map((c) => c.id)).toEqual(CONTROLS.map((c) => c.id));
  });

  test('CompliancePack.ruleCatalog carries the control id and framework mappings of each rule', () => {
    const lambda = CompliancePack.ruleCatalog().find((r) => r.name === 'LambdaDeprecatedRuntime')!;
    expect(lambda.controlId).toBe('Lambda.2');
    expect(lambda.control).toBe('FSBP Lambda.2');
    expect(lambda.frameworks?.fsbp).toEqual(['Lambda.2']);
    const imds = CompliancePack.ruleCatalog().find((r) => r.name === 'BatchEc2Imdsv2')!;
    expect(imds.control).toBe('FSBP EC2.8 / EC2.170');
  });
});
