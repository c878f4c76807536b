import { App } from 'aws-cdk-lib';
import { AuditedVpc, BatchPipeline, ComplianceBucket } from '../../src';
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
