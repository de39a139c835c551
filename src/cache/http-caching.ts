import { createHash } from 'node:crypto';
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { type Logger as PinoLogger } from 'pino';
import { currentRequestContext, type RequestContext } from '../common/request-context';
import { type AppConfig } from '../config/app-config';
import { type ContentChanges } from '../content/content-changes';
import { type RedisConnection } from '../redis/redis-connection';
import { PRIVATE_NO_STORE, publicMaxAgeOf } from './http-cache-policy';
import { RedisResponseCache } from './redis-response-cache';
import { InProcessResponseCache, type ResponseCacheStore } from './response-cache';
import { responseCacheKey } from './response-cache-key';

const GRAPHQL_PATH = '/graphql';
/** A public response depends on these request headers besides the URL and body. */
const VARY = ['Authorization', 'X-API-Key', 'Accept'];
/** A read that took longer than this is not stored (stamps of invalidations outlive it by far). */
const MAX_READ_MS = 5 * 60 * 1000;
/** Invalidation stamps outlive every entry (whose TTL is at most CACHE_MAX_AGE_SECONDS) by this much. */
const STAMP_MARGIN_MS = 60 * 60 * 1000;

/**
 * Fastify route config (`@RouteConfig(RESPONSE_CACHE_ROUTE)`) of a plain GET route whose public
 * answers the response cache keeps like GraphQL reads (the sitemap): keyed by the URL, stored
 * when the route made its answer public, invalidated by the tags its reads recorded.
 */
export const RESPONSE_CACHE_ROUTE = { responseCache: true } as const;

function isCachedGetRoute(request: FastifyRequest): boolean {
  return (request.routeOptions.config as { responseCache?: boolean } | undefined)?.responseCache === true;
}

/** The cache key of a request to a cached GET route, or null when it is not served from the cache (a credential). */
function getRouteCacheKey(request: FastifyRequest): string | null {
  if (request.method !== 'GET' || request.headers.authorization !== undefined || request.headers['x-api-key'] !== undefined) return null;
  return `get:${createHash('sha256').update(request.url).digest('hex')}`;
}

/** A cache miss on its way through Apollo: stored when it answers publicly. */
interface Miss {
  key: string;
  generation: number;
  startedAt: number;
  context: RequestContext | undefined;
}

/**
 * HTTP caching of GraphQL responses at the Fastify level: the whole-response cache (a hit is
 * answered before Nest or Apollo run), strong ETags with 304s, Vary, and `x-cache` outside
 * production. Cache-Control itself comes from the Apollo plugin (cache-control.plugin.ts).
 */
export class HttpCaching {
  private readonly misses = new WeakMap<FastifyRequest, Miss>();
  private readonly showCacheStatus: boolean;

  constructor(
    /** The response cache, or null with RESPONSE_CACHE=off. */
    readonly cache: ResponseCacheStore | null,
    private readonly config: AppConfig,
  ) {
    this.showCacheStatus = config.NODE_ENV !== 'production';
  }

  static create(config: AppConfig, redis: RedisConnection | null, logger: PinoLogger): HttpCaching {
    const stampTtlMs = config.CACHE_MAX_AGE_SECONDS * 1000 + STAMP_MARGIN_MS;
    let cache: ResponseCacheStore | null = null;
    if (config.RESPONSE_CACHE === 'on')
      cache = redis ? new RedisResponseCache(redis, stampTtlMs, logger) : new InProcessResponseCache(config.RESPONSE_CACHE_MAX_BYTES, stampTtlMs);
    if (cache) logger.info({ responseCache: cache.kind }, `Response cache: ${cache.kind}`);
    return new HttpCaching(cache, config);
  }

  /** Adds the hooks; call before the app's routes are registered. */
  install(fastify: FastifyInstance): void {
    if (this.cache) fastify.addHook('preHandler', (request, reply) => this.answerFromCache(request, reply));
    fastify.addHook('onSend', async (request, reply, payload) => this.finish(request, reply, payload));
  }

  /** Makes committed content changes invalidate the cached responses that hold them. */
  invalidateOn(changes: ContentChanges): void {
    const cache = this.cache;
    if (cache) changes.subscribe((tags) => cache.invalidate(tags));
  }

  private async answerFromCache(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    let key: string | null;
    if (request.routeOptions.url === GRAPHQL_PATH) key = responseCacheKey(request.method, request.headers, request.query, request.body);
    else if (isCachedGetRoute(request)) key = getRouteCacheKey(request);
    else return undefined;
    if (!key) return undefined;
    const found = await this.cache!.lookup(key);
    if (found.hit) {
      const { body, contentType, cacheControl, etag, storedAt } = found.hit;
      reply.header('content-type', contentType).header('cache-control', cacheControl).header('etag', etag);
      reply.header('age', String(Math.max(0, Math.floor((Date.now() - storedAt) / 1000))));
      if (this.showCacheStatus) reply.header('x-cache', 'HIT');
      return reply.send(body);
    }
    if (found.generation !== null) this.misses.set(request, { key, generation: found.generation, startedAt: Date.now(), context: currentRequestContext() });
    if (this.showCacheStatus) reply.header('x-cache', 'MISS');
    return undefined;
  }

  private finish(request: FastifyRequest, reply: FastifyReply, payload: unknown): unknown {
    // Whatever a route set before it failed: an error describes a moment (a database away, a
    // limit reached), and no browser, CDN or proxy may keep it.
    if (reply.statusCode >= 400) reply.header('cache-control', PRIVATE_NO_STORE);
    if (isCachedGetRoute(request)) return this.finishGetRoute(request, reply, payload);
    // GraphQL answers only: preflights and other methods are CORS's business.
    if (request.routeOptions.url !== GRAPHQL_PATH || (request.method !== 'GET' && request.method !== 'POST')) return payload;
    varyOn(reply, VARY);
    const cacheControl = reply.getHeader('cache-control');
    // Responses Apollo never saw (CSRF refusals, rate limits, bad credentials) are private too.
    if (cacheControl === undefined) reply.header('cache-control', PRIVATE_NO_STORE);
    const maxAge = publicMaxAgeOf(cacheControl);
    if (maxAge === null || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
    const miss = this.storable(request, maxAge);
    // An ETag serves conditional GETs and cache hits; hashing every POST body would serve neither.
    if (request.method !== 'GET' && !miss) return payload;
    let etag = reply.getHeader('etag');
    if (typeof etag !== 'string') {
      etag = `"${createHash('sha256').update(payload).digest('base64url')}"`;
      reply.header('etag', etag);
    }
    if (miss) this.store(miss, reply, payload, etag as string, cacheControl as string, maxAge);
    if (request.method === 'GET' && ifNoneMatch(request.headers['if-none-match'], etag as string)) {
      reply.code(304);
      reply.removeHeader('content-type');
      return null;
    }
    return payload;
  }

  /** A cached GET route's answer: stored when public, with an ETag and 304s as for GraphQL GETs. */
  private finishGetRoute(request: FastifyRequest, reply: FastifyReply, payload: unknown): unknown {
    if (request.method !== 'GET') return payload;
    const cacheControl = reply.getHeader('cache-control');
    const maxAge = publicMaxAgeOf(cacheControl);
    if (maxAge === null || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
    let etag = reply.getHeader('etag');
    if (typeof etag !== 'string') {
      etag = `"${createHash('sha256').update(payload).digest('base64url')}"`;
      reply.header('etag', etag);
    }
    const miss = this.storable(request, maxAge);
    if (miss) this.store(miss, reply, payload, etag as string, cacheControl as string, maxAge);
    if (ifNoneMatch(request.headers['if-none-match'], etag as string)) {
      reply.code(304);
      reply.removeHeader('content-type');
      return null;
    }
    return payload;
  }

  /** The miss a public answer may be stored for, if any. */
  private storable(request: FastifyRequest, maxAge: number): Miss | undefined {
    const miss = this.misses.get(request);
    const tags = miss?.context?.readTags;
    // A response that recorded no reads cannot be invalidated by any write: it is not kept.
    if (!miss || !this.cache || !tags || tags.size === 0 || maxAge <= 0 || Date.now() - miss.startedAt > MAX_READ_MS) return undefined;
    return miss;
  }

  /** Stores a public answer to a miss; the store call is issued now, so the next lookup sees it. */
  private store(miss: Miss, reply: FastifyReply, body: string, etag: string, cacheControl: string, maxAge: number): void {
    const tags = miss.context?.readTags;
    if (!this.cache || !tags) return;
    const ttl = Math.min(maxAge, this.config.CACHE_MAX_AGE_SECONDS);
    const contentType = String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8');
    void this.cache.store(miss.key, miss.generation, [...tags], { body, contentType, cacheControl, etag, storedAt: Date.now() }, ttl);
  }
}

/** Adds names to the Vary header, keeping what other hooks (CORS) put there. */
function varyOn(reply: FastifyReply, names: string[]): void {
  const current = reply.getHeader('vary');
  const present = (Array.isArray(current) ? current.join(',') : String(current ?? ''))
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (present.includes('*')) return;
  const lower = new Set(present.map((name) => name.toLowerCase()));
  reply.header('vary', [...present, ...names.filter((name) => !lower.has(name.toLowerCase()))].join(', '));
}

/** If-None-Match compares weakly (RFC 9110): `W/"x"` matches `"x"`. */
function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}
