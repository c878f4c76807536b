import { reservesConcurrency } from '../../../controls/judgement/lambda-config';
import { COMPLIANT, defineRule, NON_COMPLIANT, WARN } from '../../private/rule';

/**
 * A Lambda function has no reserved concurrency.
 *
 * Seed failures: 002_d92724b23843a58b.txt #4 (functions without reserved concurrent executions), in
 * the Lambda group of 004_5b6328fd8d3c63a0.txt #10, #29, #30. A token value counts as set.
 */
export default defineRule({
  name: 'LambdaReservedConcurrency',
  level: WARN,
  resourceTypes: ['AWS::Lambda::Function'],
  info: 'The Lambda function has no reserved concurrency.',
  explanation: 'Without reserved concurrency one function can take the whole account concurrency and throttle every other function, and a runaway trigger scales it without bound. Set reservedConcurrentExecutions.',
  body: (_node, props) => (reservesConcurrency(props.ReservedConcurrentExecutions) ? COMPLIANT : NON_COMPLIANT),
});
