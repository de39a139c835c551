import { createHash } from 'node:crypto';

/** Injection token of the limiter that counts sign-in attempts. */
export const LOGIN_ATTEMPT_LIMITER = Symbol('LOGIN_ATTEMPT_LIMITER');

/** The outcome of reserving an attempt. */
export interface AttemptReservation {
  allowed: boolean;
  /** When refused: seconds until the window reopens (at least 1). 0 when allowed. */
  retryAfterSeconds: number;
}

/**
 * Counts attempts per key (e.g. email + IP) in a fixed window that starts at the key's first
 * attempt. An attempt is reserved, atomically, before it is made (before the password is
 * checked): concurrent attempts each get their own number, so no more than `maxAttempts` of
 * them are ever checked in one window, on one instance or many.
 */
export interface AttemptLimiter {
  /** Counts one attempt for `key`; refused once `maxAttempts` were counted in the window. */
  reserve(key: string): Promise<AttemptReservation>;
  /** Forgets the attempts of `key` (after a success). */
  reset(key: string): Promise<void>;
}

export interface AttemptWindow {
  maxAttempts: number;
  windowMs: number;
}

/** Stores keep a digest of the key: it holds an email address. */
export function attemptKeyHash(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Turns a stored count and the time left in its window into a reservation. */
export function reservationOf(attempts: number, msLeft: number, window: AttemptWindow): AttemptReservation {
  if (attempts <= window.maxAttempts) return { allowed: true, retryAfterSeconds: 0 };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(msLeft / 1000)) };
}

/**
 * Uses `primary` (Redis) and, whenever it fails (Redis away), `fallback` (PostgreSQL): the limit
 * keeps holding, shared by the instances, through a Redis outage. Counts made during the outage
 * stay in the fallback and do not add to Redis's once it is back.
 */
export class FallbackAttemptLimiter implements AttemptLimiter {
  constructor(
    private readonly primary: AttemptLimiter,
    private readonly fallback: AttemptLimiter,
  ) {}

  reserve(key: string): Promise<AttemptReservation> {
    return this.primary.reserve(key).catch(() => this.fallback.reserve(key));
  }

  reset(key: string): Promise<void> {
    return this.primary.reset(key).catch(() => this.fallback.reset(key));
  }
}
