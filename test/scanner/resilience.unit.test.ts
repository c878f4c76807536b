import { CircuitBreaker } from '../../src/scanner/runtime/breaker';
import { endpointOverride, errorCode, isServiceFailure, isThrottle } from '../../src/scanner/runtime/clients';
import { Limiter } from '../../src/scanner/runtime/limiter';
import { ApiPacer } from '../../src/scanner/runtime/pacer';

describe('Limiter', () => {
  test('never runs more than its limit at once and runs everything', async () => {
    const limiter = new Limiter(3);
    let active = 0;
    let peak = 0;
    const order: number[] = [];
    const gates: Array<() => void> = [];
    const tasks = Array.from({ length: 10 }, (_, i) =>
      limiter.run(async () => {
        active++;
        peak = Math.max(peak, active);
        await new Promise<void>((r) => gates.push(r));
        order.push(i);
        active--;
        return i;
      }));
    while (order.length < 10) {
      await new Promise((r) => setImmediate(r));
      gates.shift()?.();
    }
    expect(await Promise.all(tasks)).toEqual([...Array(10).keys()]);
    expect(peak).toBe(3);
    expect(limiter.peak).toBe(3);
    expect(order).toEqual([...Array(10).keys()]); // FIFO
  });

  test('a failing task frees its slot', async () => {
    const limiter = new Limiter(1);
    await expect(limiter.run(() => Promise.reject(new Error('x')))).rejects.toThrow('x');
    await expect(limiter.run(() => Promise.resolve(1))).resolves.toBe(1);
  });

  test('invalid limit is refused by name', () => {
    expect(() => new Limiter(0)).toThrow('invalid concurrency: 0');
  });
});

describe('CircuitBreaker', () => {
  test('opens after the threshold of consecutive failures, lets one trial through after the cooldown', () => {
    let now = 0;
    const b = new CircuitBreaker(3, 1000, () => now);
    b.failure();
    b.failure();
    b.success(); // resets the run
    b.failure();
    b.failure();
    expect(b.state).toBe('CLOSED');
    b.failure();
    expect(b.state).toBe('OPEN');
    expect(b.allow()).toBe(false);
    now = 999;
    expect(b.allow()).toBe(false);
    now = 1000;
    expect(b.allow()).toBe(true); // the trial
    expect(b.state).toBe('HALF_OPEN');
    expect(b.allow()).toBe(false); // only one trial at a time
    b.failure();
    expect(b.state).toBe('OPEN');
    now = 2000;
    expect(b.allow()).toBe(true);
    b.success();
    expect(b.state).toBe('CLOSED');
    expect(b.timesOpened).toBe(2);
  });
});

describe('error classification', () => {
  const err = (name: string, status?: number, fault?: string) =>
    Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status }, $fault: fault });
  test.each([
    ['RequestLimitExceeded', 503, true, true],
    ['ThrottlingException', 400, true, true],
    ['SlowDown', 503, true, true],
    ['Unknown', 429, true, true],
    ['InternalError', 500, false, true],
    ['TimeoutError', undefined, false, true],
    ['AccessDenied', 403, false, false],
    ['NoSuchBucketPolicy', 404, false, false],
  ])('%s (%s): throttle %s, service failure %s', (name, status, throttle, failure) => {
    const e = err(name as string, status as number | undefined);
    expect(errorCode(e)).toBe(name);
    expect(isThrottle(e)).toBe(throttle);
    expect(isServiceFailure(e)).toBe(failure);
  });
  test('server faults count as service failures', () => {
    expect(isServiceFailure(err('Weird', 400, 'server'))).toBe(true);
  });
});

describe('endpointOverride', () => {
  test('service variable first, then the general one, off when ignored', () => {
    expect(endpointOverride('s3control', { AWS_ENDPOINT_URL_S3_CONTROL: 'http://a', AWS_ENDPOINT_URL: 'http://b' })).toBe('http://a');
    expect(endpointOverride('s3', { AWS_ENDPOINT_URL: 'http://b' })).toBe('http://b');
    expect(endpointOverride('s3', {})).toBeUndefined();
    expect(endpointOverride('s3', { AWS_ENDPOINT_URL: 'http://b', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' })).toBeUndefined();
  });
});

describe('ApiPacer', () => {
  test('unpaced until throttled; then paced just under the measured rate, cut once per second, creeping back up', async () => {
    let now = 0;
    const p = new ApiPacer(() => now);
    expect(p.rate).toBeUndefined();
    for (let i = 0; i < 30; i++) {
      now += 10;
      p.success();
    }
    now += 10;
    p.throttled();
    expect(p.rate).toBeCloseTo(27, 5); // 30 successes in the last second, times 0.9
    p.throttled(); // the other in-flight requests of the same burst do not cut again
    expect(p.rate).toBeCloseTo(27, 5);
    p.success();
    expect(p.rate).toBeGreaterThan(27);
    const before = p.rate!;
    now += 2000;
    p.throttled(); // nothing succeeded in the last second: still never below half the rate in one cut
    expect(p.rate).toBeCloseTo((before / 2) * 0.9, 5);
    for (let i = 0; i < 20; i++) {
      now += 1001;
      p.throttled();
    }
    expect(p.rate).toBe(1); // floor of 1 request/second
  });
});

describe('ApiPacer.acquire', () => {
  test('releases waiters in FIFO order at the current rate; maxWait lets a waiter go', async () => {
    const p = new ApiPacer();
    await p.acquire(); // unpaced: immediate
    p.throttled();
    p.rate = 1000; // one per millisecond
    const order: number[] = [];
    await Promise.all([1, 2, 3, 4].map((i) => p.acquire().then(() => order.push(i))));
    expect(order).toEqual([1, 2, 3, 4]);
    p.rate = 0.001; // one per 1000 s: only maxWait gets the next ones through
    await p.acquire(); // takes the slot now
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    await expect(p.acquire(10)).resolves.toBeUndefined();
    // The pump stops waiting for the next slot once nobody waits (it would hold the process 1000 s).
    expect(timers()).toBe(before);
  });
});
