/**
 * SNS.1, as the library enforces it: a topic is encrypted with a customer managed KMS key. The AWS
 * managed `alias/aws/sns` does not count (FSBP accepts it): its key policy cannot be restricted or
 * audited per topic, and services such as EventBridge and CloudWatch cannot publish with it. One
 * judgement for `CompliancePack-SnsTopicKms` and the scanner's `sns-topic-kms-encryption`.
 */
export function topicKeyIsCustomerManaged(kmsMasterKeyId: unknown): boolean {
  if (kmsMasterKeyId === undefined || kmsMasterKeyId === null || kmsMasterKeyId === '') {
    return false;
  }
  // a token or reference (a key of the stack) is a customer managed key
  return typeof kmsMasterKeyId !== 'string' || !kmsMasterKeyId.toLowerCase().endsWith('alias/aws/sns');
}
