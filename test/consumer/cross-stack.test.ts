import { App } from 'aws-cdk-lib';
import * as config from 'aws-cdk-lib/aws-config';
import { AccountAudit, AuditedVpc, BatchPipeline, ComplianceBucket, ConfigRecorderMode, GuardDutyDetectorMode } from '../../src';
import { formatFindings, nagFindings, newStack } from '../nag-helper';

const IMAGE_URI = '123456789012.dkr.ecr.us-east-1.amazonaws.com/transactions-worker:1.4.2';
const AZ_CONTEXT = { 'availability-zones:account=123456789012:region=us-east-1': ['us-east-1a', 'us-east-1b'] };

jest.setTimeout(120_000);

describe('acknowledgments built from a token hold when the token comes from another stack', () => {
  test('BatchPipeline in a compute stack reading ComplianceBuckets of a data stack: no finding on the job role\'s object grants', () => {
    const app = new App({ context: AZ_CONTEXT });
    const data = newStack(app, 'Data');
    const input = new ComplianceBucket(data, 'Input');
    const output = new ComplianceBucket(data, 'Output');
    const network = newStack(app, 'Network');
    const vpc = new AuditedVpc(network, 'Vpc');
    const compute = newStack(app, 'Compute');
    new BatchPipeline(compute, 'Pipeline', { vpc, imageUri: IMAGE_URI, inputBucket: input, outputBucket: output });
    expect(formatFindings(nagFindings(app))).toEqual([]);
  });
});

describe('adopting what the account already has', () => {
  test('AccountAudit adopting the account\'s recorder and detector in an app that has none: zero findings', () => {
    const app = new App();
    const stack = newStack(app, 'Audit');
    new AccountAudit(stack, 'Audit', {
      configRecorderMode: ConfigRecorderMode.ADOPT_EXISTING,
      guardDutyDetectorMode: GuardDutyDetectorMode.ADOPT_EXISTING,
    });
    expect(formatFindings(nagFindings(app))).toEqual([]);
  });

  test('the acknowledgment is the adopted recorder\'s only: a plain Config rule beside it is still reported', () => {
    const app = new App();
    const stack = newStack(app, 'Audit');
    new AccountAudit(stack, 'Audit', { configRecorderMode: ConfigRecorderMode.ADOPT_EXISTING });
    new config.ManagedRule(stack, 'Mine', { identifier: config.ManagedRuleIdentifiers.S3_BUCKET_VERSIONING_ENABLED });
    expect(formatFindings(nagFindings(app)).filter((f) => f.includes('ConfigRuleWithoutRecorder'))).toEqual([
      expect.stringContaining('Audit/Mine/Resource'),
    ]);
  });
});
