import jwt from 'jsonwebtoken';
import { Permission, Role } from '../../src/auth/permissions';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { DocumentStatus } from '../../src/content/documents/document-status';
import { type Treatment } from '../../src/treatments/treatment.entity';
import { AccountsFactory, bearer, type SignedInUser } from '../factories/accounts.factory';
import { ContentFactory } from '../factories/content.factory';
import { startTestApp, type TestApp } from '../support/test-app';

const CREATE = `mutation ($input: CreatePreviewTokenInput!) {
  createPreviewToken(input: $input) { token expiresAt previewToken { id documentType documentIds createdByKind createdById createdByLabel expiresAt revokedAt } }
}`;
const REVOKE = 'mutation ($input: RevokePreviewTokenInput!) { revokePreviewToken(input: $input) { id revokedAt } }';
const LIST = 'query ($includeExpired: Boolean) { previewTokens(includeExpired: $includeExpired) { id createdById revokedAt } }';
const TREATMENT_DRAFT = 'query ($id: ID!) { treatment(id: $id, stage: DRAFT) { id title } }';
const TREATMENT_BY_SLUG = 'query ($slug: String!) { treatment(slug: $slug, stage: DRAFT) { id title } }';
const TREATMENT_DRAFTS = '{ treatments(stage: DRAFT, first: 50) { edges { node { id title } } } }';

describe('preview tokens', () => {
  let app: TestApp;
  let editor: SignedInUser;
  let otherEditor: SignedInUser;
  let admin: SignedInUser;
  let pageA: Treatment;
  let pageB: Treatment;

  async function create(headers: Record<string, string>, input: Record<string, unknown>) {
    const response = await app.graphql(CREATE, { input }, headers);
    expect(response.errors).toBeUndefined();
    return response.data.createPreviewToken as { token: string; expiresAt: string; previewToken: { id: string; documentIds: string[] | null } };
  }

  beforeAll(async () => {
    app = await startTestApp({ PREVIEW_TOKEN_MAX_MINUTES: '120' });
    const accounts = new AccountsFactory(app);
    [editor, otherEditor, admin] = [await accounts.signedIn(Role.EDITOR), await accounts.signedIn(Role.EDITOR), await accounts.signedIn(Role.ADMIN)];
    const content = new ContentFactory(app.dataSource);
    pageA = await content.treatment({ title: 'Page A Draft', status: DocumentStatus.DRAFT });
    pageB = await content.treatment({ title: 'Page B Draft', status: DocumentStatus.DRAFT });
  });

  afterAll(() => app.close());

  describe('naming one page', () => {
    let headers: Record<string, string>;

    beforeAll(async () => {
      headers = bearer((await create(editor.headers, { documentType: 'TREATMENT', documentIds: [pageA.id] })).token);
    });

    it("reads that page's draft, by id or by slug", async () => {
      expect((await app.graphql(TREATMENT_DRAFT, { id: pageA.id }, headers)).data.treatment).toEqual({ id: pageA.id, title: 'Page A Draft' });
      expect((await app.graphql(TREATMENT_BY_SLUG, { slug: pageA.slug }, headers)).data.treatment).toEqual({ id: pageA.id, title: 'Page A Draft' });
    });

    it("cannot read another page's draft: it reads as not found", async () => {
      const byId = await app.graphql(TREATMENT_DRAFT, { id: pageB.id }, headers);
      expect(byId.errors).toBeUndefined();
      expect(byId.data.treatment).toBeNull();
      expect((await app.graphql(TREATMENT_BY_SLUG, { slug: pageB.slug }, headers)).data.treatment).toBeNull();
      // Nor a document of another type.
      const practice = await app.graphql('{ practice(stage: DRAFT) { name } }', {}, headers);
      expect(practice.errors?.[0].extensions.code).toBe('FORBIDDEN');
    });

    it("shows the page's related documents as the public sees them: live, never their drafts or unpublished ones", async () => {
      const content = new ContentFactory(app.dataSource);
      const live = await content.condition({ name: 'Live Condition' });
      const unpublished = await content.condition({ name: 'Unpublished Condition', status: DocumentStatus.DRAFT });
      await content.treatmentConditions(pageA, [live, unpublished]);
      // A pending draft of the live condition, which only editors may read.
      await app.dataSource.query(`INSERT INTO revisions (document_type, document_id, kind, version, snapshot) VALUES ('CONDITION', $1, 'DRAFT', $2, $3)`, [
        live.id,
        live.version + 1,
        JSON.stringify({ fields: { name: 'Secret Draft Name' }, relations: {} }),
      ]);
      const query = 'query ($id: ID!) { treatment(id: $id, stage: DRAFT) { title conditions { name } } }';

      const asToken = await app.graphql(query, { id: pageA.id }, headers);
      expect(asToken.data.treatment).toEqual({ title: 'Page A Draft', conditions: [{ name: 'Live Condition' }] });
      // An editor sees the drafts of both.
      const asEditor = await app.graphql(query, { id: pageA.id }, editor.headers);
      expect(asEditor.data.treatment.conditions.map((condition: { name: string }) => condition.name).sort()).toEqual([
        'Secret Draft Name',
        'Unpublished Condition',
      ]);
    });

    it('cannot list drafts', async () => {
      const list = await app.graphql(TREATMENT_DRAFTS, {}, headers);
      expect(list.errors?.[0].extensions.code).toBe('FORBIDDEN');
      expect(list.data).toBeNull();
    });

    it('cannot read editorial information or revisions', async () => {
      const editorial = await app.graphql('query ($id: ID!) { treatment(id: $id, stage: DRAFT) { editorial { hasPendingDraft } } }', { id: pageA.id }, headers);
      expect(editorial.errors?.[0].extensions.code).toBe('FORBIDDEN');
      const revisions = await app.graphql('query ($id: ID!) { revisions(documentType: TREATMENT, documentId: $id) { totalCount } }', { id: pageA.id }, headers);
      expect(revisions.errors?.[0].extensions.code).toBe('FORBIDDEN');
    });

    it('cannot list or revoke preview tokens, not even itself', async () => {
      expect((await app.graphql(LIST, {}, headers)).errors?.[0].extensions.code).toBe('FORBIDDEN');
      const ownId = (jwt.decode(headers.authorization.slice('Bearer '.length)) as jwt.JwtPayload).jti;
      expect((await app.graphql(REVOKE, { input: { id: ownId } }, headers)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    });
  });

  it('naming a content type, lists the drafts of that type only', async () => {
    const headers = bearer((await create(editor.headers, { documentType: 'TREATMENT' })).token);
    const list = await app.graphql(TREATMENT_DRAFTS, {}, headers);
    expect(list.errors).toBeUndefined();
    const titles = list.data.treatments.edges.map((edge: { node: { title: string } }) => edge.node.title);
    expect(titles).toEqual(expect.arrayContaining(['Page A Draft', 'Page B Draft']));
    expect((await app.graphql(TREATMENT_DRAFT, { id: pageB.id }, headers)).data.treatment.title).toBe('Page B Draft');
    expect((await app.graphql('{ conditions(stage: DRAFT) { totalCount } }', {}, headers)).errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('last 60 minutes by default, and a lifetime over PREVIEW_TOKEN_MAX_MINUTES is refused naming the field', async () => {
    const created = await create(editor.headers, { documentType: 'TREATMENT', documentIds: [pageA.id] });
    const claims = jwt.decode(created.token) as jwt.JwtPayload;
    expect(claims.exp! - claims.iat!).toBe(60 * 60);
    expect(claims.jti).toBe(created.previewToken.id);
    expect(new Date(created.expiresAt).getTime()).toBe(claims.exp! * 1000);

    expect((await app.graphql(CREATE, { input: { documentType: 'TREATMENT', expiresInMinutes: 120 } }, editor.headers)).errors).toBeUndefined();
    const tooLong = await app.graphql(CREATE, { input: { documentType: 'TREATMENT', expiresInMinutes: 121 } }, editor.headers);
    expect(tooLong.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.expiresInMinutes', message: 'must be at most 120 minutes (PREVIEW_TOKEN_MAX_MINUTES)' }],
    });
  });

  it('must name documents that exist, of the named type', async () => {
    const condition = await new ContentFactory(app.dataSource).condition({ name: 'Not A Treatment' });
    const response = await app.graphql(CREATE, { input: { documentType: 'TREATMENT', documentIds: [pageA.id, condition.id] } }, editor.headers);
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.documentIds.1' }] });
  });

  it('are refused once revoked, by their creator or an admin, and both are audited', async () => {
    const first = await create(editor.headers, { documentType: 'TREATMENT', documentIds: [pageA.id] });
    const second = await create(editor.headers, { documentType: 'TREATMENT', documentIds: [pageA.id] });

    // Another editor neither sees nor revokes them.
    const seenByOther = (await app.graphql(LIST, {}, otherEditor.headers)).data.previewTokens.map((token: { id: string }) => token.id);
    expect(seenByOther).not.toContain(first.previewToken.id);
    expect((await app.graphql(REVOKE, { input: { id: first.previewToken.id } }, otherEditor.headers)).errors?.[0].extensions.code).toBe('NOT_FOUND');

    const own = (await app.graphql(LIST, {}, editor.headers)).data.previewTokens;
    expect(own.map((token: { id: string }) => token.id)).toEqual(expect.arrayContaining([first.previewToken.id, second.previewToken.id]));
    expect(own.every((token: { createdById: string }) => token.createdById === editor.user.id)).toBe(true);
    const all = (await app.graphql(LIST, {}, admin.headers)).data.previewTokens.map((token: { id: string }) => token.id);
    expect(all).toEqual(expect.arrayContaining([first.previewToken.id, second.previewToken.id]));

    const byCreator = await app.graphql(REVOKE, { input: { id: first.previewToken.id } }, editor.headers);
    expect(byCreator.data.revokePreviewToken.revokedAt).toEqual(expect.any(String));
    const byAdmin = await app.graphql(REVOKE, { input: { id: second.previewToken.id } }, admin.headers);
    expect(byAdmin.data.revokePreviewToken.revokedAt).toEqual(expect.any(String));

    for (const revoked of [first, second]) {
      const refused = await app.graphql(TREATMENT_DRAFT, { id: pageA.id }, bearer(revoked.token));
      expect(refused.status).toBe(401);
      expect(refused.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    }

    const audit = app.dataSource.getRepository(AuditEntry);
    expect(await audit.countBy({ action: 'createPreviewToken', documentId: first.previewToken.id, actorId: editor.user.id })).toBe(1);
    expect(await audit.countBy({ action: 'revokePreviewToken', documentId: first.previewToken.id, actorId: editor.user.id })).toBe(1);
    expect(await audit.countBy({ action: 'revokePreviewToken', documentId: second.previewToken.id, actorId: admin.user.id })).toBe(1);
  });

  it('made by an API key are listed and revoked by that key', async () => {
    const key = await new AccountsFactory(app).apiKey({ scopes: [Permission.CONTENT_READ_DRAFT] });
    const headers = { 'x-api-key': key.secret };
    const created = await create(headers, { documentType: 'TREATMENT', documentIds: [pageA.id] });
    expect(created.previewToken).toMatchObject({ createdByKind: 'API_KEY', createdById: key.apiKey.id });
    expect((await app.graphql(LIST, {}, headers)).data.previewTokens).toEqual([{ id: created.previewToken.id, createdById: key.apiKey.id, revokedAt: null }]);
    expect((await app.graphql(REVOKE, { input: { id: created.previewToken.id } }, headers)).errors).toBeUndefined();
    expect((await app.graphql(TREATMENT_DRAFT, { id: pageA.id }, bearer(created.token))).status).toBe(401);
  });
});
