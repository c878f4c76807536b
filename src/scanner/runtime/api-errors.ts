/** Classifying AWS API errors (throttle, transient, admitted by the service) and the errors a scan records. */

export interface ScanError {
  readonly service: string;
  readonly region: string;
  readonly api: string;
  readonly resource?: string;
  readonly code: string;
  readonly message: string;
  readonly at: string;
}

const THROTTLE_CODES = new Set([
  'Throttling', 'ThrottlingException', 'ThrottledException', 'RequestThrottledException', 'TooManyRequestsException',
  'ProvisionedThroughputExceededException', 'TransactionInProgressException', 'RequestLimitExceeded',
  'BandwidthLimitExceeded', 'LimitExceededException', 'RequestThrottled', 'SlowDown', 'PriorRequestNotComplete',
  'EC2ThrottledException',
]);
const TRANSIENT_CODES = new Set([
  'TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'AbortError', 'CallDeadlineExceeded', 'ECONNRESET',
  'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'InternalError', 'InternalFailure', 'ServiceUnavailable', 'ServiceUnavailableException',
]);

interface SdkError {
  name?: string;
  code?: string;
  Code?: string;
  message?: string;
  $fault?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

export function errorCode(e: unknown): string {
  const err = e as SdkError;
  return err?.Code ?? (err?.name && err.name !== 'Error' ? err.name : undefined) ?? err?.code ?? 'UnknownError';
}

export function isThrottle(e: unknown): boolean {
  return THROTTLE_CODES.has(errorCode(e)) || (e as SdkError)?.$metadata?.httpStatusCode === 429;
}

/**
 * An error the service answered with, past its rate limiter: an HTTP status below 500 that is not
 * a throttle (NoSuchBucketPolicy, ResourceNotFoundException, AccessDenied). Such a request used
 * the API's rate budget like a successful one; 5xx, timeouts and network errors say nothing about it.
 */
export function admittedByService(e: unknown): boolean {
  const status = (e as SdkError)?.$metadata?.httpStatusCode ?? 0;
  return status >= 400 && status < 500 && !isThrottle(e);
}

/** Failures that say the service (not one resource) is unhealthy: they count toward the breaker. */
export function isServiceFailure(e: unknown): boolean {
  const err = e as SdkError;
  const status = err?.$metadata?.httpStatusCode ?? 0;
  return isThrottle(e) || TRANSIENT_CODES.has(errorCode(e)) || err?.$fault === 'server' || status >= 500;
}

export class CircuitOpenError extends Error {
  public readonly name = 'CircuitOpen';
  constructor(service: string) {
    super(`circuit breaker for ${service} is open after repeated failures`);
  }
}
export class DeadlineExceededError extends Error {
  public readonly name = 'ScanDeadlineExceeded';
  constructor() {
    super('the scan deadline passed before this call could complete');
  }
}
export class CallDeadlineError extends Error {
  public readonly name = 'CallDeadlineExceeded';
  constructor(ms: number) {
    super(`call did not complete within its ${ms} ms deadline`);
  }
}

/** An API error with the context it happened in. */
export class ScanApiError extends Error {
  constructor(public readonly record: ScanError, public readonly cause: unknown) {
    super(`${record.service}:${record.api} in ${record.region}${record.resource ? ` for ${record.resource}` : ''} failed: ${record.code}: ${record.message}`);
    this.name = 'ScanApiError';
  }
}
