import { createHash } from 'node:crypto';
import { type Logger as PinoLogger } from 'pino';
import { type RedisConnection } from '../redis/redis-connection';
import { type CachedResponse, type Lookup, MAX_ENTRY_BYTES, type ResponseCacheStore } from './response-cache';

/**
 * After a reconnection, hits wait this long: every instance retries its failed invalidations as
 * soon as it is connected again, and they all reconnect within ioredis' 2 s back-off.
 */
const RECONNECT_GRACE_MS = 5000;
/** How often failed invalidations are retried while Redis is away. */
const RETRY_INTERVAL_MS = 1000;
/** Beyond this many tags waiting for Redis, the whole cache is invalidated instead. */
const MAX_PENDING_TAGS = 10_000;
/** Tags per invalidation script call, so one call never blocks Redis for long. */
const TAGS_PER_CALL = 1000;
/** Every entry carries this tag: stamping it invalidates the whole cache. */
const EVERYTHING = '*';

// Generations are Redis server time in microseconds (exact in Lua's doubles), never below the last
// one given out: they keep increasing across a Redis restart that lost every key, so a read that
// began before the restart cannot store what it read under a generation newer than a later publish.
const NOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
`;

// True when a tag of the entry was stamped after generation g (tags come in batches for MGET).
const STALE = `
local function stale(prefix, tags, g)
  for i = 1, #tags, 256 do
    local keys = {}
    for j = i, math.min(i + 255, #tags) do keys[#keys + 1] = prefix .. tags[j] end
    local stamps = redis.call('MGET', unpack(keys))
    for j = 1, #stamps do
      if stamps[j] and tonumber(stamps[j]) > g then return true end
    end
  end
  return false
end
`;

/** KEYS: entry, generation. ARGV: tag key prefix. Returns {1, generation, body, headers, storedAt} or {0, generation}. */
const LOOKUP = `${NOW}${STALE}
local last = tonumber(redis.call('GET', KEYS[2]) or '0')
local current = math.max(now, last)
local entry = redis.call('HMGET', KEYS[1], 'g', 't', 'b', 'h', 's')
if not entry[1] then return {0, current} end
local g = tonumber(entry[1])
if last > g and stale(ARGV[1], cjson.decode(entry[2]), g) then
  redis.call('DEL', KEYS[1])
  return {0, current}
end
return {1, current, entry[3], entry[4], entry[5]}
`;

/** KEYS: entry. ARGV: tag key prefix, generation, ttl ms, tags (JSON), body, headers (JSON), storedAt. Returns 1 when stored. */
const STORE = `${STALE}
if stale(ARGV[1], cjson.decode(ARGV[4]), tonumber(ARGV[2])) then return 0 end
redis.call('HSET', KEYS[1], 'g', ARGV[2], 't', ARGV[4], 'b', ARGV[5], 'h', ARGV[6], 's', ARGV[7])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
`;

/**
 * KEYS: generation. ARGV: tag key prefix, stamp ttl ms, tags... Stamps each tag with a new
 * generation. The generation key lives as long as the stamps: once it is gone, so is every
 * entry that an invalidation could concern.
 */
const INVALIDATE = `${NOW}
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
local generation = string.format('%.0f', math.max(last + 1, now + 1))
redis.call('SET', KEYS[1], generation, 'PX', ARGV[2])
for i = 3, #ARGV do redis.call('SET', ARGV[1] .. ARGV[i], generation, 'PX', ARGV[2]) end
return 1
`;

/** A Lua script run with EVALSHA (one round trip), loaded again whenever Redis forgot it. */
class RedisScript {
  readonly sha: string;

  constructor(readonly lua: string) {
    this.sha = createHash('sha1').update(lua).digest('hex');
  }

  async run(redis: RedisConnection, keys: string[], args: (string | number)[]): Promise<unknown> {
    try {
      return await redis.client.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return redis.client.eval(this.lua, keys.length, ...keys, ...args);
    }
  }
}

/**
 * The response cache in Redis, shared by every instance. Lookups and stores are one script call
 * each. While Redis is away every lookup is a miss and nothing is stored; invalidations that
 * could not be sent wait in this process and are sent again as soon as Redis answers, before
 * this instance serves another hit; after any reconnection, hits wait RECONNECT_GRACE_MS so that
 * the other instances have sent theirs too.
 */
export class RedisResponseCache implements ResponseCacheStore {
  readonly kind = 'redis';
  private readonly lookupScript = new RedisScript(LOOKUP);
  private readonly storeScript = new RedisScript(STORE);
  private readonly invalidateScript = new RedisScript(INVALIDATE);
  /** Tags whose invalidation Redis has not confirmed, with the sequence of their latest request. */
  private readonly pending = new Map<string, number>();
  private sequence = 0;
  private flushing: Promise<boolean> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private hitsAllowedAt = 0;
  private readonly generationKey: string;
  private readonly tagPrefix: string;

  constructor(
    private readonly redis: RedisConnection,
    private readonly stampTtlMs: number,
    private readonly logger: PinoLogger,
  ) {
    this.generationKey = redis.key('response-cache', 'generation');
    this.tagPrefix = redis.key('response-cache', 'tag', '');
    redis.client.on('ready', () => {
      this.hitsAllowedAt = Date.now() + RECONNECT_GRACE_MS;
      void this.loadScripts();
      void this.flushPending();
    });
    redis.client.on('end', () => this.stopRetrying());
    void this.loadScripts();
  }

  async lookup(key: string): Promise<Lookup> {
    if (!this.redis.isReady) return { hit: null, generation: null };
    if (this.pending.size > 0 && !(await this.flushPending())) return { hit: null, generation: null };
    try {
      const reply = (await this.lookupScript.run(this.redis, [this.entryKey(key), this.generationKey], [this.tagPrefix])) as [
        number,
        number,
        string?,
        string?,
        string?,
      ];
      const [found, generation, body, headers, storedAt] = reply;
      if (found === 1 && Date.now() >= this.hitsAllowedAt) {
        const { contentType, cacheControl, etag } = JSON.parse(headers!) as Omit<CachedResponse, 'body' | 'storedAt'>;
        return { hit: { body: body!, contentType, cacheControl, etag, storedAt: Number(storedAt) } };
      }
      return { hit: null, generation };
    } catch (error) {
      this.warn('lookup', error);
      return { hit: null, generation: null };
    }
  }

  async store(key: string, generation: number, tags: readonly string[], response: CachedResponse, ttlSeconds: number): Promise<void> {
    if (!this.redis.isReady || this.pending.size > 0 || response.body.length > MAX_ENTRY_BYTES) return;
    const headers = JSON.stringify({ contentType: response.contentType, cacheControl: response.cacheControl, etag: response.etag });
    try {
      await this.storeScript.run(
        this.redis,
        [this.entryKey(key)],
        [this.tagPrefix, String(generation), ttlSeconds * 1000, JSON.stringify([...tags, EVERYTHING]), response.body, headers, String(response.storedAt)],
      );
    } catch (error) {
      this.warn('store', error);
    }
  }

  async invalidate(tags: Iterable<string>): Promise<void> {
    const sequence = ++this.sequence;
    for (const tag of tags) this.pending.set(tag, sequence);
    if (this.pending.size > MAX_PENDING_TAGS) {
      this.pending.clear();
      this.pending.set(EVERYTHING, sequence);
    }
    if (!(await this.flushPending())) {
      this.logger.warn(
        { redis: this.redis.address, tags: this.pending.size },
        'Could not invalidate cached responses in Redis; retrying until it answers, and serving no hits meanwhile',
      );
      this.retryTimer ??= setInterval(() => void this.flushPending(), RETRY_INTERVAL_MS).unref();
    }
  }

  /** Sends every pending invalidation; true once none is left. */
  private async flushPending(): Promise<boolean> {
    while (this.pending.size > 0) {
      if (!this.redis.isReady) return false;
      const flushing = (this.flushing ??= this.sendPending());
      const sent = await flushing;
      if (this.flushing === flushing) this.flushing = null;
      if (!sent) return false;
    }
    this.stopRetrying();
    return true;
  }

  private async sendPending(): Promise<boolean> {
    const batch = [...this.pending];
    try {
      for (let start = 0; start < batch.length; start += TAGS_PER_CALL) {
        const tags = batch.slice(start, start + TAGS_PER_CALL).map(([tag]) => tag);
        await this.invalidateScript.run(this.redis, [this.generationKey], [this.tagPrefix, this.stampTtlMs, ...tags]);
      }
      // A tag invalidated again while this was on its way stays pending: that change came later.
      for (const [tag, sequence] of batch) if (this.pending.get(tag) === sequence) this.pending.delete(tag);
      return true;
    } catch (error) {
      this.warn('invalidate', error);
      return false;
    }
  }

  private stopRetrying(): void {
    if (this.retryTimer) clearInterval(this.retryTimer);
    this.retryTimer = null;
  }

  private async loadScripts(): Promise<void> {
    try {
      for (const script of [this.lookupScript, this.storeScript, this.invalidateScript]) await this.redis.client.script('LOAD', script.lua);
    } catch {
      // Not connected: loaded on the next 'ready', or by EVAL when EVALSHA finds it missing.
    }
  }

  private entryKey(key: string): string {
    return this.redis.key('response-cache', 'entry', key);
  }

  private warn(operation: string, error: unknown): void {
    this.logger.debug(
      { redis: this.redis.address, operation, err: error instanceof Error ? error.message : String(error) },
      'response cache: Redis did not answer; treated as a miss',
    );
  }
}
