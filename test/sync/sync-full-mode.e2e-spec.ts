import { Permission, Role } from '../../src/auth/permissions';
import { Provider } from '../../src/providers/provider.entity';
import { type SignedInUser } from '../factories/accounts.factory';
import { attemptSync, CONFIGURE_SOURCE, generatedRecords, rowVersions, sync } from './sync-helpers';
import { useTestApp } from '../support/use-test-app';

const SOURCE = 'roster-system';

describe('FULL-mode sync', () => {
  // Each test starts from its own database, with the whole roster synced and active.
  const app = useTestApp({}, { eachTest: true });
  let admin: SignedInUser;
  let syncKey: { 'x-api-key': string };
  const roster = generatedRecords('EMP', 10);

  const full = (records: Record<string, any>[], options: Record<string, unknown> = {}) =>
    sync(app, syncKey, { source: SOURCE, mode: 'FULL', records, ...options });
  /** Brings the source down to the first `size` of the roster, as an earlier forced FULL sync would have. */
  const cutRosterTo = (size: number) => full(roster.slice(0, size), { force: true });
  const activeOf = async (externalIds: string[]) => {
    const rows: { value: string; active: boolean }[] = await app.dataSource.query(
      'SELECT e.value, p.active FROM provider_external_ids e JOIN providers p ON p.id = e.provider_id WHERE e.system = $1 AND e.value = ANY($2) ORDER BY e.value',
      [SOURCE, externalIds],
    );
    return Object.fromEntries(rows.map((row) => [row.value, row.active]));
  };

  beforeEach(async () => {
    const accounts = app.accounts;
    admin = await accounts.signedIn(Role.ADMIN);
    syncKey = { 'x-api-key': (await accounts.apiKey({ scopes: [Permission.PROVIDERS_SYNC] })).secret };
    await sync(app, syncKey, { source: SOURCE, records: roster });
  });

  it('deactivates, never deletes, the providers of the source that the batch leaves out', async () => {
    const bystander = await app.content.provider({ firstName: 'Editor', lastName: 'Made' });
    const report = await full(roster.slice(0, 9));
    expect(report.counts).toEqual({ received: 9, created: 0, updated: 0, unchanged: 9, deactivated: 1, failed: 0 });
    expect(report.deactivations).toEqual([{ providerId: expect.any(String), externalId: 'EMP-10', name: 'Casey EMP 0010', draft: false }]);
    expect(await activeOf(['EMP-9', 'EMP-10'])).toEqual({ 'EMP-9': true, 'EMP-10': false });
    expect(await app.dataSource.getRepository(Provider).countBy({ id: report.deactivations[0].providerId })).toBe(1);
    const listed = await app.graphql('{ providers(first: 100) { edges { node { lastName } } } }');
    expect(listed.data.providers.edges.map((edge: any) => edge.node.lastName)).not.toContain('EMP 0010');
    // Providers the source never sent (an editor's) are not the source's to deactivate.
    expect((await app.dataSource.getRepository(Provider).findOneByOrFail({ id: bystander.id })).active).toBe(true);

    const before = await rowVersions(app);
    const again = await full(roster.slice(0, 9));
    expect(again.counts).toMatchObject({ unchanged: 9, deactivated: 0 });
    expect(await rowVersions(app)).toEqual(before);
  });

  it("refuses to deactivate more than the source's share at once, unless forced", async () => {
    await cutRosterTo(9);
    const before = await rowVersions(app);
    const refused = await attemptSync(app, syncKey, { source: SOURCE, mode: 'FULL', records: roster.slice(0, 6) });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', wouldDeactivate: 3, activeProviders: 9, maxDeactivationShare: 0.2 });
    expect(refused.errors?.[0].message).toBe(
      `This FULL sync would deactivate 3 of the 9 active providers of ${SOURCE} (33%), more than the 20% allowed; check that the batch is complete, or send force: true`,
    );
    expect(await rowVersions(app)).toEqual(before);

    const dryRun = await full(roster.slice(0, 6), { force: true, dryRun: true });
    expect(dryRun.counts.deactivated).toBe(3);
    expect(await rowVersions(app)).toEqual(before);

    const forced = await full(roster.slice(0, 6), { force: true });
    expect(forced.deactivations.map((entry: any) => entry.externalId)).toEqual(['EMP-7', 'EMP-8', 'EMP-9']);
    expect(await activeOf(['EMP-6', 'EMP-7', 'EMP-9'])).toEqual({ 'EMP-6': true, 'EMP-7': false, 'EMP-9': false });
  });

  it('follows the share configured for the source', async () => {
    await cutRosterTo(6);
    const configured = await app.graphql(CONFIGURE_SOURCE, { input: { name: SOURCE, maxDeactivationShare: 0.5 } }, admin.headers);
    expect(configured.errors).toBeUndefined();
    const report = await full(roster.slice(0, 4));
    expect(report.counts.deactivated).toBe(2);
  });

  it('keeps providers whose record is invalid, and reactivates those that come back', async () => {
    await cutRosterTo(4);
    const records = [...roster.slice(0, 3), { ...roster[3], npi: '1234567890' }, roster[6]];
    const report = await full(records);
    expect(report.counts).toMatchObject({ failed: 1, updated: 1, deactivated: 0 });
    expect(report.records[4]).toMatchObject({ externalId: 'EMP-7', outcome: 'UPDATED', changes: [{ field: 'active', oldValue: false, newValue: true }] });
    expect(await activeOf(['EMP-4', 'EMP-7'])).toEqual({ 'EMP-4': true, 'EMP-7': true });
  });
});
