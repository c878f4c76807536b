import { COMPLIANT, defineRule, ERROR, NON_COMPLIANT } from '../../private/rule';
import { asList, isEveryone, isFalse } from '../../private/values';
import { bucketPolicyStatements } from '../shared';

/**
 * An S3 bucket has no bucket policy that denies requests without TLS.
 *
 * Seed failures: 004_5b6328fd8d3c63a0.txt #4 and #20. Compliant: a bucket policy in the same stack,
 * for this bucket, with a Deny of `s3:*` (or `*`) to every principal when `aws:SecureTransport` is false.
 */
export default defineRule({
  name: 'S3TlsOnlyPolicy',
  level: ERROR,
  resourceTypes: ['AWS::S3::Bucket'],
  info: 'The S3 bucket has no policy that denies requests without TLS (aws:SecureTransport).',
  explanation: 'Without the deny, clients can read and write objects over plain HTTP. Set enforceSSL: true (and minimumTLSVersion: 1.2).',
  body: (node, props) => {
    const found = bucketPolicyStatements(node, props).some((s) => s.Effect === 'Deny'
      && isEveryone(s.Principal)
      && asList(s.Action).some((a) => a === '*' || a === 's3:*')
      && isFalse(s.Condition?.Bool?.['aws:SecureTransport']));
    return found ? COMPLIANT : NON_COMPLIANT;
  },
});
