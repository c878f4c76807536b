import { CONTROLS } from '../../src/controls';
import { ASFF_MAX_REQUIREMENTS, asffRequirementsOf, requirementsOf } from '../../src/scanner/runtime/control-id';

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i + 1}`);

jest.mock('../../src/controls', () => {
  const actual = jest.requireActual('../../src/controls');
  return {
    ...actual,
    controlForCheck: (checkId: string) => (checkId === 'many-requirements'
      ? {
        id: 'X.1',
        frameworks: {
          fsbp: ['X.1'], cis: ['1.1'], nist80053r5: ids('AC', 26), pciDss321: ids('P', 4), pciDss40: ids('Q', 3), hipaa: ids('164.312(a)', 8),
        },
      }
      : actual.controlForCheck(checkId)),
  };
});

describe('requirements of a finding', () => {
  const many = { checkId: 'many-requirements', fsbp: [], cis: [] };

  test('spelled as Security Hub spells RelatedRequirements', () => {
    const s3 = CONTROLS.find((c) => c.id === 'S3.5')!;
    const check = { checkId: s3.scannerChecks[0].id, fsbp: [], cis: [] };
    const got = requirementsOf(check);
    expect(got).toContain('FSBP S3.5');
    for (const id of s3.frameworks.nist80053r5) expect(got).toContain(`NIST.800-53.r5 ${id}`);
    for (const id of s3.frameworks.pciDss321) expect(got).toContain(`PCI DSS v3.2.1/${id}`);
    for (const id of s3.frameworks.pciDss40) expect(got).toContain(`PCI DSS v4.0.1/${id}`);
  });

  test('OCSF gets every requirement; ASFF at most 32, NIST cut last and every framework still named', () => {
    expect(requirementsOf(many)).toHaveLength(1 + 1 + 26 + 4 + 3 + 8);
    const asff = asffRequirementsOf(many);
    expect(asff).toHaveLength(ASFF_MAX_REQUIREMENTS);
    for (const prefix of ['FSBP ', 'CIS AWS Foundations Benchmark v3.0.0/', 'NIST.800-53.r5 ', 'PCI DSS v3.2.1/', 'PCI DSS v4.0.1/', 'HIPAA ']) {
      expect(asff.some((r) => r.startsWith(prefix))).toBe(true);
    }
    // The small frameworks whole; NIST gets the rest.
    expect(asff.filter((r) => r.startsWith('PCI DSS v3.2.1/'))).toHaveLength(4);
    expect(asff.filter((r) => r.startsWith('HIPAA '))).toHaveLength(8);
    expect(asff.filter((r) => r.startsWith('NIST.800-53.r5 '))).toHaveLength(32 - 1 - 1 - 4 - 3 - 8);
    // In the order of requirementsOf.
    expect(asff).toEqual(requirementsOf(many).filter((r) => asff.includes(r)));
  });

  test('a control within the limit is passed through unchanged', () => {
    const s3 = CONTROLS.find((c) => c.id === 'S3.5')!;
    const check = { checkId: s3.scannerChecks[0].id, fsbp: [], cis: [] };
    expect(asffRequirementsOf(check)).toEqual(requirementsOf(check));
  });
});
