import { jobContainers } from './containers';
import { COMPLIANT, defineRule, ERROR, NON_COMPLIANT, NOT_APPLICABLE } from '../../private/rule';
import { isTrue, isUnknown } from '../../private/values';

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
    const flags = jobContainers(props).map((c) => c.Privileged ?? c.SecurityContext?.Privileged);
    if (flags.some(isTrue)) {
      return NON_COMPLIANT;
    }
    return flags.some(isUnknown) ? NOT_APPLICABLE : COMPLIANT;
  },
});
