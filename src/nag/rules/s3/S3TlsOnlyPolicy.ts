import { Stack } from 'aws-cdk-lib';
import { tlsOnlyVerdict } from '../../../controls/judgement/tls-only';
import { referencedId } from '../../../policy/template-values';
import { isUnknownValue } from '../../../policy/values';
import { Resolver } from '../../paths/resolve';
import { appMemo, logicalIdOf } from '../../private/context';
import { COMPLIANT, defineRule, ERROR, NON_COMPLIANT, NOT_APPLICABLE } from '../../private/rule';
import { bucketPolicyStatements } from '../shared';

/**
 * An S3 bucket has no bucket policy that denies requests without TLS.
 *
 * Seed failures: 004_5b6328fd8d3c63a0.txt #4 and #20. The bucket policies in the same stack for
 * this bucket, their references resolved to the ARNs AWS sees, are judged by the evaluator the
 * scanner's `s3-bucket-tls-only` uses (`src/controls/judgement/tls-only.ts`): compliant when they
 * deny everyone s3:GetObject and s3:PutObject on the bucket's objects when `aws:SecureTransport`
 * is false, in any spelling AWS accepts. A verdict that depends on deploy-time values is not given.
 */
export default defineRule({
  name: 'S3TlsOnlyPolicy',
  level: ERROR,
  resourceTypes: ['AWS::S3::Bucket'],
  info: 'The S3 bucket has no policy that denies requests without TLS (aws:SecureTransport).',
  explanation: 'Without the deny, clients can read and write objects over plain HTTP. Set enforceSSL: true (and minimumTLSVersion: 1.2).',
  body: (node, props) => {
    const resolver = appMemo(node, 'tls-only-resolver', (resources) => new Resolver(resources));
    const stack = Stack.of(node);
    const partition = resolver.partition(stack);
    const name = resolver.nameOf(node);
    // A bucket named only at deploy time (a parameter) is named by its logical id, in the policy's
    // references to it as in the request: the verdict is the same for every name it can get.
    const bucket = isUnknownValue(name) ? logicalIdOf(node) : name;
    const own = (value: any): any => ownReferences(value, logicalIdOf(node), bucket, partition);
    const statements = bucketPolicyStatements(node, props).map((s) => resolver.value(stack, isUnknownValue(name) ? own(s) : s));
    const verdict = tlsOnlyVerdict({ Version: '2012-10-17', Statement: statements }, {
      bucket,
      account: resolver.account(stack),
      partition,
    });
    return verdict === 'denied' ? COMPLIANT : verdict === 'unknown' ? NOT_APPLICABLE : NON_COMPLIANT;
  },
});

/** `value` with each `Ref` and `Fn::GetAtt` of the bucket `logicalId` replaced by its name or ARN. */
function ownReferences(value: any, logicalId: string, bucket: string, partition: string): any {
  if (Array.isArray(value)) {
    return value.map((v) => ownReferences(v, logicalId, bucket, partition));
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }
  if (referencedId(value) === logicalId) {
    if (value.Ref !== undefined) {
      return bucket;
    }
    const att = value['Fn::GetAtt'];
    return (Array.isArray(att) ? att[1] : String(att).split('.')[1]) === 'Arn' ? `arn:${partition}:s3:::${bucket}` : value;
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, ownReferences(v, logicalId, bucket, partition)]));
}
