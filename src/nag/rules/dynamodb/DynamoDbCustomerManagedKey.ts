import { tableKeyIsCustomerManaged } from '../../../controls/judgement/dynamodb-kms';
import { asList, isFalse, isUnknown } from '../../../policy/template-values';
import { COMPLIANT, defineRule, ERROR, NON_COMPLIANT, NOT_APPLICABLE } from '../../private/rule';

/**
 * A DynamoDB table is not encrypted with a customer managed KMS key.
 *
 * Seed failure: 004_5b6328fd8d3c63a0.txt #22 (financial data without the protection it needs).
 * `SSESpecification.SSEEnabled` with a `KMSMasterKeyId` counts; the AWS owned key (no SSE
 * specification) and the AWS managed key `alias/aws/dynamodb` do not. Global tables need
 * `SSEType: KMS` and a key on every replica.
 */
export default defineRule({
  name: 'DynamoDbCustomerManagedKey',
  level: ERROR,
  resourceTypes: ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'],
  info: 'The DynamoDB table is not encrypted with a customer managed KMS key.',
  explanation: 'With an AWS owned or AWS managed key, access to the data cannot be restricted or audited through a key policy. Use TableEncryption.CUSTOMER_MANAGED with your key.',
  body: (node, props) => {
    const sse = props.SSESpecification;
    if (isUnknown(sse) || isUnknown(sse?.SSEEnabled)) {
      return NOT_APPLICABLE;
    }
    if (!sse || isFalse(sse.SSEEnabled) || sse.SSEEnabled === undefined) {
      return NON_COMPLIANT;
    }
    const isCustomer = (key: any) => tableKeyIsCustomerManaged(key);
    if (node.cfnResourceType === 'AWS::DynamoDB::Table') {
      return isCustomer(sse.KMSMasterKeyId) ? COMPLIANT : NON_COMPLIANT;
    }
    if (sse.SSEType !== 'KMS' && !isUnknown(sse.SSEType)) {
      return NON_COMPLIANT;
    }
    if (isUnknown(props.Replicas)) {
      return NOT_APPLICABLE;
    }
    const keys = asList(props.Replicas).map((r: any) => r?.SSESpecification?.KMSMasterKeyId);
    return keys.length > 0 && keys.every(isCustomer) ? COMPLIANT : NON_COMPLIANT;
  },
});
