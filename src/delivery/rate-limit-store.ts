import { type FastifyRateLimitStore, type FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import LocalStore from '@fastify/rate-limit/store/LocalStore';
import RedisStore from '@fastify/rate-limit/store/RedisStore';
import { type RedisConnection } from '../redis/redis-connection';

/** Clients whose counts one instance keeps in memory; the least recently seen are forgotten first. */
const LOCAL_KEYS = 100_000;
/** After a failed Redis command, count in process this long before trying Redis again. */
const REDIS_RETRY_MS = 1000;

type IncrCallback = Parameters<FastifyRateLimitStore['incr']>[1];

/**
 * Counts in Redis when the app has one (so every instance sees the same counts), and in this
 * process otherwise. While Redis is away (disconnected, or a command failed or timed out) it
 * counts in process: limits stay in force per instance instead of being lifted or turned into
 * errors, and Redis takes over again once it answers.
 */
export class SharedRateLimitStore implements FastifyRateLimitStore {
  private readonly local = new LocalStore(false, false, LOCAL_KEYS);
  private readonly shared: RedisStore | null;
  private redisRetryAt = 0;

  constructor(private readonly redis: RedisConnection | null) {
    this.shared = redis ? new RedisStore(false, false, redis.client, redis.key('rate-limit', '')) : null;
  }

  /** For @fastify/rate-limit's `store` option, which wants a class: every limiter gets this one store. */
  asStoreClass(): FastifyRateLimitStoreCtor {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const store = this;
    return function SharedStore() {
      return store;
    } as unknown as FastifyRateLimitStoreCtor;
  }

  incr(key: string, callback: IncrCallback, timeWindow: number, max: number): void {
    if (!this.shared || !this.redis?.isReady || Date.now() < this.redisRetryAt) {
      this.local.incr(key, callback, timeWindow, max);
      return;
    }
    this.shared.incr(
      key,
      (error, result) => {
        if (!error) {
          callback(null, result);
          return;
        }
        this.redisRetryAt = Date.now() + REDIS_RETRY_MS;
        this.local.incr(key, callback, timeWindow, max);
      },
      timeWindow,
      max,
    );
  }

  /** Limiters name their buckets in their keys, so they all share this store. */
  child(): FastifyRateLimitStore {
    return this;
  }
}
