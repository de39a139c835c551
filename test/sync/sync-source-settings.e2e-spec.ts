import { Permission, Role } from '../../src/auth/permissions';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { type SignedInUser } from '../factories/accounts.factory';
import { type EditorialClient } from '../support/editorial-client';
import { CONFIGURE_SOURCE, rowVersions, sync } from './sync-helpers';
import { useTestApp, signedInClient } from '../support/use-test-app';

const PUBLIC = 'query($npi: String) { provider(npi: $npi) { id credentials acceptingNewPatients } }';
const EDITOR_VIEW =
  'query($id: ID) { provider(id: $id, stage: DRAFT) { id version status credentials acceptingNewPatients bio { markdown } editorial { hasPendingDraft } } }';

describe('sync source settings: LIVE and DRAFT', () => {
  // Each test on a new app: a source one test configures would carry over to the next.
  const app = useTestApp({}, { eachTest: true });
  let admin: SignedInUser;
  let editor: EditorialClient;
  let syncKey: { 'x-api-key': string };

  const record = (overrides: Record<string, unknown> = {}) => ({
    externalId: 'P-1',
    npi: '1245319599',
    firstName: 'Iris',
    lastName: 'Pemberton',
    credentials: ['MD'],
    acceptingNewPatients: true,
    ...overrides,
  });

  const editorView = async (id: string) => (await editor.ok(EDITOR_VIEW, { id })).provider;

  beforeEach(async () => {
    const accounts = app.accounts;
    admin = await accounts.signedIn(Role.ADMIN);
    editor = await signedInClient(app, Role.EDITOR);
    syncKey = { 'x-api-key': (await accounts.apiKey({ scopes: [Permission.PROVIDERS_SYNC] })).secret };
  });

  it('are configured by admins only, validated, audited and listed', async () => {
    const refused = await editor.call(CONFIGURE_SOURCE, { input: { name: 'ehr', applyMode: 'DRAFT' } });
    expect(refused.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const invalid = await app.graphql(CONFIGURE_SOURCE, { input: { name: 'ehr', maxDeactivationShare: 1.5 } }, admin.headers);
    expect(invalid.errors?.[0].extensions.fields).toEqual([{ path: 'input.maxDeactivationShare', message: 'must be a number between 0 and 1' }]);

    const configured = await app.graphql(CONFIGURE_SOURCE, { input: { name: 'ehr', applyMode: 'DRAFT' } }, admin.headers);
    expect(configured.data.configureSyncSource).toEqual({ name: 'ehr', applyMode: 'DRAFT', maxDeactivationShare: 0.2, updatedByLabel: admin.email });
    const listed = await app.graphql('{ syncSources { name applyMode maxDeactivationShare } }', {}, syncKey);
    expect(listed.data.syncSources).toEqual([{ name: 'ehr', applyMode: 'DRAFT', maxDeactivationShare: 0.2 }]);
    const audit = await app.dataSource.getRepository(AuditEntry).findOneByOrFail({ action: 'configureSyncSource' });
    expect(audit).toMatchObject({ actorId: admin.user.id, before: null, after: { name: 'ehr', applyMode: 'DRAFT' } });
  });

  it('in DRAFT mode create drafts and put changes to published providers into their draft', async () => {
    expect((await app.graphql(CONFIGURE_SOURCE, { input: { name: 'ehr', applyMode: 'DRAFT' } }, admin.headers)).errors).toBeUndefined();
    const created = await sync(app, syncKey, { source: 'ehr', records: [record()] });
    expect(created).toMatchObject({ applyMode: 'DRAFT', records: [{ outcome: 'CREATED', draft: true }] });
    const id = created.records[0].providerId;
    expect((await app.graphql(PUBLIC, { npi: '1245319599' })).data.provider).toBeNull();
    const draft = await editorView(id);
    expect(draft).toMatchObject({ status: 'DRAFT', credentials: ['MD'] });
    await editor.publish('Provider', draft);

    const changed = await sync(app, syncKey, { source: 'ehr', records: [record({ credentials: ['MD', 'MPH'] })] });
    expect(changed.records[0]).toMatchObject({
      outcome: 'UPDATED',
      draft: true,
      changes: [{ field: 'credentials', oldValue: ['MD'], newValue: ['MD', 'MPH'] }],
    });
    expect((await app.graphql(PUBLIC, { npi: '1245319599' })).data.provider.credentials).toEqual(['MD']);
    const pending = await editorView(id);
    expect(pending).toMatchObject({ credentials: ['MD', 'MPH'], editorial: { hasPendingDraft: true } });

    const before = await rowVersions(app);
    const again = await sync(app, syncKey, { source: 'ehr', records: [record({ credentials: ['MD', 'MPH'] })] });
    expect(again.records[0].outcome).toBe('UNCHANGED');
    expect(await rowVersions(app)).toEqual(before);

    await editor.publish('Provider', pending);
    expect((await app.graphql(PUBLIC, { npi: '1245319599' })).data.provider.credentials).toEqual(['MD', 'MPH']);
  });

  it("in LIVE mode change the live provider at once, and write the synced fields into an editor's pending draft", async () => {
    const created = await sync(app, syncKey, {
      source: 'credentialing',
      records: [record({ externalId: 'C-7', npi: '1122334455', firstName: 'Oren', lastName: 'Lattimore' })],
    });
    expect(created).toMatchObject({ applyMode: 'LIVE', records: [{ outcome: 'CREATED', draft: false }] });
    const id = created.records[0].providerId;
    const live = await editorView(id);
    expect(live.status).toBe('PUBLISHED');
    const drafted = await editor.mutate('updateProvider', 'UpdateProviderInput', { id, version: live.version, bio: 'Draft bio, not yet published.' });

    const report = await sync(app, syncKey, {
      source: 'credentialing',
      records: [record({ externalId: 'C-7', npi: '1122334455', firstName: 'Oren', lastName: 'Lattimore', acceptingNewPatients: false })],
    });
    expect(report.records[0]).toMatchObject({ outcome: 'UPDATED', draft: true, changes: [{ field: 'acceptingNewPatients', oldValue: true, newValue: false }] });
    expect((await app.graphql(PUBLIC, { npi: '1122334455' })).data.provider.acceptingNewPatients).toBe(false);
    const pending = await editorView(id);
    expect(pending).toMatchObject({ acceptingNewPatients: false, bio: { markdown: 'Draft bio, not yet published.' } });

    // The editor's copy is out of date: saving over it is refused, so the sync cannot be undone by accident.
    const stale = await editor.attempt('updateProvider', 'UpdateProviderInput', { id, version: drafted.version, acceptingNewPatients: true });
    expect(stale.errors?.[0].extensions.code).toBe('CONFLICT');

    await editor.publish('Provider', pending);
    expect((await app.graphql(PUBLIC, { npi: '1122334455' })).data.provider.acceptingNewPatients).toBe(false);
    expect((await editorView(id)).bio.markdown).toBe('Draft bio, not yet published.');
  });

  it('in LIVE mode bring a pending draft back in line when an editor changed a source-owned field in it', async () => {
    const created = await sync(app, syncKey, {
      source: 'credentialing',
      records: [record({ externalId: 'C-8', npi: '1003000126', firstName: 'Lena', lastName: 'Ostrow' })],
    });

    const id = created.records[0].providerId;
    const live = await editorView(id);
    await editor.mutate('updateProvider', 'UpdateProviderInput', { id, version: live.version, credentials: ['DO'], bio: 'Keeps this.' });
    const report = await sync(app, syncKey, {
      source: 'credentialing',
      records: [record({ externalId: 'C-8', npi: '1003000126', firstName: 'Lena', lastName: 'Ostrow' })],
    });
    expect(report.records[0]).toMatchObject({ outcome: 'UPDATED', draft: true, changes: [{ field: 'credentials', oldValue: ['DO'], newValue: ['MD'] }] });
    expect(await editorView(id)).toMatchObject({ credentials: ['MD'], bio: { markdown: 'Keeps this.' } });
  });
});
