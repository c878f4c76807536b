// Jest configuration for scripts/test-cdk-version.sh: the project's own jest settings, with
// aws-cdk-lib taken from .cdk-version/ for every module that requires it.
const path = require('path');
const base = require('../package.json').jest;

/**
 * Tests that never load aws-cdk-lib (the scanner's runtime, its checks and CLI against the fake
 * endpoint and moto, the policy evaluator): another aws-cdk-lib release cannot change their
 * outcome, so they run once, in the main suite.
 */
const RUNTIME_ONLY = [
  '<rootDir>/test/scanner/checks/',
  '<rootDir>/test/scanner/[^/]*\\.(fake|unit|integration)\\.test\\.ts$',
  '<rootDir>/test/scanner/(input|scoring)\\.test\\.ts$',
  '<rootDir>/test/organization-scanner/[^/]*\\.fake\\.test\\.ts$',
  '<rootDir>/test/policy/',
  '<rootDir>/test/audited-vpc/network-defaults\\.lambda\\.test\\.ts$',
  '<rootDir>/test/permissions/test-only-dependency\\.test\\.ts$',
];

module.exports = {
  ...base,
  rootDir: path.join(__dirname, '..'),
  reporters: ['default'],
  collectCoverage: false,
  moduleNameMapper: {
    '^aws-cdk-lib$': '<rootDir>/.cdk-version/node_modules/aws-cdk-lib',
    '^aws-cdk-lib/(.*)$': '<rootDir>/.cdk-version/node_modules/aws-cdk-lib/$1',
  },
  modulePathIgnorePatterns: ['<rootDir>/.cdk-version/package.json'],
  testPathIgnorePatterns: [...(base.testPathIgnorePatterns ?? []), ...RUNTIME_ONLY],
};
