import { App, aws_s3 as s3 } from 'aws-cdk-lib';
import { ComplianceBucket, CompliancePack, NagReport } from '../../src';
import { newStack } from '../nag-helper';

describe('NagReport.enforce', () => {
  test('without packs, registers the stock packs and CompliancePack: a plain bucket fails synth and names the rules', () => {
    const app = new App();
    NagReport.enforce(app);
    new s3.Bucket(newStack(app), 'Plain');
    expect(() => app.synth()).toThrow(/AwsSolutions-S1[\s\S]*CompliancePack-S3AccessLogging|CompliancePack-S3AccessLogging[\s\S]*AwsSolutions-S1/);
  });

  test('a ComplianceBucket passes synth with every pack enforced', () => {
    const app = new App();
    NagReport.enforce(app);
    new ComplianceBucket(newStack(app), 'Audit');
    expect(() => app.synth()).not.toThrow();
  });

  test('with packs, registers only those packs', () => {
    const app = new App();
    NagReport.enforce(app, [new CompliancePack()]);
    new s3.Bucket(newStack(app), 'Plain');
    let message = '';
    try {
      app.synth();
    } catch (e) {
      message = String(e);
    }
    expect(message).toContain('CompliancePack-S3AccessLogging');
    expect(message).not.toContain('AwsSolutions-');
  });
});
