import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ALL_CHECKS } from '../../src/scanner/runtime/checks';
import { parseCommandLine, validateOptions } from '../../src/scanner/runtime/cli';

function values(argv: string[]) {
  const parsed = parseCommandLine(argv);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.values;
}

describe('cdk-compliance-scan arguments', () => {
  test('parseCommandLine: values joined to their options, defaults filled; unknown or valueless options are its usage error', () => {
    expect(values(['--deadline', '-5', '--quiet'])).toMatchObject({ 'deadline': '-5', 'quiet': true, 'fail-on': 'high', 'security-hub': false });
    const missing = parseCommandLine(['--out']);
    expect('error' in missing && missing.error).toMatch(/^invalid --out: no value given\. Must be a file name\nUsage:/);
    const unknown = parseCommandLine(['--nope']);
    expect('error' in unknown && unknown.error).toMatch(/--nope[\s\S]*Usage:/);
  });

  test('validateOptions: the options a scan runs with', () => {
    const check = ALL_CHECKS[0].id;
    const out = validateOptions(values(['--regions', 'eu-west-1, us-east-1', '--checks', check, '--fail-on', 'CRITICAL', '--concurrency', '4', '--deadline', '1.5', '--ocsf', 'o.json', '--ocsf-passed']));
    expect(out).toEqual({
      options: {
        regions: ['eu-west-1', 'us-east-1'],
        checkIds: [check],
        out: undefined,
        html: undefined,
        ocsf: 'o.json',
        ocsfPassed: true,
        securityHub: false,
        previous: null,
        failOn: 'CRITICAL',
        concurrency: 4,
        deadlineMs: 1500,
        quiet: false,
      },
    });
    expect(validateOptions(values(['--fail-on', 'none']))).toMatchObject({ options: { failOn: null, regions: undefined, deadlineMs: undefined } });
  });

  test('validateOptions: every problem named at once', () => {
    const out = validateOptions(values(['--regions', 'Nowhere', '--checks', 'no-such-check', '--fail-on', 'extreme', '--concurrency', '65', '--deadline', '0', '--ocsf-passed']));
    expect('problems' in out && out.problems).toEqual([
      'invalid --regions: Nowhere. Must be region names such as eu-west-1',
      'invalid --checks: no-such-check. See --list-checks',
      'invalid --fail-on: extreme. Must be one of critical, high, medium, low, none',
      'invalid --concurrency: 65. Must be an integer from 1 to 64',
      'invalid --deadline: 0. Must be a positive number of seconds',
      'invalid --ocsf-passed: only used with --ocsf',
    ]);
  });

  test('validateOptions: --previous is read as a scan report, and only with --security-hub', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-options-'));
    try {
      const good = path.join(dir, 'previous.json');
      fs.writeFileSync(good, JSON.stringify({ findings: [], checks: [] }));
      const bad = path.join(dir, 'bad.json');
      fs.writeFileSync(bad, JSON.stringify({ findings: [] }));
      expect(validateOptions(values(['--security-hub', '--previous', good]))).toMatchObject({ options: { securityHub: true, previous: { findings: [], checks: [] } } });
      expect(validateOptions(values(['--previous', good]))).toEqual({ problems: ['invalid --previous: only used with --security-hub'] });
      expect(validateOptions(values(['--security-hub', '--previous', bad])))
        .toEqual({ problems: [`invalid --previous: ${bad}: not a scan report (no findings or checks)`] });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
