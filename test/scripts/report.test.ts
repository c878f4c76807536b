import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { isPacksVerdict, missingBundles } from '../../scripts/report';
import { NagReport } from '../../src';

// `npx projen report` on a fresh clone: the Lambda bundles are built by `bundle`, and an app that does
// not build must fail the report with its reason, never with the findings of a half-built tree.

describe('missingBundles', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-bundles-'));
    for (const file of ['src/vpc/defaults.lambda.ts', 'src/scanner/runtime/scanner.lambda.ts', 'src/scanner/runtime/engine.ts']) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), '');
    }
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('names the bundle of every *.lambda.ts handler not yet built', () => {
    expect(missingBundles(dir)).toEqual([
      path.join('assets', 'scanner', 'runtime', 'scanner.lambda', 'index.js'),
      path.join('assets', 'vpc', 'defaults.lambda', 'index.js'),
    ]);
  });

  test('none once bundled', () => {
    for (const bundle of missingBundles(dir)) {
      fs.mkdirSync(path.dirname(path.join(dir, bundle)), { recursive: true });
      fs.writeFileSync(path.join(dir, bundle), '');
    }
    expect(missingBundles(dir)).toEqual([]);
  });

  test('the repository\'s handlers are found', () => {
    const repo = path.join(__dirname, '..', '..');
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'report-repo-'));
    try {
      fs.symlinkSync(path.join(repo, 'src'), path.join(empty, 'src'));
      expect(missingBundles(empty)).toEqual(expect.arrayContaining([path.join('assets', 'scanner', 'runtime', 'scanner.lambda', 'index.js')]));
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('isPacksVerdict', () => {
  function synthError(build: (stack: Stack) => void): unknown {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'report-synth-')) });
    try {
      build(new Stack(app, 'Stack'));
      Validations.of(app).addPlugins(...NagReport.allPacks());
      app.synth();
    } catch (error) {
      return error;
    } finally {
      fs.rmSync(app.outdir, { recursive: true, force: true });
    }
    throw new Error('synthesis succeeded');
  }

  test('a missing Lambda asset is not the packs\' verdict', () => {
    const error = synthError((stack) => new lambda.Function(stack, 'Fn', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(path.join(os.tmpdir(), 'no-such-bundle.lambda')),
    }));
    expect(String(error)).toMatch(/Cannot find asset/);
    expect(isPacksVerdict(error)).toBe(false);
  });

  test('findings of the packs are', () => {
    const error = synthError((stack) => new s3.CfnBucket(stack, 'Bucket'));
    expect(isPacksVerdict(error)).toBe(true);
  });
});
