import jwt from 'jsonwebtoken';
import { IsNull, Not } from 'typeorm';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { Role } from '../../src/auth/permissions';
import { RefreshToken } from '../../src/auth/refresh-token.entity';
import { User } from '../../src/users/user.entity';
import { bearer, LOGIN, uniqueEmail } from '../factories/accounts.factory';
import { useTestApp } from '../support/use-test-app';
import { type AppUnderTest } from '../support/test-app';

const TEST_SECRET = 'test-secret-that-is-long-enough-for-hs256-signing';

const ME = '{ me { id email role permissions lastLoginAt } }';
const REFRESH = `mutation Refresh($input: RefreshTokenInput!) {
  refreshToken(input: $input) { accessToken refreshToken refreshTokenExpiresAt user { email } }
}`;
const LOGOUT = 'mutation Logout($input: LogoutInput!) { logout(input: $input) }';

describe('signing in', () => {
  const app = useTestApp();
  const accounts = app.accounts;
  const login = (email: string, password: string) => app.graphql(LOGIN, { input: { email, password } });

  it('returns a 15-minute HS256 access token and a 30-day refresh token for the right password', async () => {
    const { email, password, user } = await accounts.user({ role: Role.EDITOR });
    const before = Date.now();
    const response = await login(email, password);
    expect(response.errors).toBeUndefined();
    const session = response.data.login;
    expect(session.user).toEqual({ id: user.id, email, role: 'EDITOR' });

    const header = jwt.decode(session.accessToken, { complete: true })!;
    expect(header.header.alg).toBe('HS256');
    expect(header.payload).toMatchObject({ sub: user.id, role: 'EDITOR', type: 'access' });
    const payload = header.payload as jwt.JwtPayload;
    expect(payload.exp! - payload.iat!).toBe(15 * 60);
    expect(new Date(session.accessTokenExpiresAt).getTime()).toBe(payload.exp! * 1000);

    const refreshLifetime = new Date(session.refreshTokenExpiresAt).getTime() - before;
    expect(refreshLifetime).toBeGreaterThan(30 * 24 * 3600 * 1000 - 60_000);
    expect(refreshLifetime).toBeLessThan(30 * 24 * 3600 * 1000 + 60_000);
  });

  it('stores the refresh token only as a sha256 hash', async () => {
    const signedIn = await accounts.signedIn();
    const tokens = await app.dataSource.getRepository(RefreshToken).findBy({ userId: signedIn.user.id });
    expect(tokens).toHaveLength(1);
    expect(tokens[0].tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(tokens[0].tokenHash).not.toContain(signedIn.refreshToken);
  });

  it('accepts the email in any case and records the sign-in (last login, audit log)', async () => {
    const { email, password, user } = await accounts.user();
    const response = await login(`  ${email.toUpperCase()} `, password);
    expect(response.errors).toBeUndefined();

    const me = await app.graphql(ME, {}, bearer(response.data.login.accessToken));
    expect(me.errors).toBeUndefined();
    expect(me.data.me).toMatchObject({
      id: user.id,
      email,
      role: 'EDITOR',
      permissions: ['CONTENT_READ_DRAFT', 'CONTENT_WRITE', 'CONTENT_PUBLISH', 'MEDIA_WRITE'],
    });
    expect(me.data.me.lastLoginAt).not.toBeNull();
    const audit = await app.dataSource.getRepository(AuditEntry).findBy({ action: 'login', actorId: user.id });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorKind: 'USER', actorLabel: email, documentType: 'USER', documentId: user.id });
  });

  it('answers a wrong password, an unknown email and a disabled user with the same UNAUTHENTICATED error', async () => {
    const active = await accounts.user();
    const disabled = await accounts.user({ disabled: true });
    const responses = [
      await login(active.email, 'not-the-password'),
      await login(uniqueEmail('nobody'), 'not-the-password'),
      await login(disabled.email, disabled.password),
    ];
    for (const response of responses) {
      expect(response.data).toBeNull();
      expect(response.errors).toHaveLength(1);
    }
    const [wrongPassword, unknownEmail, disabledUser] = responses.map((response) => response.errors);
    expect(wrongPassword).toEqual([
      { message: 'Invalid email or password', locations: expect.any(Array), path: ['login'], extensions: { code: 'UNAUTHENTICATED' } },
    ]);
    expect(unknownEmail).toEqual(wrongPassword);
    expect(disabledUser).toEqual(wrongPassword);
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
  });

  it('answers `me` with null without a credential', async () => {
    const response = await app.graphql(ME);
    expect(response.errors).toBeUndefined();
    expect(response.data.me).toBeNull();
  });

  it('rate limits repeated failures per email and IP, even with the right password, and tells when to retry', async () => {
    const target = await accounts.user();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const response = await login(target.email, `wrong-${attempt}`);
      expect(response.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    }
    const limited = await login(target.email, target.password);
    expect(limited.errors?.[0].extensions.code).toBe('RATE_LIMITED');
    const retryAfter = limited.errors?.[0].extensions.retryAfterSeconds as number;
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);

    // Unknown emails are limited the same way, so the limit reveals nothing either.
    const unknown = uniqueEmail('nobody');
    for (let attempt = 0; attempt < 5; attempt += 1) await login(unknown, 'wrong-password');
    expect((await login(unknown, 'wrong-password')).errors?.[0].extensions.code).toBe('RATE_LIMITED');

    const other = await accounts.user();
    expect((await login(other.email, other.password)).errors).toBeUndefined();
  });

  it('forgets earlier failures after a successful sign-in', async () => {
    const { email, password } = await accounts.user();
    for (let attempt = 0; attempt < 4; attempt += 1) await login(email, 'wrong-password');
    expect((await login(email, password)).errors).toBeUndefined();
    for (let attempt = 0; attempt < 4; attempt += 1) await login(email, 'wrong-password');
    expect((await login(email, password)).errors).toBeUndefined();
  });

  describe('refresh tokens', () => {
    it('rotate: each refresh returns new tokens and uses up the old refresh token', async () => {
      const signedIn = await accounts.signedIn();
      const first = await app.graphql(REFRESH, { input: { refreshToken: signedIn.refreshToken } });
      expect(first.errors).toBeUndefined();
      expect(first.data.refreshToken.user.email).toBe(signedIn.email);
      expect(first.data.refreshToken.refreshToken).not.toBe(signedIn.refreshToken);
      const me = await app.graphql(ME, {}, bearer(first.data.refreshToken.accessToken));
      expect(me.data.me.email).toBe(signedIn.email);

      const second = await app.graphql(REFRESH, { input: { refreshToken: first.data.refreshToken.refreshToken } });
      expect(second.errors).toBeUndefined();

      const tokens = await app.dataSource.getRepository(RefreshToken).find({ where: { userId: signedIn.user.id }, order: { createdAt: 'ASC' } });
      expect(tokens).toHaveLength(3);
      expect(new Set(tokens.map((token) => token.familyId)).size).toBe(1);
      expect(tokens.map((token) => token.revokedAt === null)).toEqual([false, false, true]);
      expect(tokens[0].replacedById).toBe(tokens[1].id);
    });

    it('detect reuse: presenting a used-up refresh token ends the whole session', async () => {
      const signedIn = await accounts.signedIn();
      const rotated = await app.graphql(REFRESH, { input: { refreshToken: signedIn.refreshToken } });
      const current = rotated.data.refreshToken.refreshToken;
      // Past the grace window in which the same client may send it again (refresh-grace.e2e-spec.ts).
      await app.dataSource
        .getRepository(RefreshToken)
        .update({ userId: signedIn.user.id, replacedById: Not(IsNull()) }, { revokedAt: new Date(Date.now() - 60_000) });

      const replay = await app.graphql(REFRESH, { input: { refreshToken: signedIn.refreshToken } });
      expect(replay.errors?.[0]).toMatchObject({ message: 'The refresh token is not valid', extensions: { code: 'UNAUTHENTICATED' } });
      // The legitimate holder's newer token is revoked too: whoever holds the copy is locked out.
      const afterReplay = await app.graphql(REFRESH, { input: { refreshToken: current } });
      expect(afterReplay.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');

      const audit = await app.dataSource.getRepository(AuditEntry).findBy({ action: 'refreshTokenReused', actorId: signedIn.user.id });
      expect(audit).toHaveLength(1);
    });

    it('are refused when unknown, expired, or when the user was disabled', async () => {
      expect((await app.graphql(REFRESH, { input: { refreshToken: 'made-up' } })).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');

      const expired = await accounts.signedIn();
      await app.dataSource.getRepository(RefreshToken).update({ userId: expired.user.id }, { expiresAt: new Date(Date.now() - 1000) });
      expect((await app.graphql(REFRESH, { input: { refreshToken: expired.refreshToken } })).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');

      const disabled = await accounts.signedIn();
      await app.dataSource.getRepository(User).update({ id: disabled.user.id }, { disabled: true });
      expect((await app.graphql(REFRESH, { input: { refreshToken: disabled.refreshToken } })).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    });
  });

  it('logout ends the session: its refresh token no longer works', async () => {
    const signedIn = await accounts.signedIn();
    const response = await app.graphql(LOGOUT, { input: { refreshToken: signedIn.refreshToken } });
    expect(response.errors).toBeUndefined();
    expect(response.data.logout).toBe(true);
    expect((await app.graphql(REFRESH, { input: { refreshToken: signedIn.refreshToken } })).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    // Logging out twice, or with an unknown token, is not an error.
    expect((await app.graphql(LOGOUT, { input: { refreshToken: signedIn.refreshToken } })).data.logout).toBe(true);
    expect(await app.dataSource.getRepository(AuditEntry).countBy({ action: 'logout', actorId: signedIn.user.id })).toBe(1);
  });

  describe('access tokens', () => {
    const expectRefused = (response: Awaited<ReturnType<AppUnderTest['graphql']>>, message?: string) => {
      expect(response.status).toBe(401);
      expect(response.data).toBeUndefined();
      expect(response.errors).toHaveLength(1);
      expect(response.errors![0].extensions.code).toBe('UNAUTHENTICATED');
      if (message) expect(response.errors![0].message).toBe(message);
    };

    it('refuse the whole request when expired, forged, malformed or of the wrong kind (no anonymous fallback)', async () => {
      const { user } = await accounts.user();
      const now = Math.floor(Date.now() / 1000);
      const expired = jwt.sign({ sub: user.id, role: 'EDITOR', type: 'access', iat: now - 1000, exp: now - 100 }, TEST_SECRET, { algorithm: 'HS256' });
      expectRefused(await app.graphql(ME, {}, bearer(expired)), 'The token has expired');

      const forged = jwt.sign({ sub: user.id, role: 'ADMIN', type: 'access' }, 'another-secret-that-is-also-long-enough', {
        algorithm: 'HS256',
        expiresIn: 600,
      });
      expectRefused(await app.graphql(ME, {}, bearer(forged)));

      const unsigned = jwt.sign({ sub: user.id, role: 'ADMIN', type: 'access' }, '', { algorithm: 'none', expiresIn: 600 } as jwt.SignOptions);
      expectRefused(await app.graphql(ME, {}, bearer(unsigned)));

      const otherType = jwt.sign({ sub: user.id, role: 'ADMIN', type: 'refresh' }, TEST_SECRET, { algorithm: 'HS256', expiresIn: 600 });
      expectRefused(await app.graphql(ME, {}, bearer(otherType)));

      expectRefused(await app.graphql(ME, {}, bearer('not-a-token')));
      expectRefused(await app.graphql(ME, {}, { authorization: 'Basic dXNlcjpwYXNz' }));
    });

    it('stop working as soon as the user is disabled, and carry the current role', async () => {
      const signedIn = await accounts.signedIn(Role.EDITOR);
      await app.dataSource.getRepository(User).update({ id: signedIn.user.id }, { role: Role.ADMIN });
      expect((await app.graphql(ME, {}, signedIn.headers)).data.me.role).toBe('ADMIN');
      const admin = await accounts.signedIn(Role.ADMIN);
      const disabled = await app.graphql(
        'mutation($input: UpdateUserInput!) { updateUser(input: $input) { disabled } }',
        { input: { id: signedIn.user.id, disabled: true } },
        admin.headers,
      );
      expect(disabled.errors).toBeUndefined();
      expectRefused(await app.graphql(ME, {}, signedIn.headers));
    });
  });
});
