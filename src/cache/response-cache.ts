import { LRUCache } from 'lru-cache';

/** A stored response: the body and the headers a hit answers with. */
export interface CachedResponse {
  body: string;
  contentType: string;
  cacheControl: string;
  etag: string;
  /** When it was stored (ms since the epoch), for the Age header. */
  storedAt: number;
}

/**
 * A lookup: a hit, or a miss with the generation the request starts at. A response is stored
 * under that generation, and refused when any of its tags was invalidated after it, so a read
 * that began before a publish never stores what it read. `null`: do not store at all.
 */
export type Lookup = { hit: CachedResponse } | { hit: null; generation: number | null };

/**
 * Whole responses of anonymous PUBLISHED queries, tagged by what they were built from
 * (src/common/cache-tags.ts). An invalidation stamps each tag with a new generation; an entry
 * is served only while none of its tags was stamped after the generation its request began at.
 */
export interface ResponseCacheStore {
  /** Where entries live, for logs: `in-process` or `redis`. */
  readonly kind: string;
  lookup(key: string): Promise<Lookup>;
  store(key: string, generation: number, tags: readonly string[], response: CachedResponse, ttlSeconds: number): Promise<void>;
  /** Makes every entry holding one of the tags stale; never throws. */
  invalidate(tags: Iterable<string>): Promise<void>;
}

/** No single response is worth more than this much of the cache. */
export const MAX_ENTRY_BYTES = 2 * 1024 * 1024;

interface Entry {
  response: CachedResponse;
  tags: readonly string[];
  generation: number;
  size: number;
}

/**
 * The response cache of one process: an LRU bounded in bytes, entries expiring after their
 * max-age. Stamps are kept `stampTtlMs`, longer than any entry lives, so an entry never
 * outlives the stamp that made it stale.
 */
export class InProcessResponseCache implements ResponseCacheStore {
  readonly kind = 'in-process';
  private generation = 0;
  /** Tag -> generation of its last invalidation, oldest first (re-stamping moves a tag to the end). */
  private readonly stamps = new Map<string, { generation: number; at: number }>();
  private readonly entries: LRUCache<string, Entry>;

  constructor(
    maxBytes: number,
    private readonly stampTtlMs: number,
  ) {
    this.entries = new LRUCache<string, Entry>({
      maxSize: maxBytes,
      maxEntrySize: Math.min(MAX_ENTRY_BYTES, maxBytes),
      sizeCalculation: (entry) => entry.size,
    });
  }

  async lookup(key: string): Promise<Lookup> {
    const entry = this.entries.get(key);
    if (entry && !this.staleSince(entry.tags, entry.generation)) return { hit: entry.response };
    if (entry) this.entries.delete(key);
    return { hit: null, generation: this.generation };
  }

  async store(key: string, generation: number, tags: readonly string[], response: CachedResponse, ttlSeconds: number): Promise<void> {
    if (this.staleSince(tags, generation)) return;
    const size = 2 * (response.body.length + response.cacheControl.length + response.etag.length + tags.reduce((sum, tag) => sum + tag.length, 0)) + 256;
    this.entries.set(key, { response, tags, generation, size }, { ttl: ttlSeconds * 1000 });
  }

  async invalidate(tags: Iterable<string>): Promise<void> {
    const generation = ++this.generation;
    const now = Date.now();
    for (const tag of tags) {
      this.stamps.delete(tag);
      this.stamps.set(tag, { generation, at: now });
    }
    for (const [tag, stamp] of this.stamps) {
      if (now - stamp.at < this.stampTtlMs) break;
      this.stamps.delete(tag);
    }
  }

  /** Whether a tag was invalidated after `generation`. */
  private staleSince(tags: readonly string[], generation: number): boolean {
    if (this.generation <= generation) return false;
    return tags.some((tag) => (this.stamps.get(tag)?.generation ?? 0) > generation);
  }
}
