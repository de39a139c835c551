import { createApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/app-config';
import { describeWithRedis, testRedisUrl } from '../support/test-redis';
import { useTestApp } from '../support/use-test-app';

describe('Redis at start', () => {
  it('refuses to start with a one-line error naming REDIS_URL when Redis cannot be reached', async () => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', REDIS_URL: 'redis://127.0.0.1:1', LOAD_DEMO_CONTENT: 'false' });
    const failure = await createApp(config, { inMemoryDatabase: true }).then(
      () => null,
      (error: Error) => error,
    );
    expect(failure?.message).toMatch(/^Cannot connect to Redis at 127\.0\.0\.1:1 \(REDIS_URL\): /);
    expect(failure?.message).not.toContain('\n');
  });
});

describeWithRedis('Redis in /health', () => {
  const app = useTestApp({ REDIS_URL: testRedisUrl()! });
  it('reports the database and Redis', async () => {
    const response = await app.http().get('/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', database: 'ok', redis: 'ok' });
  });
});

describe('/health without Redis', () => {
  const app = useTestApp();
  it('reports the database only', async () => {
    const response = await app.http().get('/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', database: 'ok' });
  });
});
