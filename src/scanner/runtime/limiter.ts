/**
 * Bounded concurrency: at most `limit` tasks run at once, the rest wait in FIFO order.
 *
 * A dozen lines instead of p-limit: p-limit is ESM-only since v4, which this CommonJS/jest
 * toolchain cannot `require`, and the scanner needs nothing beyond run-with-a-slot plus the
 * queue depth for its statistics.
 */
export class Limiter {
  private active = 0;
  private readonly queue: Array<() => void> = [];
  public peak = 0;

  constructor(public readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`invalid concurrency: ${limit}. Must be an integer >= 1`);
  }

  public async run<T>(task: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await task();
    } finally {
      release();
    }
  }

  /** Waits for a slot; the returned function gives it back (once). */
  public async acquire(): Promise<() => void> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.active++;
    this.peak = Math.max(this.peak, this.active);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      this.queue.shift()?.();
    };
  }

  public get pending(): number {
    return this.queue.length;
  }
}
