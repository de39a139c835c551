import request from 'supertest';
import { createApp, type RunningApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/app-config';
import { User } from '../../src/users/user.entity';
import { LOGIN } from '../factories/accounts.factory';
import { embeddedTemplate } from '../support/test-database';

const ADMIN_PASSWORD = 'granite-sparrow-harbor-from-env';

/**
 * The embedded demo (no DATABASE_URL, demo content on) started with ADMIN_EMAIL, as an operator
 * trying the app for real would, with every log line kept.
 */
describe('log lines', () => {
  const lines: string[] = [];
  let running: RunningApp;

  beforeAll(async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      LOAD_DEMO_CONTENT: 'true',
      ADMIN_EMAIL: 'owner@example.com',
      ADMIN_PASSWORD,
      RATE_LIMIT: 'off',
    });
    expect(config.usesEmbeddedDatabase).toBe(true);
    running = await createApp(config, {
      inMemoryDatabase: true,
      embeddedInitialData: embeddedTemplate(),
      logDestination: { write: (line: string) => lines.push(line) },
    });
    await running.app.getHttpAdapter().getInstance().ready();
    // The demo load and the owner's password hash at production cost: slow on a loaded machine.
  }, 180_000);

  afterAll(() => running?.close());

  it('never show a password when ADMIN_EMAIL names the owner: no demo editor is created', async () => {
    const all = lines.join('');
    expect(all).toContain('Created the admin account owner@example.com');
    expect(all).not.toContain('DEMO LOGINS');
    expect(all).not.toMatch(/password: /i);
    expect(all).not.toContain(ADMIN_PASSWORD);
    const users = await running.dataSource.getRepository(User).find();
    expect(users.map((user) => user.email)).toEqual(['owner@example.com']);
  });

  it('carry the request id once per line, Fastify’s own lines and the app’s alike', async () => {
    lines.length = 0;
    await request(running.app.getHttpServer())
      .post('/graphql')
      .set('x-request-id', 'log-lines-request')
      .send({ query: LOGIN, variables: { input: { email: 'nobody@example.com', password: 'wrong-password' } } })
      .expect(200);

    const ofRequest = lines.filter((line) => line.includes('log-lines-request'));
    // Fastify's "incoming request" and "request completed", and the app's failed sign-in warning.
    expect(ofRequest.some((line) => line.includes('incoming request'))).toBe(true);
    expect(ofRequest.some((line) => line.includes('Failed sign-in for'))).toBe(true);
    expect(ofRequest.some((line) => line.includes('nobody@example.com'))).toBe(false);
    for (const line of ofRequest) {
      expect(line.match(/"reqId":/g)).toHaveLength(1);
      expect(JSON.parse(line).reqId).toBe('log-lines-request');
    }
  });
});
