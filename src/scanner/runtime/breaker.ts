export type BreakerState = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

/**
 * Circuit breaker for one service. After `threshold` consecutive failures (timeouts, 5xx,
 * throttling that outlived its retries, network errors) it opens: calls fail at once instead of
 * each waiting out its own deadline. After `cooldownMs` one trial call is let through
 * (half-open); its success closes the breaker, its failure opens it again.
 * Client errors about one resource (AccessDenied, NoSuchBucketPolicy) are not service failures.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private trialInFlight = false;
  public state: BreakerState = 'CLOSED';
  public timesOpened = 0;

  constructor(
    public readonly threshold: number,
    public readonly cooldownMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** May a call go ahead now? */
  public allow(): boolean {
    if (this.state === 'CLOSED') return true;
    if (this.state === 'OPEN' && this.now() - this.openedAt >= this.cooldownMs) {
      this.state = 'HALF_OPEN';
      this.trialInFlight = false;
    }
    if (this.state === 'HALF_OPEN' && !this.trialInFlight) {
      this.trialInFlight = true;
      return true;
    }
    return false;
  }

  public success(): void {
    this.failures = 0;
    this.trialInFlight = false;
    this.state = 'CLOSED';
  }

  public failure(): void {
    this.failures++;
    this.trialInFlight = false;
    if (this.state === 'HALF_OPEN' || this.failures >= this.threshold) {
      if (this.state !== 'OPEN') this.timesOpened++;
      this.state = 'OPEN';
      this.openedAt = this.now();
    }
  }
}
