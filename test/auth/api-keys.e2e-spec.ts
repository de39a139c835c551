import { createHash } from 'node:crypto';
import { ApiKey } from '../../src/api-keys/api-key.entity';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { Permission, Role } from '../../src/auth/permissions';
import { bearer, type SignedInUser } from '../factories/accounts.factory';
import { useTestApp } from '../support/use-test-app';

const CREATE_API_KEY = `mutation Create($input: CreateApiKeyInput!) {
  createApiKey(input: $input) { secret apiKey { id name prefix scopes createdAt lastUsedAt revokedAt } }
}`;
const API_KEYS = '{ apiKeys { id name prefix scopes createdAt lastUsedAt revokedAt } }';
const REVOKE_API_KEY = 'mutation Revoke($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { id revokedAt } }';
/** A query that needs a credential with content:read-draft: minting a preview token. */
const NEEDS_DRAFT_ACCESS = 'mutation { createPreviewToken(input: { documentType: TREATMENT }) { expiresAt } }';

describe('API keys', () => {
  const app = useTestApp();
  const accounts = app.accounts;
  let admin: SignedInUser;

  beforeAll(async () => {
    admin = await accounts.signedIn(Role.ADMIN);
  });

  const createKey = (input: Record<string, unknown>, headers = admin.headers) => app.graphql(CREATE_API_KEY, { input }, headers);

  it('are created by an admin with a secret shown once, stored only as a sha256 hash, and audited', async () => {
    const response = await createKey({ name: 'NPI registry sync', scopes: ['PROVIDERS_SYNC', 'CONTENT_READ_DRAFT'] });
    expect(response.errors).toBeUndefined();
    const { secret, apiKey } = response.data.createApiKey;
    expect(secret).toMatch(/^pcms_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(secret.slice(5, 13)).toBe(apiKey.prefix);
    expect(apiKey).toMatchObject({ name: 'NPI registry sync', scopes: ['PROVIDERS_SYNC', 'CONTENT_READ_DRAFT'], lastUsedAt: null, revokedAt: null });

    const stored = await app.dataSource.getRepository(ApiKey).findOneByOrFail({ id: apiKey.id });
    expect(stored.keyHash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(secret.slice(14));

    const audit = await app.dataSource.getRepository(AuditEntry).findOneByOrFail({ action: 'createApiKey', documentId: apiKey.id });
    expect(audit).toMatchObject({ actorKind: 'USER', actorId: admin.user.id });
    expect(JSON.stringify(audit.after)).not.toContain(secret);

    const listed = await app.graphql(API_KEYS, {}, admin.headers);
    expect(listed.errors).toBeUndefined();
    const entry = listed.data.apiKeys.find((key: { id: string }) => key.id === apiKey.id);
    expect(entry).toEqual({ ...apiKey });
    expect(JSON.stringify(listed.data)).not.toContain(secret);
  });

  it('only take scopes an integration may have', async () => {
    const response = await createKey({ name: 'Too powerful', scopes: ['USERS_MANAGE'] });
    expect(response.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].extensions.fields).toEqual([{ path: 'input.scopes', message: expect.stringContaining('PROVIDERS_SYNC') }]);
    const empty = await createKey({ name: 'Nothing', scopes: [] });
    expect(empty.errors?.[0].extensions.fields?.[0].path).toBe('input.scopes');
    const blank = await createKey({ name: '  ', scopes: ['CONTENT_WRITE'] });
    expect(blank.errors?.[0].extensions.fields?.[0].path).toBe('input.name');
  });

  it("are accepted as `Authorization: Bearer <key>` and as `X-API-Key: <key>`, with the key's scopes only", async () => {
    const reader = await accounts.apiKey({ scopes: [Permission.CONTENT_READ_DRAFT] });
    for (const headers of [bearer(reader.secret), { 'x-api-key': reader.secret }]) {
      const allowed = await app.graphql(NEEDS_DRAFT_ACCESS, {}, headers);
      expect(allowed.errors).toBeUndefined();
      expect(allowed.data.createPreviewToken.expiresAt).toEqual(expect.any(String));
      const refused = await app.graphql(API_KEYS, {}, headers);
      expect(refused.errors?.[0].extensions.code).toBe('FORBIDDEN');
    }
    const syncOnly = await accounts.apiKey({ scopes: [Permission.PROVIDERS_SYNC] });
    expect((await app.graphql(NEEDS_DRAFT_ACCESS, {}, { 'x-api-key': syncOnly.secret })).errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('record when they were last used, at most once a minute', async () => {
    const key = await accounts.apiKey();
    const repository = app.dataSource.getRepository(ApiKey);
    await app.graphql('{ me { id } }', {}, { 'x-api-key': key.secret });
    const firstUse = (await repository.findOneByOrFail({ id: key.apiKey.id })).lastUsedAt;
    expect(firstUse).toBeInstanceOf(Date);

    await app.graphql('{ me { id } }', {}, { 'x-api-key': key.secret });
    expect((await repository.findOneByOrFail({ id: key.apiKey.id })).lastUsedAt).toEqual(firstUse);

    const twoMinutesAgo = new Date(Date.now() - 2 * 60_000);
    await repository.update({ id: key.apiKey.id }, { lastUsedAt: twoMinutesAgo });
    await app.graphql('{ me { id } }', {}, bearer(key.secret));
    const laterUse = (await repository.findOneByOrFail({ id: key.apiKey.id })).lastUsedAt!;
    expect(laterUse.getTime()).toBeGreaterThan(twoMinutesAgo.getTime() + 60_000);

    const listed = await app.graphql(API_KEYS, {}, admin.headers);
    expect(listed.data.apiKeys.find((entry: { id: string }) => entry.id === key.apiKey.id).lastUsedAt).toBe(laterUse.toISOString());
  });

  it('are refused once revoked, and revoking is audited', async () => {
    const key = await accounts.apiKey();
    expect((await app.graphql(NEEDS_DRAFT_ACCESS, {}, { 'x-api-key': key.secret })).errors).toBeUndefined();

    const revoked = await app.graphql(REVOKE_API_KEY, { input: { id: key.apiKey.id } }, admin.headers);
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data.revokeApiKey.revokedAt).toEqual(expect.any(String));
    expect(await app.dataSource.getRepository(AuditEntry).countBy({ action: 'revokeApiKey', documentId: key.apiKey.id })).toBe(1);

    for (const headers of [{ 'x-api-key': key.secret }, bearer(key.secret)]) {
      const refused = await app.graphql('{ me { id } }', {}, headers);
      expect(refused.status).toBe(401);
      expect(refused.errors?.[0]).toMatchObject({ message: 'The API key is not valid', extensions: { code: 'UNAUTHENTICATED' } });
    }
    // Revoking again changes nothing.
    const again = await app.graphql(REVOKE_API_KEY, { input: { id: key.apiKey.id } }, admin.headers);
    expect(again.data.revokeApiKey.revokedAt).toBe(revoked.data.revokeApiKey.revokedAt);
    expect(await app.dataSource.getRepository(AuditEntry).countBy({ action: 'revokeApiKey', documentId: key.apiKey.id })).toBe(1);
  });

  it('refuse unknown keys and requests with two credentials', async () => {
    const unknown = `pcms_00000000_${'A'.repeat(43)}`;
    expect((await app.graphql('{ me { id } }', {}, { 'x-api-key': unknown })).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await app.graphql('{ me { id } }', {}, { 'x-api-key': 'garbage' })).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    const key = await accounts.apiKey();
    const both = await app.graphql('{ me { id } }', {}, { 'x-api-key': key.secret, ...admin.headers });
    expect(both.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('cannot be managed by editors or by API keys (FORBIDDEN)', async () => {
    const editor = await accounts.signedIn(Role.EDITOR);
    const key = await accounts.apiKey();
    for (const headers of [editor.headers, { 'x-api-key': key.secret }]) {
      expect((await createKey({ name: 'Sneaky', scopes: ['CONTENT_WRITE'] }, headers)).errors?.[0].extensions.code).toBe('FORBIDDEN');
      expect((await app.graphql(API_KEYS, {}, headers)).errors?.[0].extensions.code).toBe('FORBIDDEN');
      expect((await app.graphql(REVOKE_API_KEY, { input: { id: key.apiKey.id } }, headers)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    }
    expect(await app.dataSource.getRepository(ApiKey).countBy({ name: 'Sneaky' })).toBe(0);
  });

  it('answers NOT_FOUND for revoking a key that does not exist', async () => {
    const response = await app.graphql(REVOKE_API_KEY, { input: { id: '00000000-0000-4000-8000-000000000000' } }, admin.headers);
    expect(response.errors?.[0].extensions.code).toBe('NOT_FOUND');
  });
});
