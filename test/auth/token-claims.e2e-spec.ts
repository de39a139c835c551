import jwt from 'jsonwebtoken';
import { AccountsFactory, bearer, type SignedInUser } from '../factories/accounts.factory';
import { startTestApp, type TestApp } from '../support/test-app';

const TEST_SECRET = 'test-secret-that-is-long-enough-for-hs256-signing';
const ME = '{ me { id } }';

/** Re-signs the claims of a real access token, changed as given, with the app's own key. */
function resign(
  accessToken: string,
  change: (claims: jwt.JwtPayload) => jwt.JwtPayload,
  header: Partial<jwt.JwtHeader> = {},
  algorithm: jwt.Algorithm = 'HS256',
): string {
  const decoded = jwt.decode(accessToken, { complete: true })!;
  const claims = change({ ...(decoded.payload as jwt.JwtPayload) });
  // noTimestamp when iat was taken out: jsonwebtoken would otherwise add one of its own.
  return jwt.sign(claims, TEST_SECRET, {
    algorithm,
    noTimestamp: claims.iat === undefined,
    header: { ...decoded.header, alg: algorithm, ...header } as jwt.JwtHeader,
  });
}

function without(name: string): (claims: jwt.JwtPayload) => jwt.JwtPayload {
  return (claims) => {
    delete claims[name];
    return claims;
  };
}

describe('access token claims', () => {
  let app: TestApp;
  let signedIn: SignedInUser;

  beforeAll(async () => {
    app = await startTestApp();
    signedIn = await new AccountsFactory(app).signedIn();
  });

  afterAll(() => app?.close());

  const expectRefused = async (token: string) => {
    const response = await app.graphql(ME, {}, bearer(token));
    expect(response.status).toBe(401);
    expect(response.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  };

  it('carry typ, iss, aud, iat, exp, the session and its version', () => {
    const decoded = jwt.decode(signedIn.accessToken, { complete: true })!;
    expect(decoded.header).toEqual({ alg: 'HS256', typ: 'at+jwt' });
    expect(decoded.payload).toEqual({
      type: 'access',
      sub: signedIn.user.id,
      role: 'EDITOR',
      sid: expect.any(String),
      sv: 0,
      iss: 'practice-cms',
      aud: 'practice-cms/graphql',
      iat: expect.any(Number),
      exp: expect.any(Number),
    });
  });

  it('are accepted when re-signed unchanged (the refusals below are about the change alone)', async () => {
    const response = await app.graphql(ME, {}, bearer(resign(signedIn.accessToken, (claims) => claims)));
    expect(response.errors).toBeUndefined();
    expect(response.data.me.id).toBe(signedIn.user.id);
  });

  it('refuse a correctly signed token without exp: none lives forever', () => expectRefused(resign(signedIn.accessToken, without('exp'))));

  it('refuse a token without iat, or issued in the future', async () => {
    await expectRefused(resign(signedIn.accessToken, without('iat')));
    await expectRefused(resign(signedIn.accessToken, (claims) => ({ ...claims, iat: Math.floor(Date.now() / 1000) + 3600 })));
  });

  it('refuse another issuer or audience, or none', async () => {
    await expectRefused(resign(signedIn.accessToken, (claims) => ({ ...claims, iss: 'someone-else' })));
    await expectRefused(resign(signedIn.accessToken, without('iss')));
    await expectRefused(resign(signedIn.accessToken, (claims) => ({ ...claims, aud: 'another-api' })));
    await expectRefused(resign(signedIn.accessToken, without('aud')));
  });

  it('refuse another typ header, or none', async () => {
    await expectRefused(resign(signedIn.accessToken, (claims) => claims, { typ: 'JWT' }));
    await expectRefused(resign(signedIn.accessToken, (claims) => claims, { typ: 'preview+jwt' }));
    await expectRefused(resign(signedIn.accessToken, (claims) => claims, { typ: undefined }));
  });

  it('refuse any algorithm but HS256, even with the right key', async () => {
    await expectRefused(resign(signedIn.accessToken, (claims) => claims, {}, 'HS512'));
    await expectRefused(resign(signedIn.accessToken, (claims) => claims, {}, 'HS384'));
    await expectRefused(jwt.sign(jwt.decode(signedIn.accessToken) as object, '', { algorithm: 'none' } as jwt.SignOptions));
  });

  it('refuse a token without its session or session version, or with an old version', async () => {
    await expectRefused(resign(signedIn.accessToken, without('sid')));
    await expectRefused(resign(signedIn.accessToken, without('sv')));
    await expectRefused(resign(signedIn.accessToken, (claims) => ({ ...claims, sv: claims.sv - 1 })));
  });
});
