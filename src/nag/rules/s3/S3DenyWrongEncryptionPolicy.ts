import { deniesWrongEncryption } from '../../../controls/judgement/s3-deny-wrong-encryption';
import { COMPLIANT, defineRule, ERROR, NON_COMPLIANT } from '../../private/rule';
import { bucketPolicyStatements } from '../shared';

/**
 * An S3 bucket has no bucket policy that denies puts asking for the wrong encryption.
 *
 * Seed failure: 004_5b6328fd8d3c63a0.txt #14. Compliant: a Deny of `s3:PutObject` (or a wildcard that
 * includes it) to every principal, conditioned on `s3:x-amz-server-side-encryption` or
 * `s3:x-amz-server-side-encryption-aws-kms-key-id` with a negative operator (StringNotEquals...,
 * Null).
 */
export default defineRule({
  name: 'S3DenyWrongEncryptionPolicy',
  level: ERROR,
  resourceTypes: ['AWS::S3::Bucket'],
  info: 'The S3 bucket has no policy that denies uploads with the wrong server-side encryption.',
  explanation: 'Default encryption applies only when a put names none; a client can still ask for a weaker or foreign key. Deny s3:PutObject when s3:x-amz-server-side-encryption (or the KMS key id) is not the bucket\'s own; ComplianceBucket does this.',
  body: (node, props) => {
    const found = bucketPolicyStatements(node, props).some(deniesWrongEncryption);
    return found ? COMPLIANT : NON_COMPLIANT;
  },
});
