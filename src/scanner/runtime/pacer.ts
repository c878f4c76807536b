/**
 * Client-side pacing per API (service, region, operation): additive increase, multiplicative
 * decrease. An API is unpaced until it is first throttled; then requests are spaced at a rate
 * just under the rate that succeeded over the last second, which creeps up by about two
 * requests per second per second until the next throttle cuts it again.
 *
 * The SDK's own adaptive mode paces a whole client (all operations of a service in a region)
 * at one rate; AWS throttles per operation, so two busy operations (DescribeKey and
 * GetKeyRotationStatus) would share one operation's budget. Throttles are still retried by
 * the SDK's standard strategy; pacing only keeps them rare.
 */
export class ApiPacer {
  /** Requests per second, or undefined while unpaced. */
  public rate: number | undefined;
  private next = 0;
  private readonly successes: number[] = [];
  private lastCut = -Infinity;
  private readonly waiters: Array<{ release: () => void; timer: NodeJS.Timeout | undefined }> = [];
  private pumping = false;
  /** Ends the pump's wait for the next slot early (when the last waiter gave up). */
  private wake: (() => void) | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Waits for this request's turn. Waiters queue in FIFO order and one is released every
   * 1000 / rate ms at the rate in force at that moment (slots are never reserved in advance,
   * so a rate that recovers speeds up everyone already waiting). With `maxWaitMs`, a waiter
   * still queued after that long leaves the queue and goes (retries: they already backed off).
   */
  public acquire(maxWaitMs = Infinity): Promise<void> {
    if (this.rate === undefined) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const waiter = { release: resolve, timer: undefined as NodeJS.Timeout | undefined };
      if (Number.isFinite(maxWaitMs)) {
        waiter.timer = setTimeout(() => {
          const i = this.waiters.indexOf(waiter);
          if (i >= 0) this.waiters.splice(i, 1);
          // Nobody left to release: the pump stops waiting (at a low rate, for many seconds).
          if (this.waiters.length === 0) this.wake?.();
          resolve();
        }, maxWaitMs);
      }
      this.waiters.push(waiter);
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.waiters.length > 0) {
        const t = this.now();
        if (this.rate === undefined || t >= this.next) {
          this.next = t + (this.rate === undefined ? 0 : 1000 / this.rate);
          const w = this.waiters.shift()!;
          clearTimeout(w.timer);
          w.release();
        } else {
          await new Promise<void>((r) => {
            const timer = setTimeout(r, this.next - t);
            this.wake = () => {
              clearTimeout(timer);
              r();
            };
          });
          this.wake = undefined;
        }
      }
    } finally {
      this.pumping = false;
    }
  }

  /**
   * An attempt the service answered without throttling it: a 200, or a 4xx such as
   * NoSuchBucketPolicy, which passed the rate limiter all the same.
   */
  public success(): void {
    const t = this.now();
    this.successes.push(t);
    while (this.successes.length > 0 && this.successes[0] < t - 1000) this.successes.shift();
    // About +2 requests/second per second: a low first estimate recovers in seconds.
    if (this.rate !== undefined) this.rate += 2 / this.rate;
  }

  public throttled(): void {
    const t = this.now();
    // Requests already in flight when the limit was hit fail together: cut once per second.
    if (t - this.lastCut < 1000) return;
    this.lastCut = t;
    while (this.successes.length > 0 && this.successes[0] < t - 1000) this.successes.shift();
    const measured = Math.max(1, this.successes.length);
    // The measured rate may be held down by our own concurrency limit rather than the service:
    // never cut below half the current rate in one step.
    const base = this.rate === undefined ? measured : Math.max(Math.min(this.rate, measured), this.rate / 2);
    this.rate = Math.max(1, base * 0.9);
  }
}

/**
 * A token bucket for an API with a documented rate limit: `burst` requests at once, then
 * `ratePerSec`. `take()` waits for a token; callers in FIFO order.
 */
export class TokenBucket {
  private tokens: number;
  private at: number;
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly ratePerSec: number, private readonly burst: number, private readonly now: () => number = Date.now) {
    if (!(ratePerSec > 0) || !(burst >= 1)) throw new Error(`invalid token bucket: rate ${ratePerSec}/s, burst ${burst}`);
    this.tokens = burst;
    this.at = now();
  }

  public take(): Promise<void> {
    const turn = this.chain.then(async () => {
      for (;;) {
        const t = this.now();
        this.tokens = Math.min(this.burst, this.tokens + ((t - this.at) / 1000) * this.ratePerSec);
        this.at = t;
        if (this.tokens >= 1) {
          this.tokens -= 1;
          return;
        }
        await new Promise((r) => setTimeout(r, Math.ceil(((1 - this.tokens) / this.ratePerSec) * 1000)));
      }
    });
    this.chain = turn;
    return turn;
  }
}
