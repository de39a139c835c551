import type request from 'supertest';
import { Permission } from '../../src/auth/permissions';
import { describeWithRedisServer, type PrivateRedis, startPrivateRedis } from '../support/private-redis';
import { describeWithRedis, testRedisUrl, uniqueRedisKeyPrefix } from '../support/test-redis';
import { useTestApp } from '../support/use-test-app';
import { type AppUnderTest, startTestApp, type TestApp } from '../support/test-app';

const TYPENAME = JSON.stringify({ query: '{ __typename }' });
const LOGOUT = JSON.stringify({ query: 'mutation { logout(input: { refreshToken: "not-a-session" }) }' });
const PREVIEW_TOKEN = JSON.stringify({ query: 'mutation { createPreviewToken(input: { documentType: TREATMENT }) { expiresAt } }' });

/** Small budgets, so tests reach them; behind a proxy on loopback, so X-Forwarded-For names the client. */
const SMALL_BUDGETS = {
  TRUST_PROXY: 'loopback',
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: '5',
  RATE_LIMIT_MUTATIONS_PER_MINUTE: '2',
  RATE_LIMIT_AUTHENTICATED_PER_MINUTE: '12',
  RATE_LIMIT_AUTHENTICATED_MUTATIONS_PER_MINUTE: '3',
  RATE_LIMIT_ALLOW: '198.51.100.0/24',
};

/** Booting two apps (each migrating a database) on a busy 2-core machine can take longer than one test's 60 s. */
const TWO_APPS_START_MS = 180_000;

let nextClient = 1;
/** A client address of its own (TEST-NET-3), so that each test starts with a full budget. */
function newClientIp(): string {
  nextClient += 1;
  return `203.0.113.${nextClient}`;
}

function post(app: AppUnderTest, ip: string | null, body: string, headers: Record<string, string> = {}) {
  return app
    .http()
    .post('/graphql')
    .set({ 'content-type': 'application/json', ...(ip ? { 'x-forwarded-for': ip } : {}), ...headers })
    .send(body);
}

async function statusesOf(responses: Promise<request.Response>[]): Promise<number[]> {
  const statuses: number[] = [];
  for (const response of responses) statuses.push((await response).status);
  return statuses;
}

/** Sends `count` requests one after the other and returns their statuses. */
async function sendInTurn(count: number, send: (index: number) => Promise<request.Response>): Promise<number[]> {
  const statuses: number[] = [];
  for (let index = 0; index < count; index += 1) statuses.push((await send(index)).status);
  return statuses;
}

function expectRateLimited(response: request.Response, kind: 'requests' | 'mutations', limit: number) {
  expect(response.status).toBe(429);
  const retryAfter = Number(response.headers['retry-after']);
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(response.headers['cache-control']).toBe('private, no-store');
  expect(response.body).toEqual({
    errors: [
      {
        message: `Too many ${kind}: this client may send ${limit} a minute; retry in ${retryAfter} s`,
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter },
      },
    ],
  });
}

describe('rate limits per client', () => {
  const app = useTestApp(SMALL_BUDGETS);
  const accounts = app.accounts;
  it('refuses a client past its budget with 429, Retry-After and a RATE_LIMITED error, before reading the body or touching the database', async () => {
    const ip = newClientIp();
    expect(await sendInTurn(5, () => post(app, ip, TYPENAME))).toEqual([200, 200, 200, 200, 200]);

    // A body that is not even JSON: refused for the budget, so it was never parsed.
    const refused = await post(app, ip, '{ this is not json');
    expectRateLimited(refused, 'requests', 5);
    expect(refused.headers['x-sql-statements']).toBe('0');
  });

  it('keeps serving other clients: behind a trusted proxy, each X-Forwarded-For address has its own budget', async () => {
    const busy = newClientIp();
    await sendInTurn(5, () => post(app, busy, TYPENAME));
    expect((await post(app, busy, TYPENAME)).status).toBe(429);

    const other = await post(app, newClientIp(), TYPENAME);
    expect(other.status).toBe(200);
    expect(other.body).toEqual({ data: { __typename: 'Query' } });
  });

  it('counts GET and POST /graphql and /fhir in one budget, answers /fhir with an OperationOutcome, and never limits /health', async () => {
    const ip = newClientIp();
    const get = () => app.http().get('/graphql').query({ query: '{ __typename }' }).set({ 'apollo-require-preflight': 'true', 'x-forwarded-for': ip });
    const fhir = () => app.http().get('/fhir/Bundle').set('x-forwarded-for', ip);
    expect(await statusesOf([get(), get(), post(app, ip, TYPENAME), post(app, ip, TYPENAME), fhir()])).toEqual([200, 200, 200, 200, 200]);

    const fhirRefused = await fhir();
    expect(fhirRefused.status).toBe(429);
    expect(fhirRefused.headers['retry-after']).toBeDefined();
    expect(fhirRefused.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'throttled' }] });
    expectRateLimited(await get(), 'requests', 5);
    const health = await app.http().get('/health').set('x-forwarded-for', ip);
    expect(health.status).toBe(200);
  });

  it('gives mutations their own, smaller budget: past it, mutations are refused while queries are still served', async () => {
    const ip = newClientIp();
    const first = await post(app, ip, LOGOUT);
    expect(first.body).toEqual({ data: { logout: true } });
    expect((await post(app, ip, LOGOUT)).status).toBe(200);

    const refused = await post(app, ip, LOGOUT);
    expectRateLimited(refused, 'mutations', 2);
    // Refused before it ran: the statement count of the request is that of the budget check alone.
    expect(refused.headers['x-sql-statements']).toBe('0');
    expect((await post(app, ip, TYPENAME)).status).toBe(200);
  });

  it('gives a verified API key its own, higher budget, counted for the key whatever address it comes from', async () => {
    const { secret } = await accounts.apiKey({ scopes: [Permission.CONTENT_READ_DRAFT] });
    const withKey = (ip: string) => post(app, ip, TYPENAME, { 'x-api-key': secret });
    const firstIp = newClientIp();
    const secondIp = newClientIp();

    expect(await sendInTurn(8, () => withKey(firstIp))).toEqual(Array(8).fill(200));
    expect(await sendInTurn(4, () => withKey(secondIp))).toEqual(Array(4).fill(200));
    expectRateLimited(await withKey(newClientIp()), 'requests', 12);

    // The addresses kept their own anonymous budgets.
    expect((await post(app, firstIp, TYPENAME)).status).toBe(200);
  });

  it('charges a credential that does not verify to its address: no bigger budget, no fresh budget per made-up token', async () => {
    const ip = newClientIp();
    const fakes: Record<string, string>[] = [
      { authorization: 'Bearer made-up-token-1' },
      { authorization: 'Bearer made-up-token-2' },
      { 'x-api-key': 'pcms_0123abcd_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
      { 'x-api-key': 'pcms_4567cdef_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB' },
      { authorization: 'Bearer made-up-token-3' },
    ];
    // Each is refused as a bad credential (401), and each spends from the address's budget of 5.
    expect(await sendInTurn(fakes.length, (index) => post(app, ip, TYPENAME, fakes[index]))).toEqual([401, 401, 401, 401, 401]);
    expectRateLimited(await post(app, ip, TYPENAME, { authorization: 'Bearer made-up-token-4' }), 'requests', 5);
    expectRateLimited(await post(app, ip, TYPENAME), 'requests', 5);
  });

  it('limits the mutations of a verified credential by its own mutation budget', async () => {
    const { secret } = await accounts.apiKey({ scopes: [Permission.CONTENT_READ_DRAFT] });
    const ip = newClientIp();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const created = await post(app, ip, PREVIEW_TOKEN, { 'x-api-key': secret });
      expect(created.body.errors).toBeUndefined();
    }
    expectRateLimited(await post(app, ip, PREVIEW_TOKEN, { 'x-api-key': secret }), 'mutations', 3);
    expect((await post(app, ip, TYPENAME, { 'x-api-key': secret })).status).toBe(200);
  });

  it('never limits the addresses in RATE_LIMIT_ALLOW', async () => {
    expect(await sendInTurn(12, () => post(app, '198.51.100.7', TYPENAME))).toEqual(Array(12).fill(200));
    expect(await sendInTurn(4, () => post(app, '198.51.100.7', LOGOUT))).toEqual(Array(4).fill(200));
  });
});

describe('the client address without TRUST_PROXY', () => {
  const app = useTestApp({ RATE_LIMIT_ANONYMOUS_PER_MINUTE: '3' });
  it("is the connection's peer: a client cannot buy fresh budgets with made-up X-Forwarded-For headers", async () => {
    expect(await sendInTurn(3, () => post(app, newClientIp(), TYPENAME))).toEqual([200, 200, 200]);
    expectRateLimited(await post(app, newClientIp(), TYPENAME), 'requests', 3);
  });
});

describe('RATE_LIMIT=off', () => {
  const app = useTestApp({ RATE_LIMIT: 'off', RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1', RATE_LIMIT_MUTATIONS_PER_MINUTE: '1' });
  it('limits nothing', async () => {
    expect(await sendInTurn(3, () => post(app, null, TYPENAME))).toEqual([200, 200, 200]);
    expect(await sendInTurn(3, () => post(app, null, LOGOUT))).toEqual([200, 200, 200]);
  });
});

describeWithRedis('rate limits shared through Redis', () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    // Two instances, each on a database of its own: only Redis (one key prefix) connects them.
    const shared = { ...SMALL_BUDGETS, REDIS_URL: testRedisUrl()!, REDIS_KEY_PREFIX: uniqueRedisKeyPrefix() };
    first = await startTestApp(shared);
    second = await startTestApp(shared);
  }, TWO_APPS_START_MS);

  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  it("counts a client's requests to every instance in one budget", async () => {
    const ip = newClientIp();
    expect(
      await statusesOf([
        post(first, ip, TYPENAME),
        post(second, ip, TYPENAME),
        post(first, ip, TYPENAME),
        post(second, ip, TYPENAME),
        post(first, ip, TYPENAME),
      ]),
    ).toEqual([200, 200, 200, 200, 200]);
    expectRateLimited(await post(second, ip, TYPENAME), 'requests', 5);
    expectRateLimited(await post(first, ip, TYPENAME), 'requests', 5);
  });

  it('counts mutations to every instance in one budget too', async () => {
    const ip = newClientIp();
    expect(await statusesOf([post(first, ip, LOGOUT), post(second, ip, LOGOUT)])).toEqual([200, 200]);
    expectRateLimited(await post(first, ip, LOGOUT), 'mutations', 2);
  });
});

describeWithRedisServer('rate limits while Redis is away', () => {
  let redis: PrivateRedis;

  beforeAll(async () => {
    redis = await startPrivateRedis();
  });

  const app = useTestApp(() => ({ ...SMALL_BUDGETS, REDIS_URL: redis.url }));

  afterAll(() => redis?.kill());

  it('keep counting in the instance: the budget still holds, and nothing fails', async () => {
    const ip = newClientIp();
    expect(await sendInTurn(2, () => post(app, ip, TYPENAME))).toEqual([200, 200]);
    await redis.kill();

    // The two requests counted in Redis are gone with it: the instance counts a full budget anew.
    const statuses = await sendInTurn(7, () => post(app, ip, TYPENAME));
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expectRateLimited(await post(app, ip, TYPENAME), 'requests', 5);
    const mutator = newClientIp();
    expect(await sendInTurn(3, () => post(app, mutator, LOGOUT))).toEqual([200, 200, 429]);
  });
});
