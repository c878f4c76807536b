/**
 * Client-side pacing per API (service, region, operation): additive increase, multiplicative
 * decrease. An API is unpaced until it is first throttled; then requests are spaced at a rate
 * just under the rate that succeeded over the last second, which creeps up by about one
 * request per second per second until the next throttle cuts it again.
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

  constructor(private readonly now: () => number = Date.now) {}

  /** Waits for this request's slot. */
  public async acquire(): Promise<void> {
    if (this.rate === undefined) return;
    const t = this.now();
    const slot = Math.max(t, this.next);
    this.next = slot + 1000 / this.rate;
    if (slot > t) await new Promise((r) => setTimeout(r, slot - t));
  }

  public success(): void {
    const t = this.now();
    this.successes.push(t);
    while (this.successes.length > 0 && this.successes[0] < t - 1000) this.successes.shift();
    if (this.rate !== undefined) this.rate += 1 / this.rate;
  }

  public throttled(): void {
    const t = this.now();
    // Requests already in flight when the limit was hit fail together: cut once per second.
    if (t - this.lastCut < 1000) return;
    this.lastCut = t;
    while (this.successes.length > 0 && this.successes[0] < t - 1000) this.successes.shift();
    const measured = Math.max(1, this.successes.length);
    this.rate = Math.max(1, Math.min(this.rate ?? measured, measured) * 0.9);
  }
}
