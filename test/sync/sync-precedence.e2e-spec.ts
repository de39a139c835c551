import { Permission, Role } from '../../src/auth/permissions';
import { AccountsFactory, type SignedInUser } from '../factories/accounts.factory';
import { startTestApp, type TestApp } from '../support/test-app';
import { byExternalId, rowVersions, sync, SYNC_FROM_NPPES } from './sync-helpers';

const CONFIGURE = `mutation Configure($input: ConfigureSyncSourceInput!) { configureSyncSource(input: $input) { name priority fieldPriorities { field priority } } }`;
const PROVIDER = 'query($npi: String) { provider(npi: $npi) { prefix firstName middleName lastName credentials specialties { code } } }';
const NPI = '1245319599';

/** The credentialing system's view of the provider: a prefix, a middle name and two specialties. */
const credentialing = {
  source: 'credentialing',
  records: [
    {
      externalId: 'CRD-7',
      npi: NPI,
      prefix: 'Dr.',
      firstName: 'Margaret',
      middleName: 'Ann',
      lastName: 'McDonald',
      credentials: ['MD'],
      specialties: ['208VP0014X', '207LP2900X'],
    },
  ],
};

/** The registry's view: no prefix, no middle name, one taxonomy, the name in capitals. */
const nppes = {
  source: 'nppes',
  response: {
    result_count: 1,
    results: [
      {
        enumeration_type: 'NPI-1',
        number: NPI,
        basic: { first_name: 'MARGARET', last_name: 'MCDONALD', credential: 'M.D.', status: 'A' },
        taxonomies: [{ code: '207L00000X', primary: true }],
      },
    ],
  },
};

describe('source precedence', () => {
  let app: TestApp;
  let admin: SignedInUser;
  let syncKey: { 'x-api-key': string };

  beforeAll(async () => {
    app = await startTestApp();
    const accounts = new AccountsFactory(app);
    admin = await accounts.signedIn(Role.ADMIN);
    syncKey = { 'x-api-key': (await accounts.apiKey({ scopes: [Permission.PROVIDERS_SYNC] })).secret };
  });

  afterAll(() => app.close());

  it('lets equal sources overwrite each other, as before', async () => {
    await sync(app, syncKey, credentialing);
    const report = await sync(app, syncKey, nppes, SYNC_FROM_NPPES);
    expect(byExternalId(report.records, NPI).changes).toEqual(
      expect.arrayContaining([
        { field: 'prefix', oldValue: 'Dr.', newValue: null },
        { field: 'middleName', oldValue: 'Ann', newValue: null },
      ]),
    );
  });

  it('keeps the fields a higher-priority source wrote, says so in the report, and stops the two from reverting each other', async () => {
    const configured = await app.graphql(CONFIGURE, { input: { name: 'credentialing', priority: 10 } }, admin.headers);
    expect(configured.data.configureSyncSource).toEqual({ name: 'credentialing', priority: 10, fieldPriorities: [] });

    // Credentialing outranks NPPES: it takes its fields back...
    const taken = await sync(app, syncKey, credentialing);
    expect(byExternalId(taken.records, 'CRD-7').outcome).toBe('UPDATED');
    // ...and NPPES no longer reverts them; the report names the owner.
    const kept = await sync(app, syncKey, nppes, SYNC_FROM_NPPES);
    const result = byExternalId(kept.records, NPI);
    expect(result.outcome).toBe('UNCHANGED');
    expect(result.warnings).toEqual(
      expect.arrayContaining([
        { path: 'prefix', value: null, message: 'kept: owned by credentialing' },
        { path: 'middleName', value: null, message: 'kept: owned by credentialing' },
        { path: 'specialties', value: '["207L00000X"]', message: 'kept: owned by credentialing' },
      ]),
    );
    expect((await app.graphql(PROVIDER, { npi: NPI })).data.provider).toEqual({
      prefix: 'Dr.',
      firstName: 'Margaret',
      middleName: 'Ann',
      lastName: 'McDonald',
      credentials: ['MD'],
      specialties: [{ code: '208VP0014X' }, { code: '207LP2900X' }],
    });

    // A re-run of both is all unchanged and writes nothing.
    const before = await rowVersions(app);
    expect((await sync(app, syncKey, credentialing)).counts).toMatchObject({ unchanged: 1, updated: 0 });
    expect((await sync(app, syncKey, nppes, SYNC_FROM_NPPES)).counts).toMatchObject({ unchanged: 1, updated: 0 });
    expect(await rowVersions(app)).toEqual(before);
  });

  it('ranks single fields over the overall priority', async () => {
    await app.graphql(CONFIGURE, { input: { name: 'nppes', fieldPriorities: [{ field: 'specialties', priority: 20 }] } }, admin.headers);
    const report = await sync(app, syncKey, nppes, SYNC_FROM_NPPES);
    const result = byExternalId(report.records, NPI);
    expect(result.changes).toEqual([{ field: 'specialties', oldValue: ['208VP0014X', '207LP2900X'], newValue: ['207L00000X'] }]);
    expect(result.warnings.map((warning: any) => warning.path)).toEqual(expect.arrayContaining(['prefix', 'middleName']));
    expect(byExternalId((await sync(app, syncKey, credentialing)).records, 'CRD-7').warnings).toEqual([
      { path: 'specialties', value: '["208VP0014X","207LP2900X"]', message: 'kept: owned by nppes' },
    ]);
  });

  it('forgets who wrote the fields of a provider once it is purged', async () => {
    const ownersOf = async (id: string) =>
      (await app.dataSource.query('SELECT count(*)::int AS n FROM sync_field_owners WHERE document_id = $1', [id]))[0].n as number;
    const providerId = byExternalId((await sync(app, syncKey, credentialing)).records, 'CRD-7').providerId as string;
    const other = byExternalId(
      (await sync(app, syncKey, { source: 'credentialing', records: [{ externalId: 'CRD-8', firstName: 'Lee', lastName: 'Other' }] })).records,
      'CRD-8',
    ).providerId as string;
    expect(await ownersOf(providerId)).toBeGreaterThan(0);
    expect(await ownersOf(other)).toBeGreaterThan(0);

    const trashed = await app.graphql(
      'mutation($input: TrashDocumentInput!) { trashProvider(input: $input) { id } }',
      { input: { id: providerId } },
      admin.headers,
    );
    expect(trashed.errors).toBeUndefined();
    // In the trash the document can come back, with its owners.
    expect(await ownersOf(providerId)).toBeGreaterThan(0);
    const purged = await app.graphql(
      'mutation($input: DocumentIdInput!) { purgeProvider(input: $input) { id } }',
      { input: { id: providerId } },
      admin.headers,
    );
    expect(purged.errors).toBeUndefined();
    expect(await ownersOf(providerId)).toBe(0);
    expect(await ownersOf(other)).toBeGreaterThan(0);
  });

  it('refuses a field that is not source-owned', async () => {
    const refused = await app.graphql(CONFIGURE, { input: { name: 'nppes', fieldPriorities: [{ field: 'bio', priority: 1 }] } }, admin.headers);
    expect(refused.errors?.[0].extensions.fields?.[0]).toMatchObject({ path: 'input.fieldPriorities[0].field' });
  });
});
