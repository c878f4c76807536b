import { privilegedFlags, privilegedVerdict } from '../../../controls/judgement/batch-job';
import { COMPLIANT, defineRule, ERROR, NON_COMPLIANT, NOT_APPLICABLE } from '../../private/rule';

/**
 * An AWS Batch job definition runs a privileged container.
 *
 * Seed failure: the AWS Batch requirements of 004_5b6328fd8d3c63a0.txt (#17 and least privilege, #11).
 * Checks `Privileged` of container, multi-node and ECS containers, and the EKS security context.
 */
export default defineRule({
  name: 'BatchPrivilegedContainer',
  level: ERROR,
  resourceTypes: ['AWS::Batch::JobDefinition'],
  info: 'The AWS Batch job definition runs a privileged container.',
  explanation: 'A privileged container has root on the host: it can escape the container and read other jobs\' data. Remove privileged: true.',
  body: (_node, props) => {
    const verdict = privilegedVerdict(privilegedFlags(props, 'template'));
    return verdict === 'privileged' ? NON_COMPLIANT : verdict === 'unknown' ? NOT_APPLICABLE : COMPLIANT;
  },
});
