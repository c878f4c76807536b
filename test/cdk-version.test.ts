import * as fs from 'fs';
import * as path from 'path';

// The suite runs twice: against the peer minimum in devDependencies, and (scripts/test-cdk-version.sh)
// against the newest release. This test proves which aws-cdk-lib the other tests really loaded.
test('the suite runs against the aws-cdk-lib version it claims', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'));
  const expected = process.env.EXPECT_CDK_VERSION ?? pkg.devDependencies['aws-cdk-lib'];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require('aws-cdk-lib/package.json').version;
  expect(loaded).toBe(expected);
  expect(pkg.peerDependencies['aws-cdk-lib']).toBe(`^${pkg.devDependencies['aws-cdk-lib']}`);
});
