import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { ComplianceBucket } from '../../src';
import { newStack } from '../nag-helper';

function statements(template: Template): any[] {
  const entry = Object.entries(template.findResources('AWS::S3::BucketPolicy')).find(([id]) => id.startsWith('AuditBucketPolicy'))!;
  return (entry[1] as any).Properties.PolicyDocument.Statement;
}

describe('ComplianceBucket s3ManagedEncryptionKeyPatterns', () => {
  test('by default every put must ask for the bucket\'s KMS encryption, everywhere', () => {
    const stack = newStack();
    new ComplianceBucket(stack, 'Audit');
    const s = statements(Template.fromStack(stack));
    const deny = s.find((x) => x.Sid === 'DenyPutsWithOtherEncryption');
    expect(deny.Resource).toEqual({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^AuditBucket/), 'Arn'] }, '/*']] });
    expect(deny.NotResource).toBeUndefined();
    expect(s.find((x) => x.Sid === 'DenyPutsWithOtherEncryptionThanKmsOrSseS3')).toBeUndefined();
  });

  test('SSE-S3 is accepted under the patterns only, and anything else is still denied there', () => {
    const stack = newStack();
    new ComplianceBucket(stack, 'Audit', { s3ManagedEncryptionKeyPatterns: ['AWSLogs/*/CloudTrail-Digest/*'] });
    const s = statements(Template.fromStack(stack));
    const deny = s.find((x) => x.Sid === 'DenyPutsWithOtherEncryption');
    expect(deny.Resource).toBeUndefined();
    expect(deny.NotResource['Fn::Join'][1][1]).toBe('/AWSLogs/*/CloudTrail-Digest/*');
    const there = s.find((x) => x.Sid === 'DenyPutsWithOtherEncryptionThanKmsOrSseS3');
    expect(there.Effect).toBe('Deny');
    expect(there.Condition).toEqual({ StringNotEquals: { 's3:x-amz-server-side-encryption': ['aws:kms', 'AES256'] }, Null: { 's3:x-amz-server-side-encryption': 'false' } });
    // the other-KMS-key deny still covers every object
    expect(s.find((x) => x.Sid === 'DenyPutsWithOtherKmsKey').Resource['Fn::Join'][1][1]).toBe('/*');
    Annotations.fromStack(stack).hasWarning('/TestStack/Audit', Match.stringLikeRegexp('s3ManagedEncryptionKeyPatterns weakens a secure default'));
  });

  test('a pattern of "*" fails and names it', () => {
    expect(() => new ComplianceBucket(newStack(), 'Audit', { s3ManagedEncryptionKeyPatterns: ['*'] }))
      .toThrow(/invalid s3ManagedEncryptionKeyPatterns: '\*'/);
  });

  test('a pattern starting with "/" fails and names it', () => {
    expect(() => new ComplianceBucket(newStack(), 'Audit', { s3ManagedEncryptionKeyPatterns: ['/AWSLogs/*'] }))
      .toThrow(/invalid s3ManagedEncryptionKeyPatterns: '\/AWSLogs\/\*'/);
  });
});
