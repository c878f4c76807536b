/**
 * DynamoDB.CustomerManagedKey: a table is encrypted with a customer managed KMS key. The template
 * names the key (`SSESpecification.KMSMasterKeyId`: a key of the stack, an ARN, an alias); the
 * account reports its ARN (DescribeTable `SSEDescription.KMSMasterKeyArn`) and, through DescribeKey,
 * who manages it. The AWS owned key (no key) and the AWS managed `alias/aws/dynamodb` do not count.
 * One judgement for `CompliancePack-DynamoDbCustomerManagedKey` and the scanner's `dynamodb-table-kms-cmk`.
 */
export function tableKeyIsCustomerManaged(kmsMasterKeyId: unknown, keyManager?: string): boolean {
  if (kmsMasterKeyId === undefined || kmsMasterKeyId === null || kmsMasterKeyId === '') {
    return false;
  }
  if (keyManager !== undefined) {
    return keyManager === 'CUSTOMER';
  }
  // a token or reference (a key of the stack) is a customer managed key
  return typeof kmsMasterKeyId !== 'string' || !kmsMasterKeyId.toLowerCase().endsWith('alias/aws/dynamodb');
}
