import { Role } from '../../src/auth/permissions';
import { AccountsFactory } from '../factories/accounts.factory';
import { ContentFactory } from '../factories/content.factory';
import { EditorialClient, eventually } from '../support/editorial-client';
import { type AppUnderTest, startTestApp, type TestApp } from '../support/test-app';
import { createSharedTestDatabase, type SharedTestDatabase } from '../support/test-database';
import { describeWithRedis, testRedisUrl, uniqueRedisKeyPrefix } from '../support/test-redis';
import { hasRedisServer, PrivateRedis } from './private-redis';

const PAGE = '{ treatment(slug: "spinal-cord-stimulation") { title summary conditions { name } } }';
const CONDITION = '{ condition(slug: "crps") { name treatments { summary } } }';

async function read(app: AppUnderTest, query = PAGE): Promise<{ summary: string; cache: string }> {
  const response = await app.graphql(query);
  if (response.errors) throw new Error(`expected an answer, got ${JSON.stringify(response.errors)}`);
  const summary = response.data.treatment?.summary ?? response.data.condition?.treatments[0]?.summary;
  return { summary, cache: response.headers['x-cache'] };
}

/** Two instances on one database and one Redis key space, as behind a load balancer. */
async function startPair(
  env: Record<string, string>,
): Promise<{ database: SharedTestDatabase; instances: TestApp[]; editor: EditorialClient; treatmentId: string }> {
  const database = await createSharedTestDatabase();
  const shared = { ...env, REDIS_KEY_PREFIX: uniqueRedisKeyPrefix(), RESPONSE_CACHE: 'on', SCHEDULER_INTERVAL_MS: '60000' };
  const instances = [await startTestApp(shared, { database }), await startTestApp(shared, { database })];
  const content = new ContentFactory(instances[0].dataSource);
  const treatment = await content.treatment({ title: 'Spinal Cord Stimulation', summary: 'First summary.' });
  await content.treatmentConditions(treatment, [await content.condition({ name: 'CRPS' })]);
  const editor = new EditorialClient(instances[0], (await new AccountsFactory(instances[0]).signedIn(Role.EDITOR)).headers);
  return { database, instances, editor, treatmentId: treatment.id };
}

async function publishSummary(editor: EditorialClient, id: string, summary: string): Promise<void> {
  const { treatment } = await editor.ok('query($id: ID) { treatment(id: $id, stage: DRAFT) { version } }', { id });
  const draft = await editor.mutate('updateTreatment', 'UpdateTreatmentInput', { id, version: treatment.version, summary });
  await editor.publish('Treatment', draft);
}

describeWithRedis('the response cache shared through Redis by two instances', () => {
  let database: SharedTestDatabase;
  let a: TestApp;
  let b: TestApp;
  let editor: EditorialClient;
  let treatmentId: string;

  beforeAll(async () => {
    ({
      database,
      instances: [a, b],
      editor,
      treatmentId,
    } = await startPair({ REDIS_URL: testRedisUrl()! }));
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
  });

  it('serves what one instance stored from the other', async () => {
    expect(await read(b)).toEqual({ summary: 'First summary.', cache: 'MISS' });
    expect(await read(b)).toEqual({ summary: 'First summary.', cache: 'HIT' });
    expect(await read(a)).toEqual({ summary: 'First summary.', cache: 'HIT' });
  });

  it('shows a publish made through one instance on the very next read through the other', async () => {
    expect((await read(b)).cache).toBe('HIT');
    expect((await read(b, CONDITION)).summary).toBe('First summary.');
    expect((await read(b, CONDITION)).cache).toBe('HIT');
    await publishSummary(editor, treatmentId, 'Second summary.');
    expect(await read(b)).toEqual({ summary: 'Second summary.', cache: 'MISS' });
    expect(await read(b, CONDITION)).toEqual({ summary: 'Second summary.', cache: 'MISS' });
    expect(await read(a)).toEqual({ summary: 'Second summary.', cache: 'HIT' });
  });
});

const describeWithRedisServer = hasRedisServer()
  ? describeWithRedis
  : (name: string, body: () => void) => {
      console.log(`Skipping "${name}": it starts its own redis-server, which is not on the PATH.`);
      describe.skip(name, body);
    };

describeWithRedisServer('two instances while their Redis crashes and comes back', () => {
  let redis: PrivateRedis;
  let database: SharedTestDatabase;
  let a: TestApp;
  let b: TestApp;
  let editor: EditorialClient;
  let treatmentId: string;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    ({
      database,
      instances: [a, b],
      editor,
      treatmentId,
    } = await startPair({ REDIS_URL: redis.url }));
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
    await redis?.stop();
  });

  it('answers from the database without errors while Redis is down, and serves nothing stale once it is back', async () => {
    await read(b);
    expect(await read(b)).toEqual({ summary: 'First summary.', cache: 'HIT' });
    expect(await read(a)).toEqual({ summary: 'First summary.', cache: 'HIT' });

    await redis.kill();
    // Both keep answering, from the database: every read is a miss, none an error.
    await eventually(async () => (await read(b)).cache === 'MISS', { what: 'instance B noticing that Redis is gone' });
    for (const instance of [a, b, a, b]) expect(await read(instance)).toEqual({ summary: 'First summary.', cache: 'MISS' });

    // A publish while Redis is down succeeds; its invalidation waits for Redis.
    await publishSummary(editor, treatmentId, 'Written while Redis was down.');
    for (const instance of [b, a]) expect(await read(instance)).toEqual({ summary: 'Written while Redis was down.', cache: 'MISS' });

    // Redis comes back with everything it held, the entry with the old summary included: no
    // instance may serve it. Every read until the cache works again shows the new summary.
    await redis.restart();
    const seen: string[] = [];
    await eventually(
      async () => {
        const results = [await read(b), await read(a)];
        seen.push(...results.map((result) => result.summary));
        return results.every((result) => result.cache === 'HIT');
      },
      { timeoutMs: 30_000, intervalMs: 200, what: 'the response cache working again' },
    );
    expect(new Set(seen)).toEqual(new Set(['Written while Redis was down.']));

    await publishSummary(editor, treatmentId, 'Written after Redis came back.');
    expect(await read(b)).toEqual({ summary: 'Written after Redis came back.', cache: 'MISS' });
  });
});
