import { type KeyValueCache, type KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import { LRUCache } from 'lru-cache';
import { type RedisConnection } from '../redis/redis-connection';

/** How long a registered persisted query is kept; a client that finds it gone sends the query again. */
export const PERSISTED_QUERY_TTL_SECONDS = 24 * 60 * 60;
/** Memory for persisted queries kept in this process (query text, least recently used first). */
const LOCAL_MAX_BYTES = 16 * 1024 * 1024;

/**
 * Apollo's store of automatic persisted queries (hash -> query text). Always kept in a bounded
 * in-process LRU; with Redis also in Redis, so a query registered through one instance is known
 * to all. While Redis is away it is this process's LRU alone: at worst a client is asked for
 * the full query once more (PERSISTED_QUERY_NOT_FOUND), never an error.
 */
export class PersistedQueryStore implements KeyValueCache<string> {
  private readonly local = new LRUCache<string, string>({ maxSize: LOCAL_MAX_BYTES, sizeCalculation: (value, key) => 2 * (value.length + key.length) });

  constructor(private readonly redis: RedisConnection | null) {}

  async get(key: string): Promise<string | undefined> {
    const known = this.local.get(key);
    if (known !== undefined || !this.redis?.isReady) return known;
    try {
      const shared = await this.redis.client.get(this.redis.key(key));
      if (shared === null) return undefined;
      this.local.set(key, shared);
      return shared;
    } catch {
      return undefined;
    }
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    const ttl = options?.ttl ?? PERSISTED_QUERY_TTL_SECONDS;
    this.local.set(key, value, { ttl: ttl * 1000 });
    if (!this.redis?.isReady) return;
    try {
      await this.redis.client.set(this.redis.key(key), value, 'EX', ttl);
    } catch {
      // Redis is away: this instance still knows the query.
    }
  }

  async delete(key: string): Promise<boolean> {
    const deleted = this.local.delete(key);
    if (!this.redis?.isReady) return deleted;
    try {
      return (await this.redis.client.del(this.redis.key(key))) > 0 || deleted;
    } catch {
      return deleted;
    }
  }
}
