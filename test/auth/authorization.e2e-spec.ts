import jwt from 'jsonwebtoken';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { Permission, Role } from '../../src/auth/permissions';
import { RefreshToken } from '../../src/auth/refresh-token.entity';
import { User } from '../../src/users/user.entity';
import { bearer, LOGIN, type SignedInUser, uniqueEmail } from '../factories/accounts.factory';
import { useTestApp } from '../support/use-test-app';

const CREATE_USER = 'mutation Create($input: CreateUserInput!) { createUser(input: $input) { id email role disabled permissions } }';
const UPDATE_USER = 'mutation Update($input: UpdateUserInput!) { updateUser(input: $input) { id role disabled } }';
const USERS = '{ users { id email role disabled } }';
const CREATE_PREVIEW_TOKEN = 'mutation Preview($input: CreatePreviewTokenInput!) { createPreviewToken(input: $input) { token expiresAt } }';
const TREATMENTS = { input: { documentType: 'TREATMENT' } };
const CREATE_API_KEY = 'mutation Create($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }';

describe('authorization', () => {
  const app = useTestApp();
  const accounts = app.accounts;
  let admin: SignedInUser;
  let editor: SignedInUser;

  beforeAll(async () => {
    admin = await accounts.signedIn(Role.ADMIN);
    editor = await accounts.signedIn(Role.EDITOR);
  });

  describe('anonymous callers', () => {
    it('get UNAUTHENTICATED for a mutation that needs a credential, before their input is even looked at', async () => {
      const response = await app.graphql(CREATE_USER, { input: { email: 'not-an-email', role: 'ADMIN', password: 'short' } });
      expect(response.data).toBeNull();
      expect(response.errors).toEqual([
        expect.objectContaining({ message: 'Authentication is required', path: ['createUser'], extensions: { code: 'UNAUTHENTICATED' } }),
      ]);
      expect((await app.graphql(CREATE_PREVIEW_TOKEN, TREATMENTS)).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    });

    it('get UNAUTHENTICATED for protected queries', async () => {
      expect((await app.graphql(USERS)).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      expect((await app.graphql('{ apiKeys { id } }')).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('user administration', () => {
    it('lets an admin create users (audited, without the password) and list them', async () => {
      const email = uniqueEmail('new');
      const response = await app.graphql(
        CREATE_USER,
        { input: { email: email.toUpperCase(), role: 'EDITOR', password: 'a-long-enough-password' } },
        admin.headers,
      );
      expect(response.errors).toBeUndefined();
      expect(response.data.createUser).toMatchObject({ email, role: 'EDITOR', disabled: false });

      const audit = await app.dataSource.getRepository(AuditEntry).findOneByOrFail({ action: 'createUser', documentId: response.data.createUser.id });
      expect(audit).toMatchObject({ actorId: admin.user.id, after: { email, role: 'EDITOR', disabled: false } });
      expect(JSON.stringify(audit)).not.toContain('a-long-enough-password');

      const signIn = await app.graphql(LOGIN, { input: { email, password: 'a-long-enough-password' } });
      expect(signIn.errors).toBeUndefined();

      const listed = await app.graphql(USERS, {}, admin.headers);
      expect(listed.data.users.map((user: { email: string }) => user.email)).toEqual(expect.arrayContaining([admin.email, editor.email, email]));
    });

    it('refuses a second account with the same email in another case, and short passwords', async () => {
      const duplicate = await app.graphql(
        CREATE_USER,
        { input: { email: editor.email.toUpperCase(), role: 'ADMIN', password: 'a-long-enough-password' } },
        admin.headers,
      );
      expect(duplicate.errors?.[0].extensions).toEqual({
        code: 'BAD_USER_INPUT',
        fields: [{ path: 'input.email', message: 'is already used by another user' }],
      });

      const short = await app.graphql(CREATE_USER, { input: { email: uniqueEmail(), role: 'EDITOR', password: 'short' } }, admin.headers);
      expect(short.errors?.[0].extensions.fields).toEqual([{ path: 'input.password', message: 'must be at least 12 characters' }]);
    });

    it('lets an admin change roles and disable users; both end their sessions', async () => {
      const target = await accounts.signedIn(Role.EDITOR);
      const promoted = await app.graphql(UPDATE_USER, { input: { id: target.user.id, role: 'ADMIN' } }, admin.headers);
      expect(promoted.data.updateUser).toEqual({ id: target.user.id, role: 'ADMIN', disabled: false });
      expect((await app.graphql(USERS, {}, target.headers)).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      const again = await app.graphql(LOGIN, { input: { email: target.email, password: target.password } });
      const promotedHeaders = bearer(again.data.login.accessToken);
      expect((await app.graphql(USERS, {}, promotedHeaders)).errors).toBeUndefined();

      const disabled = await app.graphql(UPDATE_USER, { input: { id: target.user.id, disabled: true } }, admin.headers);
      expect(disabled.data.updateUser.disabled).toBe(true);
      expect((await app.graphql(USERS, {}, promotedHeaders)).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      const sessions = await app.dataSource.getRepository(RefreshToken).findBy({ userId: target.user.id });
      expect(sessions.every((session) => session.revokedAt !== null)).toBe(true);

      const audit = await app.dataSource
        .getRepository(AuditEntry)
        .find({ where: { action: 'updateUser', documentId: target.user.id }, order: { createdAt: 'ASC' } });
      expect(audit.map((entry) => [entry.before?.role, entry.after?.role, entry.before?.disabled, entry.after?.disabled])).toEqual([
        ['EDITOR', 'ADMIN', false, false],
        ['ADMIN', 'ADMIN', false, true],
      ]);
    });

    it('keeps at least one enabled admin', async () => {
      // Make `admin` the only enabled admin, then try to demote and disable it.
      await app.dataSource
        .getRepository(User)
        .createQueryBuilder()
        .update()
        .set({ disabled: true })
        .where('role = :role AND id <> :id', { role: Role.ADMIN, id: admin.user.id })
        .execute();
      for (const change of [{ role: 'EDITOR' }, { disabled: true }]) {
        const response = await app.graphql(UPDATE_USER, { input: { id: admin.user.id, ...change } }, admin.headers);
        expect(response.errors?.[0].extensions.code).toBe('CONFLICT');
      }
      expect((await app.dataSource.getRepository(User).findOneByOrFail({ id: admin.user.id })).role).toBe(Role.ADMIN);
    });

    it('is forbidden to editors and API keys', async () => {
      const key = await accounts.apiKey();
      for (const headers of [editor.headers, { 'x-api-key': key.secret }]) {
        expect(
          (await app.graphql(CREATE_USER, { input: { email: uniqueEmail(), role: 'ADMIN', password: 'a-long-enough-password' } }, headers)).errors?.[0]
            .extensions.code,
        ).toBe('FORBIDDEN');
        expect((await app.graphql(UPDATE_USER, { input: { id: editor.user.id, role: 'ADMIN' } }, headers)).errors?.[0].extensions.code).toBe('FORBIDDEN');
        expect((await app.graphql(USERS, {}, headers)).errors?.[0].extensions.code).toBe('FORBIDDEN');
      }
      expect((await app.dataSource.getRepository(User).findOneByOrFail({ id: editor.user.id })).role).toBe(Role.EDITOR);
    });
  });

  describe('preview tokens', () => {
    it('are created by editors, last 60 minutes by default and at most 24 hours, and grant draft reading only', async () => {
      const response = await app.graphql(CREATE_PREVIEW_TOKEN, TREATMENTS, editor.headers);
      expect(response.errors).toBeUndefined();
      const { token, expiresAt } = response.data.createPreviewToken;
      const claims = jwt.decode(token) as jwt.JwtPayload;
      expect(claims).toMatchObject({ type: 'preview', sub: editor.user.id, jti: expect.any(String) });
      expect(claims.exp! - claims.iat!).toBe(60 * 60);
      expect(new Date(expiresAt).getTime()).toBe(claims.exp! * 1000);

      const day = await app.graphql(CREATE_PREVIEW_TOKEN, { input: { documentType: 'TREATMENT', expiresInMinutes: 24 * 60 } }, editor.headers);
      expect(day.errors).toBeUndefined();
      const tooLong = await app.graphql(CREATE_PREVIEW_TOKEN, { input: { documentType: 'TREATMENT', expiresInMinutes: 24 * 60 + 1 } }, editor.headers);
      expect(tooLong.errors?.[0].extensions.fields?.[0].path).toBe('input.expiresInMinutes');

      expect(await app.dataSource.getRepository(AuditEntry).countBy({ action: 'createPreviewToken', actorId: editor.user.id })).toBe(2);

      // Not a user: `me` is null, and admin queries are forbidden even when minted by an admin.
      expect((await app.graphql('{ me { id } }', {}, bearer(token))).data.me).toBeNull();
      const fromAdmin = (await app.graphql(CREATE_PREVIEW_TOKEN, TREATMENTS, admin.headers)).data.createPreviewToken.token;
      expect((await app.graphql(USERS, {}, bearer(fromAdmin))).errors?.[0].extensions.code).toBe('FORBIDDEN');
    });

    it('cannot call mutations, not even one their permission would allow', async () => {
      const preview = (await app.graphql(CREATE_PREVIEW_TOKEN, TREATMENTS, admin.headers)).data.createPreviewToken.token;
      const again = await app.graphql(CREATE_PREVIEW_TOKEN, TREATMENTS, bearer(preview));
      expect(again.errors?.[0]).toMatchObject({ message: 'A preview token can only read drafts', extensions: { code: 'FORBIDDEN' } });
      const key = await app.graphql(CREATE_API_KEY, { input: { name: 'From preview', scopes: ['CONTENT_WRITE'] } }, bearer(preview));
      expect(key.errors?.[0].extensions.code).toBe('FORBIDDEN');
    });

    it('stop working when the user who created them is disabled', async () => {
      const creator = await accounts.signedIn(Role.EDITOR);
      const preview = (await app.graphql(CREATE_PREVIEW_TOKEN, TREATMENTS, creator.headers)).data.createPreviewToken.token;
      expect((await app.graphql('{ me { id } }', {}, bearer(preview))).errors).toBeUndefined();
      await app.dataSource.getRepository(User).update({ id: creator.user.id }, { disabled: true });
      const refused = await app.graphql('{ me { id } }', {}, bearer(preview));
      expect(refused.status).toBe(401);
      expect(refused.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    });

    it('can be created by an API key with content:read-draft, and die with the key', async () => {
      const key = await accounts.apiKey({ scopes: [Permission.CONTENT_READ_DRAFT] });
      const preview = (await app.graphql(CREATE_PREVIEW_TOKEN, TREATMENTS, { 'x-api-key': key.secret })).data.createPreviewToken.token;
      expect((await app.graphql('{ me { id } }', {}, bearer(preview))).errors).toBeUndefined();
      await app.dataSource.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1', [key.apiKey.id]);
      expect((await app.graphql('{ me { id } }', {}, bearer(preview))).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    });
  });
});
