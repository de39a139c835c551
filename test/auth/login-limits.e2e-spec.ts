import { LoginAttempt } from '../../src/auth/login-attempt.entity';
import { AccountsFactory, LOGIN } from '../factories/accounts.factory';
import { describeWithRedisServer, type PrivateRedis, startPrivateRedis } from '../support/private-redis';
import { createSharedTestDatabase, type SharedTestDatabase } from '../support/test-database';
import { describeWithRedis, testRedisUrl, uniqueRedisKeyPrefix } from '../support/test-redis';
import { useTestApp } from '../support/use-test-app';
import { type AppUnderTest, startTestApp, type TestApp } from '../support/test-app';

/** Sign-in attempts per email and IP in 15 minutes (src/auth/auth.module.ts). */
const BUDGET = 5;

/** Booting two apps (each migrating a database) on a busy 2-core machine can take longer than one test's 60 s. */
const TWO_APPS_START_MS = 180_000;

const login = (app: AppUnderTest, email: string, password: string) => app.graphql(LOGIN, { input: { email, password } });

/**
 * Sends `count` wrong passwords for `email` at once and tallies the answers. UNAUTHENTICATED
 * comes only after the password was checked, RATE_LIMITED only instead of checking it: the
 * first count is the number of password checks that ran.
 */
async function wrongPasswordsAtOnce(app: AppUnderTest, email: string, count: number): Promise<Record<string, number>> {
  const responses = await Promise.all(Array.from({ length: count }, (_, index) => login(app, email, `wrong-password-${index}`)));
  const tally: Record<string, number> = {};
  for (const response of responses) {
    const code = response.errors?.[0]?.extensions.code ?? 'NO_ERROR';
    tally[code] = (tally[code] ?? 0) + 1;
  }
  return tally;
}

describe('sign-in limits under concurrency (counted in PostgreSQL)', () => {
  const app = useTestApp();
  const accounts = app.accounts;
  it(`checks the password at most ${BUDGET} times when 30 wrong sign-ins for one account arrive at once`, async () => {
    const { email, password } = await accounts.user();
    expect(await wrongPasswordsAtOnce(app, email, 30)).toEqual({ UNAUTHENTICATED: BUDGET, RATE_LIMITED: 30 - BUDGET });

    const owner = await login(app, email, password);
    expect(owner.errors?.[0].extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
  });

  it('stores a digest of the email and address, never the email itself', async () => {
    const { email } = await accounts.user();
    await login(app, email, 'wrong-password');
    const rows = await app.dataSource.getRepository(LoginAttempt).find();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.keyHash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(row)).not.toContain('@');
    }
  });
});

describe('sign-in limits of two instances on one database', () => {
  let database: SharedTestDatabase;
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    database = await createSharedTestDatabase();
    first = await startTestApp({}, { database });
    second = await startTestApp({}, { database });
  }, TWO_APPS_START_MS);

  afterAll(async () => {
    await first?.close();
    await second?.close();
    await database?.drop();
  });

  it('share one budget: failures through one instance limit sign-ins through the other', async () => {
    const { email, password } = await new AccountsFactory(first).user();
    for (let attempt = 0; attempt < 3; attempt += 1) expect((await login(first, email, 'wrong-password')).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    for (let attempt = 0; attempt < 2; attempt += 1) expect((await login(second, email, 'wrong-password')).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');

    expect((await login(second, email, password)).errors?.[0].extensions.code).toBe('RATE_LIMITED');
    expect((await login(first, email, password)).errors?.[0].extensions.code).toBe('RATE_LIMITED');
  });
});

describeWithRedis('sign-in limits counted in Redis', () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    // Each instance on a database of its own: only Redis (one key prefix) connects them.
    const shared = { REDIS_URL: testRedisUrl()!, REDIS_KEY_PREFIX: uniqueRedisKeyPrefix() };
    first = await startTestApp(shared);
    second = await startTestApp(shared);
  }, TWO_APPS_START_MS);

  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  it(`check the password at most ${BUDGET} times for 30 wrong sign-ins at once, and every instance sees the same count`, async () => {
    const { email, password } = await new AccountsFactory(first).user();
    expect(await wrongPasswordsAtOnce(first, email, 30)).toEqual({ UNAUTHENTICATED: BUDGET, RATE_LIMITED: 30 - BUDGET });

    // The other instance has never seen this account, yet refuses it: the count is in Redis.
    expect((await login(second, email, password)).errors?.[0].extensions.code).toBe('RATE_LIMITED');
    expect((await login(first, email, password)).errors?.[0].extensions.code).toBe('RATE_LIMITED');
    expect(await first.dataSource.getRepository(LoginAttempt).count()).toBe(0);
  });
});

describeWithRedisServer('sign-in limits while Redis is away', () => {
  let redis: PrivateRedis;

  beforeAll(async () => {
    redis = await startPrivateRedis();
  });

  const app = useTestApp(() => ({ REDIS_URL: redis.url }));

  afterAll(() => redis?.kill());

  it('are counted in PostgreSQL instead, and still hold under concurrency', async () => {
    const { email, password } = await app.accounts.user();
    await redis.kill();

    expect(await wrongPasswordsAtOnce(app, email, 12)).toEqual({ UNAUTHENTICATED: BUDGET, RATE_LIMITED: 12 - BUDGET });
    expect((await login(app, email, password)).errors?.[0].extensions.code).toBe('RATE_LIMITED');
    // One row per budget: account and address, account, address.
    expect(await app.dataSource.getRepository(LoginAttempt).count()).toBe(3);
  });
});
