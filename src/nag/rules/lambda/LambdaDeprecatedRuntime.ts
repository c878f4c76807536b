import { deprecatedSince, RUNTIME_LIST_AS_OF } from './runtimes';
import { COMPLIANT, defineRule, ERROR, NON_COMPLIANT, NOT_APPLICABLE } from '../../private/rule';

/**
 * A Lambda function runs on a runtime AWS has deprecated.
 *
 * Seed failures: 004_5b6328fd8d3c63a0.txt #10 (nodejs14.x), in the group of 000_8539daffd67ca827.txt #2.
 * Judged against the pack's own dated list (`runtimes.ts`), not the consumer's aws-cdk-lib.
 * Container-image functions (no `Runtime`) and runtimes given as tokens are not judged.
 */
export default defineRule({
  name: 'LambdaDeprecatedRuntime',
  level: ERROR,
  resourceTypes: ['AWS::Lambda::Function'],
  info: 'The Lambda function runs on a deprecated runtime.',
  explanation: `AWS no longer patches deprecated runtimes; functions on them miss security fixes and eventually cannot be updated. Move to a supported runtime (list as of ${RUNTIME_LIST_AS_OF}).`,
  body: (_node, props) => {
    const runtime = props.Runtime;
    if (typeof runtime !== 'string') {
      return NOT_APPLICABLE;
    }
    return deprecatedSince(runtime, new Date()) ? NON_COMPLIANT : COMPLIANT;
  },
});
