import { generateSync } from 'otplib';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { Role } from '../../src/auth/permissions';
import { User } from '../../src/users/user.entity';
import { AccountsFactory, LOGIN, type SignedInUser } from '../factories/accounts.factory';
import { startTestApp, type TestApp } from '../support/test-app';

const ME = '{ me { id email twoFactorEnabledAt passwordChangedAt } }';
const CHANGE_PASSWORD = `mutation ($input: ChangePasswordInput!) { changePassword(input: $input) { accessToken refreshToken user { id passwordChangedAt } } }`;
const CREATE_RESET = `mutation ($input: CreatePasswordResetInput!) { createPasswordReset(input: $input) { token expiresAt user { id } } }`;
const RESET_PASSWORD = `mutation ($input: ResetPasswordInput!) { resetPassword(input: $input) { id passwordChangedAt } }`;
const REFRESH = `mutation ($input: RefreshTokenInput!) { refreshToken(input: $input) { accessToken } }`;
const START_2FA = `mutation ($input: StartTwoFactorSetupInput!) { startTwoFactorSetup(input: $input) { secret uri } }`;
const CONFIRM_2FA = `mutation ($input: TwoFactorCodeInput!) { confirmTwoFactorSetup(input: $input) { codes } }`;
const DISABLE_2FA = `mutation ($input: DisableTwoFactorInput!) { disableTwoFactor(input: $input) { id twoFactorEnabledAt } }`;
const CREATE_USER = `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`;

const NEW_PASSWORD = 'violet-harbor-lantern-42';

/** The code an authenticator app shows for `secret`, `stepsAgo` 30-second steps ago. */
function authenticatorCode(secret: string, stepsAgo = 0): string {
  return generateSync({ secret, epoch: Math.floor(Date.now() / 1000) - stepsAgo * 30 });
}

function fieldErrors(response: { errors?: { extensions: { fields?: { path: string; message: string }[] } }[] }) {
  return response.errors?.[0]?.extensions.fields ?? [];
}

describe('account security', () => {
  let app: TestApp;
  let accounts: AccountsFactory;

  beforeAll(async () => {
    app = await startTestApp();
    accounts = new AccountsFactory(app);
  });

  afterAll(() => app.close());

  const login = (email: string, password: string, twoFactorCode?: string) => app.graphql(LOGIN, { input: { email, password, twoFactorCode } });

  /** Turns two-factor on for `user` through the API and returns the secret and recovery codes. */
  async function enableTwoFactor(user: SignedInUser): Promise<{ secret: string; codes: string[] }> {
    const started = await app.graphql(START_2FA, { input: { currentPassword: user.password } }, user.headers);
    expect(started.errors).toBeUndefined();
    const { secret, uri } = started.data.startTwoFactorSetup;
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    const confirmed = await app.graphql(CONFIRM_2FA, { input: { code: authenticatorCode(secret) } }, user.headers);
    expect(confirmed.errors).toBeUndefined();
    return { secret, codes: confirmed.data.confirmTwoFactorSetup.codes };
  }

  describe('the password policy', () => {
    it.each([
      ['short', 'must be at least 12 characters'],
      ['password1234', 'is one of the most common passwords: choose another'],
      ['aaaaaaaaaaaaaaa', 'must not be one character repeated'],
    ])('refuses %p for a new account, naming the field', async (password, message) => {
      const admin = await accounts.signedIn(Role.ADMIN);
      const response = await app.graphql(CREATE_USER, { input: { email: 'policy-check@example.com', role: 'EDITOR', password } }, admin.headers);
      expect(response.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(fieldErrors(response)).toContainEqual({ path: 'input.password', message });
    });

    it('refuses the email address, or its name part, as a password', async () => {
      const admin = await accounts.signedIn(Role.ADMIN);
      const response = await app.graphql(
        CREATE_USER,
        { input: { email: 'dr.hartley@example.com', role: 'EDITOR', password: 'dr.hartley@example.com' } },
        admin.headers,
      );
      expect(fieldErrors(response)).toContainEqual({ path: 'input.password', message: 'must not be or contain the email address' });
    });
  });

  describe('changePassword', () => {
    it('needs the current password: a wrong one is an error on input.currentPassword and changes nothing', async () => {
      const user = await accounts.signedIn();
      const response = await app.graphql(CHANGE_PASSWORD, { input: { currentPassword: 'not-my-password!', newPassword: NEW_PASSWORD } }, user.headers);
      expect(fieldErrors(response)).toEqual([{ path: 'input.currentPassword', message: 'is not the current password' }]);
      expect((await login(user.email, user.password)).errors).toBeUndefined();
    });

    it('holds the new password to the policy', async () => {
      const user = await accounts.signedIn();
      const response = await app.graphql(CHANGE_PASSWORD, { input: { currentPassword: user.password, newPassword: 'qwerty123456' } }, user.headers);
      expect(fieldErrors(response)).toEqual([{ path: 'input.newPassword', message: 'is one of the most common passwords: choose another' }]);
    });

    it('ends the other sessions and returns a new one for this device', async () => {
      const user = await accounts.signedIn();
      const otherDevice = await login(user.email, user.password);
      const changed = await app.graphql(CHANGE_PASSWORD, { input: { currentPassword: user.password, newPassword: NEW_PASSWORD } }, user.headers);
      expect(changed.errors).toBeUndefined();
      expect(changed.data.changePassword.user.passwordChangedAt).not.toBeNull();

      // The other device's access token stops working at once, and so does this one's old token.
      const otherMe = await app.graphql(ME, {}, { authorization: `Bearer ${otherDevice.data.login.accessToken}` });
      expect(otherMe.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      expect((await app.graphql(ME, {}, user.headers)).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      const newMe = await app.graphql(ME, {}, { authorization: `Bearer ${changed.data.changePassword.accessToken}` });
      expect(newMe.data.me.id).toBe(user.user.id);

      // The other device's refresh token no longer works; the new session's does.
      const otherRefresh = await app.graphql(REFRESH, { input: { refreshToken: otherDevice.data.login.refreshToken } });
      expect(otherRefresh.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      const ownRefresh = await app.graphql(REFRESH, { input: { refreshToken: changed.data.changePassword.refreshToken } });
      expect(ownRefresh.errors).toBeUndefined();

      expect((await login(user.email, user.password)).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      expect((await login(user.email, NEW_PASSWORD)).errors).toBeUndefined();
      const audit = await app.dataSource.getRepository(AuditEntry).findBy({ action: 'changePassword', documentId: user.user.id });
      expect(audit).toHaveLength(1);
    });

    it('is for signed-in users only: an API key is refused', async () => {
      const key = await accounts.apiKey();
      const response = await app.graphql(
        CHANGE_PASSWORD,
        { input: { currentPassword: 'whatever-it-is', newPassword: NEW_PASSWORD } },
        { authorization: `Bearer ${key.secret}` },
      );
      expect(response.errors?.[0].extensions.code).toBe('FORBIDDEN');
    });
  });

  describe('password resets by an admin', () => {
    it('give a one-time token that sets a new password and ends every session of the user', async () => {
      const admin = await accounts.signedIn(Role.ADMIN);
      const user = await accounts.signedIn();
      const created = await app.graphql(CREATE_RESET, { input: { userId: user.user.id } }, admin.headers);
      expect(created.errors).toBeUndefined();
      const { token, expiresAt } = created.data.createPasswordReset;
      expect(new Date(expiresAt).getTime() - Date.now()).toBeGreaterThan(59 * 60_000);
      expect(new Date(expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(60 * 60_000);

      const reset = await app.graphql(RESET_PASSWORD, { input: { token, newPassword: NEW_PASSWORD } });
      expect(reset.errors).toBeUndefined();
      expect((await app.graphql(REFRESH, { input: { refreshToken: user.refreshToken } })).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      expect((await login(user.email, NEW_PASSWORD)).errors).toBeUndefined();

      const again = await app.graphql(RESET_PASSWORD, { input: { token, newPassword: 'another-long-passphrase-7' } });
      expect(fieldErrors(again)).toEqual([{ path: 'input.token', message: 'is not valid: it was used, replaced or has expired' }]);
    });

    it('void the earlier reset of the same user, and refuse an expired token', async () => {
      const admin = await accounts.signedIn(Role.ADMIN);
      const user = await accounts.user();
      const first = await app.graphql(CREATE_RESET, { input: { userId: user.user.id } }, admin.headers);
      const second = await app.graphql(CREATE_RESET, { input: { userId: user.user.id } }, admin.headers);
      const replaced = await app.graphql(RESET_PASSWORD, { input: { token: first.data.createPasswordReset.token, newPassword: NEW_PASSWORD } });
      expect(fieldErrors(replaced)[0]?.path).toBe('input.token');

      await app.dataSource.query(`UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [user.user.id]);
      const expired = await app.graphql(RESET_PASSWORD, { input: { token: second.data.createPasswordReset.token, newPassword: NEW_PASSWORD } });
      expect(fieldErrors(expired)[0]?.path).toBe('input.token');
    });

    it('are for admins only, and the token is stored only as a hash', async () => {
      const editor = await accounts.signedIn();
      const refused = await app.graphql(CREATE_RESET, { input: { userId: editor.user.id } }, editor.headers);
      expect(refused.errors?.[0].extensions.code).toBe('FORBIDDEN');

      const admin = await accounts.signedIn(Role.ADMIN);
      const created = await app.graphql(CREATE_RESET, { input: { userId: editor.user.id } }, admin.headers);
      const rows: { token_hash: string }[] = await app.dataSource.query('SELECT token_hash FROM password_resets WHERE user_id = $1', [editor.user.id]);
      expect(rows.map((row) => row.token_hash)).not.toContain(created.data.createPasswordReset.token);
    });

    it('hold the new password to the policy, naming the field', async () => {
      const admin = await accounts.signedIn(Role.ADMIN);
      const user = await accounts.user();
      const created = await app.graphql(CREATE_RESET, { input: { userId: user.user.id } }, admin.headers);
      const response = await app.graphql(RESET_PASSWORD, { input: { token: created.data.createPasswordReset.token, newPassword: 'short' } });
      expect(fieldErrors(response)).toEqual([{ path: 'input.newPassword', message: 'must be at least 12 characters' }]);
    });
  });

  describe('two-factor sign-in', () => {
    it('once confirmed, refuses a sign-in without the code, and accepts the current code once', async () => {
      const user = await accounts.signedIn();
      const { secret } = await enableTwoFactor(user);
      const me = await app.graphql(ME, {}, user.headers);
      expect(me.data.me.twoFactorEnabledAt).not.toBeNull();

      const withoutCode = await login(user.email, user.password);
      expect(withoutCode.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', twoFactorRequired: true });
      expect(withoutCode.data).toBeNull();

      const wrongCode = await login(user.email, user.password, '000000');
      expect(wrongCode.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', twoFactorRequired: true });

      // The code that confirmed the setup was used up; the next step's code works, once.
      const nextCode = authenticatorCode(secret, -1);
      expect((await login(user.email, user.password, nextCode)).errors).toBeUndefined();
      expect((await login(user.email, user.password, nextCode)).errors?.[0].extensions.twoFactorRequired).toBe(true);
    });

    it('accepts each recovery code once in place of a code', async () => {
      const user = await accounts.signedIn();
      const { codes } = await enableTwoFactor(user);
      expect(codes).toHaveLength(10);
      expect(new Set(codes).size).toBe(10);

      expect((await login(user.email, user.password, codes[0].toUpperCase())).errors).toBeUndefined();
      expect((await login(user.email, user.password, codes[0])).errors?.[0].extensions.twoFactorRequired).toBe(true);
      const audit = await app.dataSource.getRepository(AuditEntry).findBy({ action: 'useRecoveryCode', documentId: user.user.id });
      expect(audit[0].after).toEqual({ recoveryCodesLeft: 9 });
    });

    it('is not on until a code confirms the secret, and a wrong confirmation names the field', async () => {
      const user = await accounts.signedIn();
      await app.graphql(START_2FA, { input: { currentPassword: user.password } }, user.headers);
      const wrong = await app.graphql(CONFIRM_2FA, { input: { code: '123456' } }, user.headers);
      expect(fieldErrors(wrong)).toEqual([{ path: 'input.code', message: 'is not the current code of the authenticator' }]);
      expect((await login(user.email, user.password)).errors).toBeUndefined();
    });

    it('turns off with the password and a code, and sign-in needs the password alone again', async () => {
      const user = await accounts.signedIn();
      const { secret } = await enableTwoFactor(user);
      const off = await app.graphql(DISABLE_2FA, { input: { currentPassword: user.password, code: authenticatorCode(secret, -1) } }, user.headers);
      expect(off.errors).toBeUndefined();
      expect(off.data.disableTwoFactor.twoFactorEnabledAt).toBeNull();
      expect((await login(user.email, user.password)).errors).toBeUndefined();
      const actions = (await app.dataSource.getRepository(AuditEntry).findBy({ documentId: user.user.id })).map((entry) => entry.action);
      expect(actions).toEqual(expect.arrayContaining(['enableTwoFactor', 'disableTwoFactor']));
    });

    it('stores the recovery codes only as hashes', async () => {
      const user = await accounts.signedIn();
      const { codes } = await enableTwoFactor(user);
      const rows: { code_hash: string }[] = await app.dataSource.query('SELECT code_hash FROM recovery_codes WHERE user_id = $1', [user.user.id]);
      expect(rows).toHaveLength(10);
      for (const code of codes) expect(rows.map((row) => row.code_hash)).not.toContain(code);
    });
  });
});

describe('two-factor sign-in required for admins (REQUIRE_ADMIN_TWO_FACTOR=true)', () => {
  let app: TestApp;
  let accounts: AccountsFactory;

  beforeAll(async () => {
    app = await startTestApp({ REQUIRE_ADMIN_TWO_FACTOR: 'true' });
    accounts = new AccountsFactory(app);
  });

  afterAll(() => app.close());

  it('lets an admin without it only set it up; afterwards the admin works as usual', async () => {
    const admin = await accounts.signedIn(Role.ADMIN);
    const refused = await app.graphql('{ users { id } }', {}, admin.headers);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', twoFactorSetupRequired: true });

    const started = await app.graphql(START_2FA, { input: { currentPassword: admin.password } }, admin.headers);
    const secret = started.data.startTwoFactorSetup.secret;
    expect((await app.graphql(CONFIRM_2FA, { input: { code: authenticatorCode(secret) } }, admin.headers)).errors).toBeUndefined();

    const allowed = await app.graphql('{ users { id } }', {}, admin.headers);
    expect(allowed.errors).toBeUndefined();
  });

  it('leaves editors free to choose', async () => {
    const editor = await accounts.signedIn(Role.EDITOR);
    const response = await app.graphql('{ treatments(stage: DRAFT) { totalCount } }', {}, editor.headers);
    expect(response.errors).toBeUndefined();
    const user = await app.dataSource.getRepository(User).findOneByOrFail({ id: editor.user.id });
    expect(user.twoFactorEnabledAt).toBeNull();
  });
});
