import pino from 'pino';
import request from 'supertest';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { createApp, type RunningApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/app-config';
import { AppSetting } from '../../src/settings/app-setting.entity';
import { DEMO_ADMIN_EMAIL, DEMO_EDITOR_EMAIL, DEMO_LOGINS_BANNER, InitialAccounts } from '../../src/users/initial-accounts';
import { User } from '../../src/users/user.entity';
import { bearer, LOGIN } from '../factories/accounts.factory';
import { createSharedTestDatabase, testDatabaseServerUrl } from '../support/test-database';
import { useTestApp } from '../support/use-test-app';
import { startTestApp } from '../support/test-app';

const ADMIN_PASSWORD = 'first-admin-password';

describe('first start', () => {
  describe('with ADMIN_EMAIL and ADMIN_PASSWORD', () => {
    const app = useTestApp({ ADMIN_EMAIL: 'Owner@Example.com', ADMIN_PASSWORD });
    it('creates that admin while no user exists, so they can sign in', async () => {
      const response = await app.graphql(LOGIN, { input: { email: 'owner@example.com', password: ADMIN_PASSWORD } });
      expect(response.errors).toBeUndefined();
      expect(response.data.login.user).toMatchObject({ email: 'owner@example.com', role: 'ADMIN' });
      const audit = await app.dataSource.getRepository(AuditEntry).findOneByOrFail({ action: 'createUser' });
      expect(audit).toMatchObject({ actorKind: 'SYSTEM', after: { email: 'owner@example.com', role: 'ADMIN', disabled: false } });
    });

    it('does not create it again, or another, once users exist', async () => {
      const config = loadConfig({ DATABASE_URL: 'postgres://unused@localhost/unused', ADMIN_EMAIL: 'second@example.com', ADMIN_PASSWORD });
      await new InitialAccounts(app.dataSource, config, pino({ level: 'silent' })).createIfNoUsers();
      expect(await app.dataSource.getRepository(User).count()).toBe(1);
    });
  });

  it('refuses an ADMIN_PASSWORD shorter than 12 characters, or one without ADMIN_EMAIL, without echoing it', () => {
    expect(() => loadConfig({ ADMIN_EMAIL: 'owner@example.com', ADMIN_PASSWORD: 'short-pw' })).toThrow(
      'Invalid configuration: ADMIN_PASSWORD must be at least 12 characters',
    );
    expect(() => loadConfig({ ADMIN_EMAIL: 'owner@example.com', ADMIN_PASSWORD: 'short-pw' })).not.toThrow(/short-pw/);
    expect(() => loadConfig({ ADMIN_PASSWORD })).toThrow(/ADMIN_EMAIL/);
    expect(() => loadConfig({ ADMIN_EMAIL: 'owner@example.com' })).toThrow(/ADMIN_PASSWORD/);
  });

  it('creates a demo admin and a demo editor in embedded demo mode and logs both logins once, with where the API listens', async () => {
    const app = await startTestApp();
    try {
      const lines: string[] = [];
      const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
      const demoConfig = loadConfig({ LOAD_DEMO_CONTENT: 'true' });
      expect(demoConfig.usesEmbeddedDatabase && demoConfig.shouldLoadDemoContent).toBe(true);
      await new InitialAccounts(app.dataSource, demoConfig, logger).createIfNoUsers();

      const announcements = lines.map((line) => JSON.parse(line)).filter((entry) => String(entry.msg).includes(DEMO_LOGINS_BANNER));
      expect(announcements).toHaveLength(1);
      const message: string = announcements[0].msg;
      expect(message).toContain('The API binds to 127.0.0.1 (this machine only) unless HOST is set');
      const adminPassword = new RegExp(`admin: ${DEMO_ADMIN_EMAIL}  password: (\\S+)`).exec(message)![1];
      const editorPassword = new RegExp(`editor: ${DEMO_EDITOR_EMAIL}  password: (\\S+)`).exec(message)![1];
      expect(adminPassword).not.toBe(editorPassword);

      const editor = await app.graphql(LOGIN, { input: { email: DEMO_EDITOR_EMAIL, password: editorPassword } });
      expect(editor.errors).toBeUndefined();
      expect(editor.data.login.user.role).toBe('EDITOR');

      // The admin reaches what only admins may: the audit log, which shows both accounts' creation.
      const admin = await app.graphql(LOGIN, { input: { email: DEMO_ADMIN_EMAIL, password: adminPassword } });
      expect(admin.errors).toBeUndefined();
      expect(admin.data.login.user.role).toBe('ADMIN');
      const audit = await app.graphql('{ auditLog(first: 10) { edges { node { action } } } }', {}, bearer(admin.data.login.accessToken));
      expect(audit.errors).toBeUndefined();
      expect(audit.data.auditLog.edges.map((edge: { node: { action: string } }) => edge.node.action)).toContain('createUser');
      const refused = await app.graphql('{ auditLog(first: 1) { edges { node { action } } } }', {}, bearer(editor.data.login.accessToken));
      expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');

      lines.length = 0;
      await new InitialAccounts(app.dataSource, demoConfig, logger).createIfNoUsers();
      expect(lines.join('')).not.toContain('DEMO LOGINS');
    } finally {
      await app.close();
    }
  });

  it('says so in the demo logins when HOST lets other machines reach the API', async () => {
    const app = await startTestApp();
    try {
      const lines: string[] = [];
      const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
      await new InitialAccounts(app.dataSource, loadConfig({ LOAD_DEMO_CONTENT: 'true', HOST: '0.0.0.0' }), logger).createIfNoUsers();
      expect(lines.join('')).toContain('The API binds to 0.0.0.0 (HOST): other machines can reach it, so change these passwords now');
    } finally {
      await app.close();
    }
  });

  // On a server the two instances start at the same moment. The embedded database serves one
  // session to every connection (only one app can use it anyway), so there they start in turn.
  const together = Boolean(testDatabaseServerUrl());

  it(`without JWT_SECRET, generates one secret that all instances on the database share (started ${together ? 'together' : 'in turn'})`, async () => {
    const database = await createSharedTestDatabase();
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      LOAD_DEMO_CONTENT: 'false',
      DATABASE_URL: database.url,
      ADMIN_EMAIL: 'owner@example.com',
      ADMIN_PASSWORD,
      ...(database.poolSize ? { DATABASE_POOL_SIZE: String(database.poolSize) } : {}),
    });
    expect(config.JWT_SECRET).toBeUndefined();
    let instances: RunningApp[] = [];
    try {
      instances = together ? await Promise.all([createApp(config), createApp(config)]) : [await createApp(config), await createApp(config)];
      for (const instance of instances) await instance.app.getHttpAdapter().getInstance().ready();
      const [first, second] = instances.map((instance) => request(instance.app.getHttpServer()));

      const settings = await instances[0].dataSource.getRepository(AppSetting).find();
      expect(settings.map((setting) => setting.key)).toEqual(['jwt_secret']);
      expect(settings[0].value.length).toBeGreaterThanOrEqual(48);
      // Both instances started on the empty database: still exactly one admin.
      expect(await instances[0].dataSource.getRepository(User).count()).toBe(1);

      const login = await first.post('/graphql').send({ query: LOGIN, variables: { input: { email: 'owner@example.com', password: ADMIN_PASSWORD } } });
      expect(login.body.errors).toBeUndefined();
      const me = await second.post('/graphql').set(bearer(login.body.data.login.accessToken)).send({ query: '{ me { email } }' });
      expect(me.body).toEqual({ data: { me: { email: 'owner@example.com' } } });
    } finally {
      for (const instance of instances) await instance.close();
      await database.drop();
    }
  });
});
