import { type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import { type RedisConnection } from '../redis/redis-connection';

/** What an access token is checked against: its user as stored, and whether its session (refresh family) is still open. */
export interface SessionState {
  userId: string;
  email: string;
  role: string;
  disabled: boolean;
  sessionVersion: number;
  sessionOpen: boolean;
  /** Whether the user signs in with a second factor (REQUIRE_ADMIN_TWO_FACTOR reads it). */
  twoFactor: boolean;
}

/** Users whose cached states were forgotten stay uncached this long, so a read that began before a change's commit is not kept. */
const FORGOTTEN_FOR_MS = 30_000;
/** Bounds memory: past this many users, the oldest entries go. */
const MAX_USERS = 10_000;
const CHANNEL = 'sessions-ended';

interface Entry {
  state: SessionState | null;
  expiresAt: number;
}

/**
 * Keeps session states for a few seconds (SESSION_CHECK_CACHE_SECONDS) so that an access token
 * costs no database read on most requests. Ending sessions forgets the user's entries here at
 * once and, with Redis, on every other instance through a pub/sub message; without Redis (or
 * while it is away) another instance keeps its entry until it expires. After a forget the user
 * is not cached for FORGOTTEN_FOR_MS, which covers a read that raced the change's transaction.
 */
export class SessionCache implements OnModuleInit, OnModuleDestroy {
  private readonly entries = new Map<string, Map<string, Entry>>();
  private readonly forgotten = new Map<string, number>();
  private subscriber: Redis | null = null;

  constructor(
    private readonly ttlMs: number,
    private readonly redis: RedisConnection | null,
  ) {}

  get(userId: string, sessionId: string): SessionState | null | undefined {
    const entry = this.entries.get(userId)?.get(sessionId);
    if (!entry) return undefined;
    if (entry.expiresAt > Date.now()) return entry.state;
    this.entries.get(userId)?.delete(sessionId);
    return undefined;
  }

  set(userId: string, sessionId: string, state: SessionState | null): void {
    if (this.ttlMs <= 0) return;
    const forgottenUntil = this.forgotten.get(userId);
    if (forgottenUntil !== undefined) {
      if (forgottenUntil > Date.now()) return;
      this.forgotten.delete(userId);
    }
    let sessions = this.entries.get(userId);
    if (!sessions) {
      if (this.entries.size >= MAX_USERS) this.entries.delete(this.entries.keys().next().value!);
      sessions = new Map();
      this.entries.set(userId, sessions);
    }
    sessions.set(sessionId, { state, expiresAt: Date.now() + this.ttlMs });
  }

  /** Drops the user's entries here and, with Redis, on every instance. */
  async forget(userId: string): Promise<void> {
    this.forgetLocally(userId);
    if (!this.redis?.isReady) return;
    await this.redis.client.publish(this.redis.key(CHANNEL), userId).catch(() => undefined);
  }

  async onModuleInit(): Promise<void> {
    if (!this.redis || this.ttlMs <= 0) return;
    const subscriber = this.redis.client.duplicate();
    this.subscriber = subscriber;
    // A message missed while disconnected would leave an entry standing: start over on every (re)connection.
    subscriber.on('ready', () => this.entries.clear());
    subscriber.on('message', (_channel: string, userId: string) => this.forgetLocally(userId));
    // The connection reports its own errors; a failed subscription leaves the cache's expiry as the bound.
    subscriber.on('error', () => undefined);
    await subscriber
      .connect()
      .then(() => subscriber.subscribe(this.redis!.key(CHANNEL)))
      .catch(() => undefined);
  }

  onModuleDestroy(): void {
    this.subscriber?.disconnect();
  }

  private forgetLocally(userId: string): void {
    this.entries.delete(userId);
    if (this.forgotten.size >= MAX_USERS) this.forgotten.delete(this.forgotten.keys().next().value!);
    this.forgotten.set(userId, Date.now() + Math.max(FORGOTTEN_FOR_MS, this.ttlMs));
  }
}
