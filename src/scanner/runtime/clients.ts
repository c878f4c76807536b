/** AwsClients: the scan's shared SDK clients with limiters, breakers, pacers, deadlines, statistics and an error log. */
import { setMaxListeners } from 'events';
import * as http from 'http';
import * as https from 'https';
import { CallDeadlineError, CircuitOpenError, DeadlineExceededError, errorCode, isServiceFailure, ScanApiError, ScanError } from './api-errors';
import { CircuitBreaker } from './breaker';
import { Limiter } from './limiter';
import { ApiPacer } from './pacer';
import { ClientOf, createSdkClient, ServiceKey } from './sdk-clients';

export { admittedByService, CircuitOpenError, DeadlineExceededError, errorCode, isServiceFailure, isThrottle, ScanApiError } from './api-errors';
export type { ScanError } from './api-errors';
export { endpointOverride } from './sdk-clients';
export type { ServiceKey } from './sdk-clients';

export interface ResilienceOptions {
  /** Attempts per call, first included (SDK standard retry mode: exponential backoff with full jitter). @default 5 */
  readonly maxAttempts?: number;
  /** SDK retry mode. `adaptive` adds client-side rate limiting after throttles. @default 'standard' */
  readonly retryMode?: 'standard' | 'adaptive';
  /** TCP/TLS connect timeout per attempt. @default 3000 */
  readonly connectionTimeoutMs?: number;
  /** Request/response (and socket idle) timeout per attempt. @default 15000 */
  readonly requestTimeoutMs?: number;
  /** Deadline for one call including all its retries. @default 60000 */
  readonly callTimeoutMs?: number;
  /** Calls in flight per service. @default 8 */
  readonly concurrency?: number;
  /** Per-service overrides of `concurrency`, e.g. `{ iam: 2 }`. */
  readonly concurrencyByService?: Partial<Record<ServiceKey, number>>;
  /** Consecutive service failures that open a service's breaker. @default 5 */
  readonly breakerThreshold?: number;
  /** Time an open breaker waits before one trial call. @default 30000 */
  readonly breakerCooldownMs?: number;
  /** Pace each API client-side after its first throttle (see ApiPacer). @default true */
  readonly pacing?: boolean;
}

export interface ApiStats {
  calls: number;
  pages: number;
  /** HTTP attempts, retries included. */
  attempts: number;
  retries: number;
  throttles: number;
  errors: number;
  /** Calls refused because the breaker was open. */
  shortCircuited: number;
  breakerState: string;
}


export interface CallSpec {
  readonly service: ServiceKey;
  readonly region: string;
  readonly api: string;
  readonly resource?: string;
  /** Error codes meaning "this resource has none" (NoSuchBucketPolicy): the call returns null. */
  readonly absentOn?: readonly string[];
}

type Paginator<C, I, O> = (config: { client: C; pageSize?: number; stopOnSameToken?: boolean }, input: I) => AsyncIterable<O>;

/**
 * One SDK client per (service, region), shared by every collector, with retries, timeouts,
 * a per-call deadline, bounded concurrency and a circuit breaker per service, statistics per
 * service and an error log with context. An overall deadline signal aborts everything in flight.
 */
export class AwsClients {
  private readonly clients = new Map<string, unknown>();
  private readonly limiters = new Map<string, Limiter>();
  private readonly breakers = new Map<string, CircuitBreaker>();
  private readonly pacers = new Map<string, ApiPacer>();
  public readonly stats: Record<string, ApiStats> = {};
  public readonly errors: ScanError[] = [];
  private readonly opts: Required<Omit<ResilienceOptions, 'concurrencyByService'>> & Pick<ResilienceOptions, 'concurrencyByService'>;
  /** Keep-alive agents per service, so one busy service cannot take every socket. */
  private readonly agents = new Map<string, { http: http.Agent; https: https.Agent }>();

  constructor(
    options: ResilienceOptions = {},
    /** Aborted at the overall scan deadline. */
    public readonly deadline: AbortSignal = new AbortController().signal,
    private readonly extraClientConfig: Record<string, unknown> = {},
  ) {
    this.opts = {
      maxAttempts: options.maxAttempts ?? 5,
      retryMode: options.retryMode ?? 'standard',
      connectionTimeoutMs: options.connectionTimeoutMs ?? 3000,
      requestTimeoutMs: options.requestTimeoutMs ?? 15000,
      callTimeoutMs: options.callTimeoutMs ?? 60000,
      concurrency: options.concurrency ?? 8,
      concurrencyByService: options.concurrencyByService,
      breakerThreshold: options.breakerThreshold ?? 5,
      breakerCooldownMs: options.breakerCooldownMs ?? 30000,
      pacing: options.pacing ?? true,
    };
    setMaxListeners(0, deadline); // every call in flight listens for the scan deadline
  }

  public get options(): Readonly<ResilienceOptions> {
    return this.opts;
  }

  public statsFor(service: string): ApiStats {
    return (this.stats[service] ??= {
      calls: 0, pages: 0, attempts: 0, retries: 0, throttles: 0, errors: 0, shortCircuited: 0, breakerState: 'CLOSED',
    });
  }

  public breaker(service: string): CircuitBreaker {
    let b = this.breakers.get(service);
    if (!b) {
      b = new CircuitBreaker(this.opts.breakerThreshold, this.opts.breakerCooldownMs);
      this.breakers.set(service, b);
    }
    return b;
  }

  private agent(service: string): { http: http.Agent; https: https.Agent } {
    let a = this.agents.get(service);
    if (!a) {
      // Twice the concurrency: sockets of timed-out attempts may linger while retries go out.
      const maxSockets = this.limiter(service).limit * 2;
      a = { http: new http.Agent({ keepAlive: true, maxSockets }), https: new https.Agent({ keepAlive: true, maxSockets }) };
      this.agents.set(service, a);
    }
    return a;
  }

  public pacer(key: string): ApiPacer {
    let p = this.pacers.get(key);
    if (!p) {
      p = new ApiPacer();
      this.pacers.set(key, p);
    }
    return p;
  }

  public limiter(service: string): Limiter {
    let l = this.limiters.get(service);
    if (!l) {
      l = new Limiter(this.opts.concurrencyByService?.[service as ServiceKey] ?? this.opts.concurrency);
      this.limiters.set(service, l);
    }
    return l;
  }

  /** The shared client for (service, region). */
  public client<K extends ServiceKey>(service: K, region: string): ClientOf<K> {
    const key = `${service}:${region}`;
    let c = this.clients.get(key) as ClientOf<K> | undefined;
    if (!c) {
      const stats = this.statsFor(service);
      c = createSdkClient(service, region, { ...this.opts, extraConfig: this.extraClientConfig }, this.agent(service), {
        paceRetries: this.opts.pacing,
        pacer: (api) => this.pacer(`${key}:${api}`),
        attempted: () => stats.attempts++,
        throttled: () => stats.throttles++,
      });
      this.clients.set(key, c);
    }
    return c;
  }

  private record(spec: CallSpec, code: string, message: string): ScanError {
    const rec: ScanError = {
      service: spec.service,
      region: spec.region,
      api: spec.api,
      code,
      message,
      at: new Date().toISOString(),
      ...(spec.resource ? { resource: spec.resource } : {}),
    };
    this.errors.push(rec);
    return rec;
  }

  /**
   * Runs one API call under the service's limiter and breaker with a per-call deadline (all
   * attempts) and the scan deadline. Unexpected errors are recorded with context and rethrown
   * as ScanApiError; codes in `absentOn` return null.
   */
  public async call<K extends ServiceKey, T>(
    spec: CallSpec & { service: K },
    fn: (client: ClientOf<K>, signal: AbortSignal) => Promise<T>,
  ): Promise<T | null> {
    const pacer = this.pacer(`${spec.service}:${spec.region}:${spec.api}`);
    const limiter = this.limiter(spec.service);
    // Take the API's pace slot first, then a concurrency slot. A call that was queued before its
    // API began to be paced gives its concurrency slot back while it waits for a pace slot, so
    // a throttled API never holds every slot of its service.
    let paced = false;
    let release: () => void;
    for (;;) {
      if (this.opts.pacing && pacer.rate !== undefined && !paced) {
        await pacer.acquire();
        paced = true;
      }
      release = await limiter.acquire();
      if (!this.opts.pacing || paced || pacer.rate === undefined) break;
      release();
    }
    return this.runInSlot(spec, fn, release);
  }

  private async runInSlot<K extends ServiceKey, T>(
    spec: CallSpec & { service: K },
    fn: (client: ClientOf<K>, signal: AbortSignal) => Promise<T>,
    release: () => void,
  ): Promise<T | null> {
    const stats = this.statsFor(spec.service);
    const breaker = this.breaker(spec.service);
    return (async () => {
      // A call refused before it starts gives its concurrency slot back at once: a slot kept here
      // would leave later calls of the service waiting for it until the scan deadline.
      if (this.deadline.aborted) {
        release();
        const rec = this.record(spec, 'ScanDeadlineExceeded', new DeadlineExceededError().message);
        throw new ScanApiError(rec, new DeadlineExceededError());
      }
      if (!breaker.allow()) {
        release();
        stats.shortCircuited++;
        stats.breakerState = breaker.state;
        const err = new CircuitOpenError(spec.service);
        throw new ScanApiError(this.record(spec, err.name, err.message), err);
      }
      stats.calls++;
      const controller = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const onDeadline = () => controller.abort(new DeadlineExceededError());
      this.deadline.addEventListener('abort', onDeadline, { once: true });
      // The race guarantees the deadline even where an SDK step (a backoff sleep) ignores the signal.
      const guard = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const e = new CallDeadlineError(this.opts.callTimeoutMs);
          controller.abort(e);
          reject(e);
        }, this.opts.callTimeoutMs);
        controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
      });
      guard.catch(() => undefined);
      try {
        const result = await Promise.race([fn(this.client(spec.service, spec.region), controller.signal), guard]);
        breaker.success();
        return result;
      } catch (e) {
        const code = this.deadline.aborted ? 'ScanDeadlineExceeded' : errorCode(e);
        if (spec.absentOn?.includes(code)) {
          breaker.success();
          return null;
        }
        stats.errors++;
        if (isServiceFailure(e) || code === 'ScanDeadlineExceeded') breaker.failure();
        else breaker.success();
        const message = (e as Error)?.message ?? String(e);
        throw new ScanApiError(this.record(spec, code, message), e);
      } finally {
        clearTimeout(timer);
        this.deadline.removeEventListener('abort', onDeadline);
        stats.retries = stats.attempts - stats.calls;
        stats.breakerState = breaker.state;
        release();
      }
    })();
  }

  /** `call` that never returns null (no absent codes). */
  public async send<K extends ServiceKey, T>(
    spec: CallSpec & { service: K },
    fn: (client: ClientOf<K>, signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    return (await this.call({ ...spec, absentOn: undefined }, fn)) as T;
  }

  /**
   * Every page of a List/Describe through the SDK's own paginator; each page is one call
   * under the limiter, breaker and deadlines. `stopOnSameToken` guards against a service that
   * returns the same token twice.
   */
  public async paginate<K extends ServiceKey, I, O>(
    spec: CallSpec & { service: K },
    paginator: Paginator<ClientOf<K>, I, O>,
    input: I,
    pageSize?: number,
  ): Promise<O[]> {
    const real = this.client(spec.service, spec.region);
    const proxy = Object.create(real) as ClientOf<K>;
    (proxy as unknown as { send: Function }).send = (command: unknown) =>
      this.send(spec, (client, signal) => (client as unknown as { send: Function }).send(command, { abortSignal: signal }));
    const pages: O[] = [];
    for await (const page of paginator({ client: proxy, pageSize, stopOnSameToken: true }, input)) {
      pages.push(page);
      this.statsFor(spec.service).pages++;
    }
    return pages;
  }

  /** Closes keep-alive sockets (tests and the CLI call this at the end). */
  public destroy(): void {
    for (const c of this.clients.values()) (c as { destroy(): void }).destroy();
    for (const a of this.agents.values()) {
      a.http.destroy();
      a.https.destroy();
    }
  }
}
