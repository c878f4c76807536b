import { lambdaRuntimeVerdict, RUNTIME_LIST_AS_OF } from '../../../controls/judgement/lambda-runtimes';
import { COMPLIANT, defineRule, ERROR, NON_COMPLIANT, NOT_APPLICABLE } from '../../private/rule';

/**
 * A Lambda function runs on a runtime AWS has deprecated.
 *
 * Seed failures: 004_5b6328fd8d3c63a0.txt #10 (nodejs14.x), in the group of 000_8539daffd67ca827.txt #2.
 * Judged on the synth date against the library's dated table (`src/controls/judgement/lambda-runtimes.ts`),
 * the same table the scanner's `lambda-supported-runtime` check judges the live function with, not
 * against the consumer's aws-cdk-lib. Container-image functions (no `Runtime`) and runtimes given
 * as tokens are not judged.
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
    return lambdaRuntimeVerdict(runtime, new Date()).supported ? COMPLIANT : NON_COMPLIANT;
  },
});
