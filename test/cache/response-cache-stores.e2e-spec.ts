import { RedisResponseCache } from '../../src/cache/redis-response-cache';
import { type CachedResponse, InProcessResponseCache, type Lookup, type ResponseCacheStore } from '../../src/cache/response-cache';
import { createRootLogger } from '../../src/common/logging';
import { RedisConnection } from '../../src/redis/redis-connection';
import { describeWithRedis, testRedisUrl, uniqueRedisKeyPrefix } from '../support/test-redis';

const response = (body: string): CachedResponse => ({
  body,
  contentType: 'application/json; charset=utf-8',
  cacheControl: 'public, max-age=60',
  etag: `"${body}"`,
  storedAt: Date.now(),
});

function generationOf(lookup: Lookup): number {
  if (lookup.hit) throw new Error('expected a miss');
  if (lookup.generation === null) throw new Error('expected a miss that may be stored');
  return lookup.generation;
}

/** The rules every response cache store keeps, whatever holds its entries. */
function keepsTheRules(createStore: () => ResponseCacheStore | Promise<ResponseCacheStore>): void {
  let store: ResponseCacheStore;
  beforeEach(async () => {
    store = await createStore();
  });

  it('serves what it stored until a tag of it is invalidated, and keeps entries of other tags', async () => {
    await store.store('page', generationOf(await store.lookup('page')), ['doc:1', 'list:treatments'], response('old page'), 60);
    await store.store('other', generationOf(await store.lookup('other')), ['doc:2'], response('other page'), 60);
    expect((await store.lookup('page')).hit?.body).toBe('old page');

    await store.invalidate(['doc:1', 'doc:3']);
    expect((await store.lookup('page')).hit).toBeNull();
    expect((await store.lookup('other')).hit?.body).toBe('other page');
  });

  it('refuses to store a read that began before an invalidation of what it read', async () => {
    const startedBefore = generationOf(await store.lookup('page'));
    await store.invalidate(['doc:1']);
    await store.store('page', startedBefore, ['doc:1', 'doc:2'], response('read before the publish'), 60);
    expect((await store.lookup('page')).hit).toBeNull();
  });

  it('stores a read that began after the invalidation, and one whose tags were not invalidated', async () => {
    const before = generationOf(await store.lookup('elsewhere'));
    await store.invalidate(['doc:1']);
    await store.store('elsewhere', before, ['doc:2'], response('untouched'), 60);
    expect((await store.lookup('elsewhere')).hit?.body).toBe('untouched');

    const after = generationOf(await store.lookup('page'));
    await store.store('page', after, ['doc:1'], response('read after the publish'), 60);
    expect((await store.lookup('page')).hit).toMatchObject({ body: 'read after the publish', etag: '"read after the publish"' });
  });
}

describe('the in-process response cache store', () => {
  keepsTheRules(() => new InProcessResponseCache(1024 * 1024, 60_000));

  it('keeps within its byte budget, dropping the least recently used entries', async () => {
    const store = new InProcessResponseCache(1024 * 1024, 60_000);
    const body = 'x'.repeat(200 * 1024);
    for (const key of ['a', 'b', 'c', 'd']) await store.store(key, generationOf(await store.lookup(key)), ['doc:1'], response(body), 60);
    expect((await store.lookup('a')).hit).toBeNull();
    expect((await store.lookup('d')).hit?.body).toBe(body);
  });
});

describeWithRedis('the Redis response cache store', () => {
  const connections: RedisConnection[] = [];
  afterAll(async () => {
    for (const connection of connections) await connection.close();
  });

  keepsTheRules(async () => {
    const connection = await RedisConnection.connect(testRedisUrl()!, uniqueRedisKeyPrefix(), createRootLogger('silent'));
    connections.push(connection);
    return new RedisResponseCache(connection, 60_000, createRootLogger('silent'));
  });

  it('shares entries and invalidations between instances', async () => {
    const prefix = uniqueRedisKeyPrefix();
    const [one, two] = await Promise.all([0, 1].map(() => RedisConnection.connect(testRedisUrl()!, prefix, createRootLogger('silent'))));
    connections.push(one, two);
    const first = new RedisResponseCache(one, 60_000, createRootLogger('silent'));
    const second = new RedisResponseCache(two, 60_000, createRootLogger('silent'));
    await first.store('page', generationOf(await first.lookup('page')), ['doc:1'], response('page'), 60);
    expect((await second.lookup('page')).hit?.body).toBe('page');
    await second.invalidate(['doc:1']);
    expect((await first.lookup('page')).hit).toBeNull();
  });
});
