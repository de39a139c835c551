import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { Role } from '../../src/auth/permissions';
import { SessionsService } from '../../src/auth/sessions.service';
import { SYSTEM_ACTOR } from '../../src/auth/actor';
import { AccountsFactory, bearer, type SignedInUser } from '../factories/accounts.factory';
import { startTestApp, type TestApp } from '../support/test-app';
import { createSharedTestDatabase, type SharedTestDatabase } from '../support/test-database';
import { describeWithRedis, testRedisUrl, uniqueRedisKeyPrefix } from '../support/test-redis';

const ME = '{ me { id role } }';
const REFRESH = 'mutation Refresh($input: RefreshTokenInput!) { refreshToken(input: $input) { accessToken refreshToken } }';
const LOGOUT = 'mutation Logout($input: LogoutInput!) { logout(input: $input) }';
const UPDATE_USER = 'mutation Update($input: UpdateUserInput!) { updateUser(input: $input) { role disabled } }';

/** Sessions are cached longer than any test runs, so a refusal proves the end reached the cache, not that it expired. */
const LONG_CACHE = { SESSION_CHECK_CACHE_SECONDS: '60' };

describe('ending sessions', () => {
  let app: TestApp;
  let accounts: AccountsFactory;
  let admin: SignedInUser;

  beforeAll(async () => {
    app = await startTestApp(LONG_CACHE);
    accounts = new AccountsFactory(app);
    admin = await accounts.signedIn(Role.ADMIN);
  });

  afterAll(() => app?.close());

  const me = (token: string) => app.graphql(ME, {}, bearer(token));
  const refresh = (refreshToken: string) => app.graphql(REFRESH, { input: { refreshToken } });

  /** A second session of the same user (another device). */
  async function secondSession(user: SignedInUser): Promise<{ accessToken: string; refreshToken: string }> {
    const response = await app.graphql('mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }', {
      input: { email: user.email, password: user.password },
    });
    return response.data.login;
  }

  const expectEnded = async (session: { accessToken: string; refreshToken: string }) => {
    const response = await me(session.accessToken);
    expect(response.status).toBe(401);
    expect(response.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await refresh(session.refreshToken)).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  };

  it('reads a session once, then answers from the cache until it ends', async () => {
    const signedIn = await accounts.signedIn();
    const first = await me(signedIn.accessToken);
    const second = await me(signedIn.accessToken);
    expect(second.errors).toBeUndefined();
    expect(second.sqlStatements).toBe(first.sqlStatements - 1);
  });

  it("logout ends that session's access token at once, and leaves the user's other sessions alone", async () => {
    const signedIn = await accounts.signedIn();
    const other = await secondSession(signedIn);
    // Read once, so the session is in the cache when logout comes.
    expect((await me(signedIn.accessToken)).data.me.id).toBe(signedIn.user.id);

    expect((await app.graphql(LOGOUT, { input: { refreshToken: signedIn.refreshToken } })).data.logout).toBe(true);
    await expectEnded(signedIn);
    expect((await me(other.accessToken)).data.me.id).toBe(signedIn.user.id);
  });

  it('logout everywhere ends every session of the user', async () => {
    const signedIn = await accounts.signedIn();
    const other = await secondSession(signedIn);
    expect((await me(other.accessToken)).errors).toBeUndefined();

    expect((await app.graphql(LOGOUT, { input: { refreshToken: signedIn.refreshToken, everywhere: true } })).data.logout).toBe(true);
    await expectEnded(signedIn);
    await expectEnded(other);
    const audit = await app.dataSource.getRepository(AuditEntry).findOneByOrFail({ action: 'endAllSessions', documentId: signedIn.user.id });
    expect(audit).toMatchObject({ actorId: signedIn.user.id, after: { reason: 'logoutEverywhere', revokedRefreshTokens: 2 }, ipAddress: expect.any(String) });
  });

  it('a role change ends every session of the user at once; signing in again gives the new role', async () => {
    const signedIn = await accounts.signedIn(Role.EDITOR);
    expect((await me(signedIn.accessToken)).data.me.role).toBe('EDITOR');

    const changed = await app.graphql(UPDATE_USER, { input: { id: signedIn.user.id, role: 'ADMIN' } }, admin.headers);
    expect(changed.errors).toBeUndefined();
    await expectEnded(signedIn);
    const again = await secondSession(signedIn);
    expect((await me(again.accessToken)).data.me.role).toBe('ADMIN');
    const audit = await app.dataSource.getRepository(AuditEntry).findOneByOrFail({ action: 'endAllSessions', documentId: signedIn.user.id });
    expect(audit).toMatchObject({ actorId: admin.user.id, after: { reason: 'roleChanged' } });
  });

  it('disabling a user ends every session at once; enabling does not bring them back', async () => {
    const signedIn = await accounts.signedIn();
    expect((await me(signedIn.accessToken)).errors).toBeUndefined();

    expect((await app.graphql(UPDATE_USER, { input: { id: signedIn.user.id, disabled: true } }, admin.headers)).errors).toBeUndefined();
    await expectEnded(signedIn);
    expect((await app.graphql(UPDATE_USER, { input: { id: signedIn.user.id, disabled: false } }, admin.headers)).errors).toBeUndefined();
    await expectEnded(signedIn);
  });

  it('SessionsService.endAllSessions joins the caller’s transaction and ends sessions once it commits', async () => {
    const signedIn = await accounts.signedIn();
    expect((await me(signedIn.accessToken)).errors).toBeUndefined();
    const sessions = app.running.app.get(SessionsService);

    await expect(
      app.dataSource.transaction(async (manager) => {
        await sessions.endAllSessions(SYSTEM_ACTOR, signedIn.user.id, 'passwordChanged', manager);
        throw new Error('the caller changes its mind');
      }),
    ).rejects.toThrow('the caller changes its mind');
    // Rolled back: nothing ended.
    expect((await me(signedIn.accessToken)).errors).toBeUndefined();

    await app.dataSource.transaction((manager) => sessions.endAllSessions(SYSTEM_ACTOR, signedIn.user.id, 'passwordChanged', manager));
    await sessions.afterSessionsEnded(signedIn.user.id);
    await expectEnded(signedIn);
  });
});

describeWithRedis('ending sessions on several instances', () => {
  let database: SharedTestDatabase;
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    // Two instances on one database sharing one Redis (one key prefix).
    const shared = { ...LONG_CACHE, REDIS_URL: testRedisUrl()!, REDIS_KEY_PREFIX: uniqueRedisKeyPrefix() };
    database = await createSharedTestDatabase();
    first = await startTestApp(shared, { database });
    second = await startTestApp(shared, { database });
  }, 180_000);

  afterAll(async () => {
    await second?.close();
    await first?.close();
    await database?.drop();
  });

  it('logout on one instance refuses the access token on the other, whose cache held the session', async () => {
    const signedIn = await new AccountsFactory(first).signedIn();
    expect((await second.graphql(ME, {}, bearer(signedIn.accessToken))).errors).toBeUndefined();

    await first.graphql(LOGOUT, { input: { refreshToken: signedIn.refreshToken } });
    // Redis delivers the message to the other instance asynchronously; it answers the next request within moments.
    let status = 200;
    for (let attempt = 0; attempt < 50 && status === 200; attempt += 1) {
      status = (await second.graphql(ME, {}, bearer(signedIn.accessToken))).status;
      if (status === 200) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(status).toBe(401);
  });
});
