import { App, CfnResource, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { seedFailureStack } from './seed-app';
import { ComplianceBucket, ComplianceLogGroup } from '../../src';
import { propertiesOf, renderedProperties } from '../../src/nag/private/context';
import { newStack } from '../nag-helper';

function cfnResources(app: App): CfnResource[] {
  return app.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c));
}

/** Every property a rule can read equals the property in the rendered template. */
function expectLazyEqualsRendered(app: App): number {
  let compared = 0;
  for (const resource of cfnResources(app)) {
    const rendered = renderedProperties(resource);
    const lazy = propertiesOf(resource);
    for (const key of Object.keys(rendered ?? {})) {
      expect([resource.node.path, key, lazy[key]]).toEqual([resource.node.path, key, rendered[key]]);
      compared++;
    }
    // a property the template does not have reads as undefined
    for (const camel of Object.keys((resource as any).cfnPropertyNames ?? {})) {
      const key = (resource as any).cfnPropertyNames[camel];
      if (!(key in (rendered ?? {}))) {
        expect([resource.node.path, key, lazy[key]]).toEqual([resource.node.path, key, undefined]);
      }
    }
  }
  return compared;
}

describe('properties resolved one at a time equal the rendered template', () => {
  test('the seed-failure stack', () => {
    const app = new App();
    seedFailureStack(app);
    expect(expectLazyEqualsRendered(app)).toBeGreaterThan(100);
  });

  test('the library constructs', () => {
    const app = new App();
    const stack = newStack(app);
    new ComplianceBucket(stack, 'Audit');
    new ComplianceLogGroup(stack, 'Logs');
    expect(expectLazyEqualsRendered(app)).toBeGreaterThan(20);
  });

  test('raw overrides: set, nested merge, deletion, and replacing an intrinsic', () => {
    const app = new App();
    const stack: Stack = newStack(app);
    const bucket = new s3.Bucket(stack, 'B', { enforceSSL: true, versioned: true });
    const cfnBucket = bucket.node.defaultChild as s3.CfnBucket;
    cfnBucket.addPropertyOverride('PublicAccessBlockConfiguration.BlockPublicAcls', true);
    cfnBucket.addPropertyOverride('VersioningConfiguration', undefined);
    cfnBucket.addPropertyOverride('LoggingConfiguration', { DestinationBucketName: { Ref: 'Elsewhere' } });
    cfnBucket.addPropertyOverride('LoggingConfiguration.DestinationBucketName', 'literal-logs');
    const fn = new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code: lambda.Code.fromInline('def handler(e, c): pass') });
    (fn.node.defaultChild as lambda.CfnFunction).addPropertyOverride('TracingConfig.Mode', 'Active');
    (fn.node.defaultChild as lambda.CfnFunction).addPropertyDeletionOverride('Handler');
    const sg = new ec2.CfnSecurityGroup(stack, 'Sg', { groupDescription: 'sg', vpcId: 'vpc-1' });
    sg.addPropertyOverride('SecurityGroupEgress', [{ IpProtocol: '-1', CidrIp: '0.0.0.0/0' }]);
    new CfnResource(stack, 'Raw', { type: 'AWS::S3::Bucket', properties: { BucketName: 'raw' } });
    expectLazyEqualsRendered(app);
    expect(propertiesOf(cfnBucket).LoggingConfiguration).toEqual({ DestinationBucketName: 'literal-logs' });
    expect(propertiesOf(cfnBucket).VersioningConfiguration).toBeUndefined();
    expect(propertiesOf(fn.node.defaultChild as CfnResource).Handler).toBeUndefined();
  });
});
