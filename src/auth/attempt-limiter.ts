/** Injection token of the limiter that counts failed logins. */
export const LOGIN_ATTEMPT_LIMITER = Symbol('LOGIN_ATTEMPT_LIMITER');

/**
 * Counts failures per key (e.g. email + IP) in a sliding window. Async so that a Redis-backed
 * implementation (shared by several instances) can replace the in-process one.
 */
export interface AttemptLimiter {
  /** Seconds until `key` may try again; 0 when it may try now. */
  retryAfterSeconds(key: string): Promise<number>;
  recordFailure(key: string): Promise<void>;
  /** Forgets the failures of `key` (after a success). */
  reset(key: string): Promise<void>;
}

export interface SlidingWindowOptions {
  maxFailures: number;
  windowMs: number;
  /** Bound on remembered keys, so a flood of distinct keys cannot grow memory without limit. */
  maxKeys?: number;
  now?: () => number;
}

/** AttemptLimiter for one instance: failure timestamps per key, in memory. */
export class InMemoryAttemptLimiter implements AttemptLimiter {
  private readonly failures = new Map<string, number[]>();
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(private readonly options: SlidingWindowOptions) {
    this.maxKeys = options.maxKeys ?? 100_000;
    this.now = options.now ?? Date.now;
  }

  async retryAfterSeconds(key: string): Promise<number> {
    const recent = this.recent(key);
    if (recent.length < this.options.maxFailures) return 0;
    // The window reopens when the oldest failure that still counts falls out of it.
    const reopensAt = recent[recent.length - this.options.maxFailures] + this.options.windowMs;
    return Math.max(1, Math.ceil((reopensAt - this.now()) / 1000));
  }

  async recordFailure(key: string): Promise<void> {
    const recent = this.recent(key);
    recent.push(this.now());
    // Re-inserted so that Map order is least-recently-failed first, which is what gets evicted.
    this.failures.delete(key);
    this.failures.set(key, recent.slice(-this.options.maxFailures));
    while (this.failures.size > this.maxKeys) this.failures.delete(this.failures.keys().next().value as string);
  }

  async reset(key: string): Promise<void> {
    this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.options.windowMs;
    const recent = (this.failures.get(key) ?? []).filter((at) => at > since);
    if (recent.length === 0) this.failures.delete(key);
    return recent;
  }
}
