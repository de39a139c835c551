import { createHash } from 'node:crypto';

/** The outcome of reserving an attempt. */
export interface AttemptReservation {
  allowed: boolean;
  /** When refused: seconds until the window reopens (at least 1). 0 when allowed. */
  retryAfterSeconds: number;
  /** True for the first refusal of a window: the moment a budget ran out, worth one audit entry. */
  firstRefusal: boolean;
  /** Names the reservation for `release`. */
  attemptId: string;
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
  /** Gives back an allowed reservation: the attempt turned out not to count (it succeeded, or another budget refused it). */
  release(key: string, reservation: AttemptReservation): Promise<void>;
  /** Whether an attempt would be allowed now, without counting one. */
  peek(key: string): Promise<AttemptReservation>;
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
export function reservationOf(attempts: number, msLeft: number, window: AttemptWindow, attemptId: string, firstRefusal = false): AttemptReservation {
  if (attempts <= window.maxAttempts) return { allowed: true, retryAfterSeconds: 0, firstRefusal: false, attemptId };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(msLeft / 1000)), firstRefusal, attemptId };
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

  release(key: string, reservation: AttemptReservation): Promise<void> {
    return this.primary.release(key, reservation).catch(() => this.fallback.release(key, reservation));
  }

  peek(key: string): Promise<AttemptReservation> {
    return this.primary.peek(key).catch(() => this.fallback.peek(key));
  }

  reset(key: string): Promise<void> {
    return this.primary.reset(key).catch(() => this.fallback.reset(key));
  }
}
