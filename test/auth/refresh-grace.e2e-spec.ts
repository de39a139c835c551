import { IsNull, Not } from 'typeorm';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { RefreshToken } from '../../src/auth/refresh-token.entity';
import { AccountsFactory, bearer } from '../factories/accounts.factory';
import { startTestApp, type TestApp } from '../support/test-app';

const ME = '{ me { id } }';
const REFRESH = `mutation Refresh($input: RefreshTokenInput!) { refreshToken(input: $input) { accessToken refreshToken } }`;

describe('refreshing a token twice at once', () => {
  let app: TestApp;
  let accounts: AccountsFactory;

  beforeAll(async () => {
    // TRUST_PROXY lets each test choose its client IP through X-Forwarded-For.
    app = await startTestApp({ TRUST_PROXY: 'true' });
    accounts = new AccountsFactory(app);
  });

  afterAll(() => app?.close());

  const refresh = (refreshToken: string, clientIp = '198.51.100.7') => app.graphql(REFRESH, { input: { refreshToken } }, { 'x-forwarded-for': clientIp });

  /** Dates the rotations of the user's tokens back past the grace window. */
  const pastTheGraceWindow = (userId: string) =>
    app.dataSource.getRepository(RefreshToken).update({ userId, replacedById: Not(IsNull()) }, { revokedAt: new Date(Date.now() - 21_000) });

  it('gives 5 concurrent refreshes with one token the same successor, which keeps working', async () => {
    const signedIn = await accounts.signedIn();
    const responses = await Promise.all(Array.from({ length: 5 }, () => refresh(signedIn.refreshToken)));
    for (const response of responses) expect(response.errors).toBeUndefined();
    const successors = new Set(responses.map((response) => response.data.refreshToken.refreshToken));
    expect(successors.size).toBe(1);
    const [successor] = successors;
    expect(successor).not.toBe(signedIn.refreshToken);

    // Every access token handed out works, and so does the successor, again and again.
    for (const response of responses) expect((await app.graphql(ME, {}, bearer(response.data.refreshToken.accessToken))).data.me.id).toBe(signedIn.user.id);
    const next = await refresh(successor);
    expect(next.errors).toBeUndefined();
    expect((await refresh(next.data.refreshToken.refreshToken)).errors).toBeUndefined();
    expect(await app.dataSource.getRepository(AuditEntry).countBy({ action: 'refreshTokenReused', actorId: signedIn.user.id })).toBe(0);
  });

  it('returns the current token to a client that refreshed twice meanwhile and then retries the first', async () => {
    const signedIn = await accounts.signedIn();
    const first = await refresh(signedIn.refreshToken);
    const second = await refresh(first.data.refreshToken.refreshToken);
    const retried = await refresh(signedIn.refreshToken);
    expect(retried.errors).toBeUndefined();
    expect(retried.data.refreshToken.refreshToken).toBe(second.data.refreshToken.refreshToken);
  });

  it('ends the session when a replaced token comes back after the grace window', async () => {
    const signedIn = await accounts.signedIn();
    const rotated = await refresh(signedIn.refreshToken);
    const successor = rotated.data.refreshToken;
    await pastTheGraceWindow(signedIn.user.id);

    expect((await refresh(signedIn.refreshToken)).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await refresh(successor.refreshToken)).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    // The access token of the ended session stops working too.
    expect((await app.graphql(ME, {}, bearer(successor.accessToken))).status).toBe(401);
    expect(await app.dataSource.getRepository(AuditEntry).countBy({ action: 'refreshTokenReused', actorId: signedIn.user.id })).toBe(1);
  });

  it('ends the session when another client presents a replaced token, even within the window', async () => {
    const signedIn = await accounts.signedIn();
    const rotated = await refresh(signedIn.refreshToken, '198.51.100.7');
    expect((await refresh(signedIn.refreshToken, '203.0.113.99')).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await refresh(rotated.data.refreshToken.refreshToken, '198.51.100.7')).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('does not bring back a session that was logged out within the window', async () => {
    const signedIn = await accounts.signedIn();
    const rotated = await refresh(signedIn.refreshToken);
    const logout = await app.graphql('mutation($input: LogoutInput!) { logout(input: $input) }', {
      input: { refreshToken: rotated.data.refreshToken.refreshToken },
    });
    expect(logout.data.logout).toBe(true);
    expect((await refresh(signedIn.refreshToken)).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
