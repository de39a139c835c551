import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { Permission, Role } from '../../src/auth/permissions';
import { Provider } from '../../src/providers/provider.entity';
import { SyncRun } from '../../src/sync/sync-run.entity';
import { type SignedInUser } from '../factories/accounts.factory';
import { EditorialClient } from '../support/editorial-client';
import { attemptSync, byExternalId, jsonBatch, rowVersions, sync, type SyncBatch } from './sync-helpers';
import { type AppUnderTest } from '../support/test-app';
import { useTestApp } from '../support/use-test-app';

const SOURCE = 'credentialing';
const PROVIDER = `query Provider($npi: String) {
  provider(npi: $npi) {
    id slug displayName prefix firstName middleName lastName suffix credentials npi languages acceptingNewPatients active title bookingUrl
    specialties { code } locations { name phone { e164 } } primaryLocation { name } bio { markdown } seo { metaTitle }
  }
}`;

async function providerIn(app: AppUnderTest, npi: string) {
  return (await app.graphql(PROVIDER, { npi })).data.provider;
}

describe('syncProviders (JSON batches)', () => {
  const app = useTestApp();
  let admin: SignedInUser;
  let syncKey: { 'x-api-key': string };
  const run = (input: Record<string, unknown>) => sync(app, syncKey, { source: SOURCE, ...input });
  const provider = (npi: string) => providerIn(app, npi);

  beforeAll(async () => {
    const accounts = app.accounts;
    admin = await accounts.signedIn(Role.ADMIN);
    syncKey = { 'x-api-key': (await accounts.apiKey({ scopes: [Permission.PROVIDERS_SYNC] })).secret };
  });

  describe('on a directory that has none of its providers yet', () => {
    // An app of its own, so that this test sees the source's first batch whatever the others synced.
    const empty = useTestApp();
    let emptyKey: { 'x-api-key': string };

    beforeAll(async () => {
      emptyKey = { 'x-api-key': (await empty.accounts.apiKey({ scopes: [Permission.PROVIDERS_SYNC] })).secret };
    });

    it('creates providers and their offices, live, and reports every record', async () => {
      const batch = jsonBatch();
      const report = await sync(empty, emptyKey, { source: SOURCE, ...batch });

      expect(report).toMatchObject({ source: SOURCE, format: 'JSON', mode: 'UPSERT', applyMode: 'LIVE', dryRun: false, status: 'APPLIED', replayed: false });
      expect(report.counts).toEqual({ received: 4, created: 4, updated: 0, unchanged: 0, deactivated: 0, failed: 0 });
      expect(report.locationCounts).toEqual({ received: 2, created: 2, updated: 0, unchanged: 0, deactivated: 0, failed: 0 });
      expect(report.records.map((record: any) => [record.index, record.externalId, record.outcome])).toEqual([
        [0, 'CRD-0001', 'CREATED'],
        [1, 'CRD-0002', 'CREATED'],
        [2, 'CRD-0003', 'CREATED'],
        [3, 'CRD-0004', 'CREATED'],
      ]);
      const ruth = byExternalId(report.records, 'CRD-0001');
      expect(ruth.providerId).toEqual(expect.any(String));
      expect(ruth.changes).toEqual(
        expect.arrayContaining([
          { field: 'npi', oldValue: null, newValue: '1467209817' },
          { field: 'credentials', oldValue: null, newValue: ['MD'] },
        ]),
      );

      const live = await providerIn(empty, '1467209817');
      expect(live).toMatchObject({
        id: ruth.providerId,
        displayName: 'Ruth Calloway, MD',
        credentials: ['MD'],
        languages: ['en', 'es'],
        acceptingNewPatients: true,
        active: true,
        specialties: [{ code: '207LP2900X' }, { code: '208VP0014X' }],
        primaryLocation: { name: 'Lexington Office' },
      });
      expect(live.locations.map((location: any) => [location.name, location.phone?.e164])).toEqual([
        ['Lexington Office', '+18595550100'],
        ['Danville Office', '+18595550142'],
      ]);
      expect((await providerIn(empty, '1333444556')).displayName).toBe('Walter Bramlett III, MD, PhD');
      const links = await empty.dataSource.query('SELECT system, value FROM provider_external_ids WHERE provider_id = $1', [ruth.providerId]);
      expect(links).toEqual([{ system: SOURCE, value: 'CRD-0001' }]);
    });
  });

  describe('once the source has synced the batch fixture', () => {
    // Each test starts from the fixture's data as the CMS holds it, whatever other tests sent.
    beforeEach(async () => {
      await run(jsonBatch() as never);
    });

    it('reports everything unchanged and writes no row when the same batch comes again', async () => {
      const before = await rowVersions(app);
      const report = await run(jsonBatch() as never);
      expect(report.counts).toEqual({ received: 4, created: 0, updated: 0, unchanged: 4, deactivated: 0, failed: 0 });
      expect(report.locationCounts.unchanged).toBe(2);
      expect(report.records.every((record: any) => record.changes.length === 0 && record.providerId)).toBe(true);
      expect(await rowVersions(app)).toEqual(before);
    });

    it('updates only what changed, reporting old and new values, and leaves editorial fields alone', async () => {
      const editor = new EditorialClient(app, admin.headers);
      const samuel = await provider('1578930244');
      const read = await editor.ok(`{ provider(id: "${samuel.id}", stage: DRAFT) { version } }`);
      const edited = await editor.mutate('updateProvider', 'UpdateProviderInput', {
        id: samuel.id,
        version: read.provider.version,
        bio: 'Dr. Okafor trained in Louisville.',
        title: 'Medical Director',
        bookingUrl: 'https://booking.example.com/okafor',
        displayNameOverride: 'Dr. Sam Okafor',
        seo: { metaTitle: 'Dr. Sam Okafor, pain specialist' },
        slug: 'sam-okafor',
      });
      await editor.publish('Provider', edited);

      const batch = jsonBatch();
      batch.records[1] = { ...batch.records[1], credentials: ['DO', 'MPH'], acceptingNewPatients: true, middleName: 'Tunde' };
      const report = await run(batch as never);
      expect(report.counts).toMatchObject({ updated: 1, unchanged: 3, created: 0 });
      const result = byExternalId(report.records, 'CRD-0002');
      expect(result).toMatchObject({ outcome: 'UPDATED', providerId: samuel.id, draft: false });
      expect(result.changes).toEqual([
        { field: 'middleName', oldValue: 'T', newValue: 'Tunde' },
        { field: 'credentials', oldValue: ['DO'], newValue: ['DO', 'MPH'] },
        { field: 'acceptingNewPatients', oldValue: false, newValue: true },
      ]);
      const live = await provider('1578930244');
      expect(live).toMatchObject({
        credentials: ['DO', 'MPH'],
        middleName: 'Tunde',
        acceptingNewPatients: true,
        bio: { markdown: 'Dr. Okafor trained in Louisville.' },
        title: 'Medical Director',
        bookingUrl: 'https://booking.example.com/okafor',
        displayName: 'Dr. Sam Okafor',
        seo: { metaTitle: 'Dr. Sam Okafor, pain specialist' },
        slug: 'sam-okafor',
      });
    });

    it('returns the same report from a dry run and writes nothing', async () => {
      const batch = jsonBatch();
      batch.records[0] = { ...batch.records[0], languages: ['en', 'es', 'fr'] };
      batch.records.push({ externalId: 'CRD-0009', npi: '1245319599', firstName: 'Nora', lastName: 'Quill', credentials: ['NP'] });
      const before = await rowVersions(app);
      const providers = await app.dataSource.getRepository(Provider).count();
      const dryRun = await run({ ...batch, dryRun: true } as never);
      expect(dryRun).toMatchObject({ dryRun: true, status: 'DRY_RUN' });
      expect(dryRun.counts).toMatchObject({ created: 1, updated: 1, unchanged: 3 });
      expect(byExternalId(dryRun.records, 'CRD-0001').changes).toEqual([{ field: 'languages', oldValue: ['en', 'es'], newValue: ['en', 'es', 'fr'] }]);
      expect(byExternalId(dryRun.records, 'CRD-0009')).toMatchObject({ outcome: 'CREATED', providerId: null });
      expect(await rowVersions(app)).toEqual(before);
      expect(await app.dataSource.getRepository(Provider).count()).toBe(providers);
      expect(await app.dataSource.getRepository(SyncRun).findOneByOrFail({ id: dryRun.runId })).toMatchObject({
        dryRun: true,
        status: 'DRY_RUN',
        created: 1,
        updated: 1,
      });

      const real = await run(batch as never);
      const strip = (report: any) => report.records.map(({ providerId: _id, ...rest }: any) => rest);
      expect(strip(real)).toEqual(strip(dryRun));
      expect(real.counts).toEqual(dryRun.counts);
    });

    it('returns the stored report for a repeated idempotency key, and refuses the key for another batch', async () => {
      const batch = jsonBatch();
      batch.records[3] = { ...batch.records[3], acceptingNewPatients: false };
      const first = await run({ ...batch, idempotencyKey: 'nightly-2026-11-25' } as never);
      expect(first.counts.updated).toBe(1);
      const before = await rowVersions(app);
      const again = await run({ ...batch, idempotencyKey: 'nightly-2026-11-25' } as never);
      expect(again).toEqual({ ...first, replayed: true });
      expect(await rowVersions(app)).toEqual(before);
      expect(await app.dataSource.getRepository(SyncRun).countBy({ idempotencyKey: 'nightly-2026-11-25' })).toBe(1);

      batch.records[3] = { ...batch.records[3], acceptingNewPatients: true };
      const other = await attemptSync(app, syncKey, { source: SOURCE, ...batch, idempotencyKey: 'nightly-2026-11-25' });
      expect(other.errors?.[0].extensions.code).toBe('CONFLICT');
      expect(other.errors?.[0].message).toContain('different batch');
      // The key belongs to its source: another source may use the same one.
      const elsewhere = await sync(app, syncKey, { source: 'ehr', records: [], idempotencyKey: 'nightly-2026-11-25' });
      expect(elsewhere.replayed).toBe(false);
    });

    it('writes nothing when an atomic batch has an invalid record', async () => {
      const batch = jsonBatch();
      batch.records[0] = { ...batch.records[0], acceptingNewPatients: false };
      batch.records.push({ externalId: 'CRD-0200', npi: '1003000126', firstName: 'Ada', lastName: 'Vance', languages: ['not a tag'] });
      const before = await rowVersions(app);
      const report = await run({ ...batch, atomic: true } as never);
      expect(report).toMatchObject({ atomic: true, status: 'REJECTED' });
      expect(report.counts).toMatchObject({ updated: 1, failed: 1 });
      expect(report.records[4]).toMatchObject({ outcome: 'FAILED', errors: [{ path: 'languages', message: expect.any(String) }] });
      expect(await rowVersions(app)).toEqual(before);
      expect(await provider('1003000126')).toBeNull();
    });

    it('reports unknown office references per record', async () => {
      const report = await run({
        records: [
          {
            externalId: 'CRD-0400',
            npi: '1888990029',
            firstName: 'Lost',
            lastName: 'Office',
            locations: [{ externalId: 'SITE-LEX' }, { externalId: 'SITE-NOWHERE' }],
          },
          { externalId: 'CRD-0401', npi: '1928374655', firstName: 'Found', lastName: 'Office', locations: [{ slug: 'no-such-office' }] },
          {
            externalId: 'CRD-0402',
            npi: '1711223358',
            firstName: 'Wrong',
            lastName: 'Primary',
            locations: [{ externalId: 'SITE-LEX' }],
            primaryLocation: { externalId: 'SITE-DAN' },
          },
        ],
      });
      expect(report.counts).toMatchObject({ failed: 3 });
      expect(report.records[0].errors).toEqual([
        { path: 'locations[1]', message: `no office has external id "SITE-NOWHERE" in ${SOURCE}, and the batch does not define it` },
      ]);
      expect(report.records[1].errors).toEqual([{ path: 'locations[0]', message: 'no office has the slug "no-such-office"' }]);
      expect(report.records[2].errors).toEqual([{ path: 'primaryLocation', message: "must be one of the provider's locations" }]);
    });

    it('reports, and does not merge, a record whose external id and NPI point at two different providers', async () => {
      const report = await run({ records: [{ externalId: 'CRD-0001', npi: '1578930244', firstName: 'Ruth', lastName: 'Calloway' }] });
      expect(report.records[0]).toMatchObject({
        outcome: 'FAILED',
        errors: [{ path: 'record', message: expect.stringContaining('matches two different providers') }],
      });
      expect((await provider('1467209817')).npi).toBe('1467209817');
    });
  });

  it('applies the valid records and reports the invalid ones with their index and field errors', async () => {
    const batch: SyncBatch = {
      locations: [],
      records: [
        { externalId: 'CRD-0100', npi: '1234567890', firstName: 'Bad', lastName: 'Checkdigit' },
        { externalId: 'CRD-0101', npi: '1122334455', firstName: 'Good', lastName: 'Record', specialties: ['208VP0014X'] },
        { externalId: 'CRD-0102', firstName: 'Bad', lastName: 'Codes', specialties: ['PAIN'], languages: ['english'] },
        { externalId: 'CRD-0103', firstName: '', lastName: 'Blank' },
      ],
    };
    const report = await run(batch as never);
    expect(report.status).toBe('APPLIED');
    expect(report.counts).toEqual({ received: 4, created: 1, updated: 0, unchanged: 0, deactivated: 0, failed: 3 });
    expect(report.records[0]).toMatchObject({
      index: 0,
      outcome: 'FAILED',
      providerId: null,
      errors: [{ path: 'npi', message: expect.stringContaining('check digit') }],
    });
    expect(report.records[1]).toMatchObject({ index: 1, outcome: 'CREATED' });
    expect(report.records[2].errors).toEqual([
      { path: 'specialties', message: expect.stringContaining('NUCC taxonomy code') },
      { path: 'languages', message: expect.stringContaining('BCP 47') },
    ]);
    expect(report.records[3].errors).toEqual([{ path: 'firstName', message: 'must not be empty' }]);
    expect(await provider('1122334455')).toMatchObject({ firstName: 'Good' });
  });

  it('fails every record that shares an NPI or external id with another record of the batch', async () => {
    const report = await run({
      records: [
        { externalId: 'CRD-0300', npi: '2109876542', firstName: 'Twin', lastName: 'One' },
        { externalId: 'CRD-0301', npi: '2109876542', firstName: 'Twin', lastName: 'Two' },
        { externalId: 'CRD-0302', firstName: 'Same', lastName: 'Id' },
        { externalId: 'CRD-0302', firstName: 'Same', lastName: 'Id again' },
      ],
    });
    expect(report.counts).toMatchObject({ failed: 4, created: 0 });
    expect(report.records[0].errors).toEqual([{ path: 'npi', message: 'NPI "2109876542" appears in records 0, 1 of this batch; send each provider once' }]);
    expect(report.records[3].errors[0]).toMatchObject({ path: 'externalId', message: expect.stringContaining('records 2, 3') });
    expect(await provider('2109876542')).toBeNull();
  });

  it('matches an editor-created provider by NPI, links the external id, and never matches by name', async () => {
    const editor = new EditorialClient(app, admin.headers);
    const created = await editor.mutate('createProvider', 'CreateProviderInput', {
      firstName: 'Helen',
      lastName: 'Ashby',
      npi: '1512349873',
      bio: 'Written by an editor.',
    });
    await editor.publish('Provider', created);
    await editor.publish('Provider', await editor.mutate('createProvider', 'CreateProviderInput', { firstName: 'Homer', lastName: 'Namesake' }));

    const report = await run({
      records: [
        { externalId: 'CRD-0500', npi: '1512349873', firstName: 'Helen', lastName: 'Ashby', credentials: ['MD'] },
        { externalId: 'CRD-0501', firstName: 'Homer', lastName: 'Namesake' },
      ],
    });
    expect(report.records[0]).toMatchObject({ outcome: 'UPDATED', providerId: created.id });
    expect(report.records[0].changes).toEqual([
      { field: 'externalId', oldValue: null, newValue: 'CRD-0500' },
      { field: 'credentials', oldValue: [], newValue: ['MD'] },
    ]);
    expect(report.records[1].outcome).toBe('CREATED');
    expect(await app.dataSource.getRepository(Provider).countBy({ firstName: 'Homer', lastName: 'Namesake' })).toBe(2);
    expect((await provider('1512349873')).bio.markdown).toBe('Written by an editor.');
  });

  it('links an office editors created by its slug, instead of creating it again, and accepts slugs as references', async () => {
    const editor = new EditorialClient(app, admin.headers);
    const office = await editor.mutate('createLocation', 'CreateLocationInput', {
      name: 'Maysville Office',
      slug: 'maysville',
      address: { city: 'Maysville', state: 'KY' },
    });
    await editor.publish('Location', office);
    const report = await run({
      locations: [{ externalId: 'SITE-MAY', slug: 'maysville', name: 'Maysville Office', city: 'Maysville', state: 'KY', phone: '606-555-0142' }],
      records: [
        { externalId: 'CRD-0600', npi: '1711223341', firstName: 'Mae', lastName: 'Rivers', locations: [{ externalId: 'SITE-MAY' }] },
        { externalId: 'CRD-0601', npi: '1888990011', firstName: 'Cal', lastName: 'Rivers', locations: [{ slug: 'maysville' }] },
      ],
    });
    expect(report.locations[0]).toMatchObject({ outcome: 'UPDATED', locationId: office.id });
    expect(report.locations[0].changes).toEqual([
      { field: 'externalId', oldValue: null, newValue: 'SITE-MAY' },
      { field: 'phone', oldValue: null, newValue: '+16065550142' },
    ]);
    expect(report.records.map((record: any) => [record.outcome, record.changes.find((change: any) => change.field === 'locations')?.newValue])).toEqual([
      ['CREATED', [office.id]],
      ['CREATED', [office.id]],
    ]);
    expect(await app.dataSource.query("SELECT count(*)::int AS n FROM locations WHERE name = 'Maysville Office'")).toEqual([{ n: 1 }]);
  });

  it('refuses a batch of 1,001 records with a clear message', async () => {
    const records = Array.from({ length: 1001 }, (_, index) => ({ externalId: `BULK-${index}`, firstName: 'Bulk', lastName: `Provider ${index}` }));
    const response = await attemptSync(app, syncKey, { source: SOURCE, records });
    expect(response.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].extensions.fields).toEqual([
      { path: 'input.records', message: 'a batch holds at most 1,000 records (this one has 1,001); split it into several runs' },
    ]);
  });

  it('needs providers:sync: such a key syncs but cannot edit treatments, and nobody anonymous can sync', async () => {
    const treatment = await app.graphql('mutation { createTreatment(input: { title: "Nerve Blocks" }) { id } }', {}, syncKey);
    expect(treatment.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const configure = await app.graphql('mutation { configureSyncSource(input: { name: "credentialing", applyMode: DRAFT }) { name } }', {}, syncKey);
    expect(configure.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const runs = await app.graphql('{ syncRuns { totalCount } }', {}, syncKey);
    expect(runs.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const anonymous = await attemptSync(app, {}, { source: SOURCE, records: [] });
    expect(anonymous.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    const reader = app.accounts;
    const editorKey = { 'x-api-key': (await reader.apiKey({ scopes: [Permission.CONTENT_WRITE] })).secret };
    expect((await attemptSync(app, editorKey, { source: SOURCE, records: [] })).errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('logs every run with who ran it and its counts, listed for admins and audited once per run', async () => {
    const synced = await run(jsonBatch() as never);
    const response = await app.graphql(
      `{ syncRuns(first: 3, filter: { source: "${SOURCE}" }) { totalCount edges { node { id source format mode dryRun status actorKind actorLabel startedAt durationMs counts { received created updated unchanged failed } report { runId records { outcome } } } } } }`,
      {},
      admin.headers,
    );
    expect(response.errors).toBeUndefined();
    const runs = response.data.syncRuns;
    expect(runs.totalCount).toBe(await app.dataSource.getRepository(SyncRun).countBy({ source: SOURCE }));
    const [latest] = runs.edges.map((edge: any) => edge.node);
    expect(latest).toMatchObject({ source: SOURCE, format: 'JSON', mode: 'UPSERT', actorKind: 'API_KEY', status: 'APPLIED' });
    expect(latest.id).toBe(synced.runId);
    expect(latest.report.runId).toBe(latest.id);
    expect(response.headers['cache-control']).toContain('no-store');

    const audits = await app.dataSource.getRepository(AuditEntry).findBy({ action: 'syncProviders' });
    const stored = await app.dataSource.getRepository(SyncRun).findBy({ format: 'JSON' as never });
    expect(audits).toHaveLength(stored.length);
    const audit = audits.find((entry) => entry.after?.runId === latest.id);
    expect(audit).toMatchObject({ actorKind: 'API_KEY', after: { source: SOURCE, status: 'APPLIED', counts: latest.counts } });
  });
});
