// Jest configuration for scripts/test-cdk-version.sh: the project's own jest settings, with
// aws-cdk-lib taken from .cdk-version/ for every module that requires it.
const path = require('path');
const base = require('../package.json').jest;

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
};
