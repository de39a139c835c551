import { createHash } from 'node:crypto';
import { ContentFactory } from '../factories/content.factory';
import { createSharedTestDatabase, type SharedTestDatabase } from '../support/test-database';
import { describeWithRedis, testRedisUrl, uniqueRedisKeyPrefix } from '../support/test-redis';
import { useTestApp } from '../support/use-test-app';
import { type AppUnderTest, startTestApp, type TestApp } from '../support/test-app';

const QUERY = 'query ConditionPage { condition(slug: "back-pain") { name } }';
const HASH = createHash('sha256').update(QUERY).digest('hex');
const persisted = (hash = HASH) => JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } });

/** A GET as Apollo Client sends persisted queries: the hash only, or the hash with the query to register it. */
function apqGet(app: AppUnderTest, withQuery: boolean) {
  return app
    .http()
    .get('/graphql')
    .query({ operationName: 'ConditionPage', extensions: persisted(), ...(withQuery ? { query: QUERY } : {}) })
    .set('x-apollo-operation-name', 'ConditionPage');
}

describe('automatic persisted queries over GET', () => {
  // Each test on a new app: a hash one test registers would be known to the next.
  const app = useTestApp({ RESPONSE_CACHE: 'on' }, { eachTest: true });

  beforeEach(async () => {
    await app.content.condition({ name: 'Back Pain' });
  });

  it('asks for the query with PERSISTED_QUERY_NOT_FOUND while the hash is unknown, privately', async () => {
    const response = await apqGet(app, false).expect(200);
    expect(response.body.errors).toEqual([expect.objectContaining({ extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } })]);
    expect(response.headers['cache-control']).toBe('private, no-store');
  });

  it('registers the query sent with its hash, then answers the hash alone publicly and from the cache', async () => {
    const registered = await apqGet(app, true).expect(200);
    expect(registered.body).toEqual({ data: { condition: { name: 'Back Pain' } } });

    const byHash = await apqGet(app, false).expect(200);
    expect(byHash.body).toEqual({ data: { condition: { name: 'Back Pain' } } });
    expect(byHash.headers['cache-control']).toMatch(/^public, max-age=\d+, s-maxage=\d+, stale-while-revalidate=\d+$/);
    expect(byHash.headers.etag).toBe(registered.headers.etag);
    expect(byHash.headers['x-cache']).toBe('HIT');
    await apqGet(app, false).set('if-none-match', byHash.headers.etag).expect(304);
  });

  it('refuses a query that does not match its hash', async () => {
    const response = await app
      .http()
      .get('/graphql')
      .query({ query: '{ condition(slug: "neck-pain") { name } }', extensions: persisted() })
      .set('apollo-require-preflight', 'true');
    expect(response.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(response.headers['cache-control']).toBe('private, no-store');
  });
});

describeWithRedis('persisted queries shared through Redis', () => {
  let database: SharedTestDatabase;
  const instances: TestApp[] = [];

  beforeAll(async () => {
    database = await createSharedTestDatabase();
    // The response cache is off, so the second instance can only answer from the shared persisted-query store.
    const env = { REDIS_URL: testRedisUrl()!, REDIS_KEY_PREFIX: uniqueRedisKeyPrefix(), RESPONSE_CACHE: 'off', SCHEDULER_INTERVAL_MS: '60000' };
    instances.push(await startTestApp(env, { database }));
    instances.push(await startTestApp(env, { database }));
    await new ContentFactory(instances[0].dataSource).condition({ name: 'Back Pain' });
  });

  afterAll(async () => {
    for (const instance of instances) await instance.close();
    await database?.drop();
  });

  it('answers a hash registered through one instance on another', async () => {
    const [first, second] = instances;
    expect((await apqGet(second, false)).body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    await apqGet(first, true).expect(200);
    const response = await apqGet(second, false).expect(200);
    expect(response.body).toEqual({ data: { condition: { name: 'Back Pain' } } });
  });
});
