// The counter stores @fastify/rate-limit ships (store/LocalStore.js, store/RedisStore.js) have no
// type declarations of their own; these match their constructors and the store interface.
declare module '@fastify/rate-limit/store/LocalStore' {
  import { type FastifyRateLimitStore } from '@fastify/rate-limit';

  /** Fixed-window counters in a bounded LRU map of `cacheSize` keys. */
  class LocalStore implements FastifyRateLimitStore {
    constructor(continueExceeding: boolean, exponentialBackoff: boolean, cacheSize?: number);
    incr: FastifyRateLimitStore['incr'];
    child: FastifyRateLimitStore['child'];
  }
  export = LocalStore;
}

declare module '@fastify/rate-limit/store/RedisStore' {
  import { type FastifyRateLimitStore } from '@fastify/rate-limit';
  import type Redis from 'ioredis';

  /** Fixed-window counters in Redis: one Lua script INCRs `keyPrefix + key` and sets its expiry. */
  class RedisStore implements FastifyRateLimitStore {
    constructor(continueExceeding: boolean, exponentialBackoff: boolean, redis: Redis, keyPrefix?: string);
    incr: FastifyRateLimitStore['incr'];
    child: FastifyRateLimitStore['child'];
  }
  export = RedisStore;
}
