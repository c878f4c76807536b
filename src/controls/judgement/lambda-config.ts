/**
 * Lambda function settings judged alike in the template (`AWS::Lambda::Function` properties) and in
 * the account (ListFunctions, GetFunctionConcurrency, ListFunctionEventInvokeConfigs): one judgement
 * each for a CompliancePack rule and its scanner check.
 */
import { isSet } from './values';

/** Lambda.7: X-Ray tracing mode `Active` (`PassThrough` or none is not). `LambdaActiveTracing`, `lambda-active-tracing`. */
export function tracingActive(mode: unknown): boolean {
  return mode === 'Active';
}

/**
 * Lambda.ReservedConcurrency: the function reserves concurrent executions (any value, 0 included:
 * it is a deliberate cap). `LambdaReservedConcurrency`, `lambda-reserved-concurrency`.
 */
export function reservesConcurrency(reserved: unknown): boolean {
  return reserved !== undefined && reserved !== null;
}

/**
 * Lambda.FailureDestination: a dead-letter queue (`DeadLetterConfig.TargetArn`) or an on-failure
 * destination of one of the function's event invoke configurations. `LambdaFailureDestination`,
 * `lambda-failure-destination`.
 */
export function hasFailureDestination(deadLetterTargetArn: unknown, onFailureDestinations: readonly unknown[]): boolean {
  return isSet(deadLetterTargetArn) || onFailureDestinations.some(isSet);
}
