import * as path from 'path';
import { loadESLint } from 'eslint';
import type { LegacyESLint } from 'eslint/use-at-your-own-risk';

// The boundary between construct code and runtime code (.projenrc.ts, docs/ARCHITECTURE.md), linted
// with the repository's own configuration on small snippets placed, by file name, on either side.
// The snippets import real modules, so the import resolver finds them as it does in `npx projen eslint`.

const ROOT = path.join(__dirname, '..', '..');
const BOUNDARY_RULES = ['import/no-restricted-paths', 'no-restricted-imports', 'import/no-extraneous-dependencies'];

let eslint: LegacyESLint;
beforeAll(async () => {
  const Legacy = await loadESLint({ useFlatConfig: false });
  eslint = new Legacy({
    cwd: ROOT,
    useEslintrc: true,
    // The snippets are not in the TypeScript program, so the rules that need its types are off;
    // every other rule, the boundary's included, is the repository's.
    overrideConfig: {
      parserOptions: { project: null },
      rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/return-await': 'off' },
    },
  });
});

/** The boundary errors ESLint reports for `code` in the file `file` (relative to the repository). */
async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\n`, { filePath: path.join(ROOT, file) });
  const fatal = result.messages.filter((m) => m.fatal);
  if (fatal.length > 0) throw new Error(`${file}: ${fatal.map((m) => m.message).join('; ')}`);
  return result.messages
    .filter((m) => m.severity === 2 && BOUNDARY_RULES.includes(m.ruleId ?? ''))
    .map((m) => `${m.ruleId}: ${m.message}`);
}

describe('construct code', () => {
  const file = 'src/compliance-bucket/boundary-probe.ts';

  test.each([
    ['an SDK client', "import { S3Client } from '@aws-sdk/client-s3';"],
    ['another dev dependency', "import Ajv from 'ajv';"],
    ['the runtime\'s SDK clients', "import { AwsClients } from '../scanner/runtime/clients';"],
    ['the scan engine', "import * as engine from '../scanner/runtime/engine';"],
    ['a collector', "import * as s3 from '../scanner/runtime/collectors/s3';"],
    ['a handler', "import * as handler from '../scanner/runtime/scanner.lambda';"],
    ['the organization runtime', "import * as member from '../organization-scanner/runtime/member';"],
  ])('cannot import %s', async (_what, code) => {
    expect(await boundaryErrors(file, code)).not.toEqual([]);
  });

  test.each([
    ['aws-cdk-lib', "import { Stack } from 'aws-cdk-lib';"],
    ['the SDK-free check table', "import { ALL_CHECKS } from '../scanner/runtime/checks';"],
    ['the scanner input', "import * as input from '../scanner/runtime/input';"],
    ['a generated function construct', "import { ScannerFunction } from '../scanner/runtime/scanner-function';"],
    ['the controls', "import { controlById } from '../controls';"],
  ])('can import %s', async (_what, code) => {
    expect(await boundaryErrors(file, code)).toEqual([]);
  });

  test('a generated function construct, inside a runtime folder, is construct code', async () => {
    expect(await boundaryErrors('src/scanner/runtime/probe-function.ts', "import { S3Client } from '@aws-sdk/client-s3';")).not.toEqual([]);
    expect(await boundaryErrors('src/scanner/runtime/probe-function.ts', "import * as engine from './engine';")).not.toEqual([]);
  });
});

describe('runtime code', () => {
  const files = ['src/scanner/runtime/boundary-probe.ts', 'src/organization-scanner/runtime/boundary-probe.ts', 'src/audited-vpc/boundary-probe.lambda.ts'];
  const up = (file: string) => path.relative(path.dirname(path.join(ROOT, file)), path.join(ROOT, 'src')).split(path.sep).join('/');

  test.each(files)('%s cannot import aws-cdk-lib, constructs or cdk-nag', async (file) => {
    for (const code of [
      "import { Stack } from 'aws-cdk-lib';",
      "import * as s3 from 'aws-cdk-lib/aws-s3';",
      "import { Construct } from 'constructs';",
      "import { NagPack } from 'cdk-nag';",
    ]) {
      expect({ code, errors: await boundaryErrors(file, code) }).toEqual({ code, errors: [expect.stringMatching(/^no-restricted-imports/)] });
    }
  });

  test.each(files)('%s cannot import construct code', async (file) => {
    for (const code of [
      `import { ComplianceKey } from '${up(file)}/core/compliance-key';`,
      `import { CompliancePack } from '${up(file)}/nag/compliance-pack';`,
      `import { ScannerFunction } from '${up(file)}/scanner/runtime/scanner-function';`,
      `import { ComplianceScanner } from '${up(file)}/scanner/compliance-scanner';`,
    ]) {
      expect({ code, errors: await boundaryErrors(file, code) }).toEqual({ code, errors: [expect.stringMatching(/^import\/no-restricted-paths/)] });
    }
  });

  test.each(files)('%s can import the SDK, the runtime, src/policy and src/controls', async (file) => {
    for (const code of [
      "import { S3Client } from '@aws-sdk/client-s3';",
      `import { evaluateRequest } from '${up(file)}/policy/evaluate';`,
      `import { controlById } from '${up(file)}/controls';`,
      `import type { TlsOnlyTarget } from '${up(file)}/controls/judgement/tls-only';`,
      `import { AwsClients } from '${up(file)}/scanner/runtime/clients';`,
    ]) {
      expect({ code, errors: await boundaryErrors(file, code) }).toEqual({ code, errors: [] });
    }
  });
});

describe('modules both sides import', () => {
  test('the SDK-free runtime modules cannot import the SDK, its runtime modules, or aws-cdk-lib', async () => {
    const file = 'src/scanner/runtime/checks/s3/boundary-probe.ts';
    for (const code of [
      "import { S3Client } from '@aws-sdk/client-s3';",
      "import { AwsClients } from '../../clients';",
      "import { Stack } from 'aws-cdk-lib';",
    ]) {
      expect({ code, errors: await boundaryErrors(file, code) }).not.toEqual({ code, errors: [] });
    }
    expect(await boundaryErrors(file, "import { Check } from '../../model';")).toEqual([]);
  });

  test('src/policy and src/controls cannot import aws-cdk-lib, the SDK or construct code', async () => {
    for (const [file, code] of [
      ['src/policy/boundary-probe.ts', "import { Stack } from 'aws-cdk-lib';"],
      ['src/controls/boundary-probe.ts', "import { S3Client } from '@aws-sdk/client-s3';"],
      ['src/controls/judgement/boundary-probe.ts', "import { ComplianceKey } from '../../core/compliance-key';"],
      ['src/policy/boundary-probe.ts', "import { ALL_CHECKS } from '../scanner/runtime/checks';"],
    ]) {
      expect({ code, errors: await boundaryErrors(file, code) }).not.toEqual({ code, errors: [] });
    }
    expect(await boundaryErrors('src/controls/judgement/boundary-probe.ts', "import { evaluateRequest } from '../../policy/evaluate';")).toEqual([]);
  });
});
