import { API_KEY_SCOPES, Role } from '../../src/auth/permissions';
import { type EditorialClient } from '../support/editorial-client';
import { attemptSync, generatedRecords, sync, validNpi } from './sync-helpers';
import { useTestApp, signedInClient } from '../support/use-test-app';

/**
 * A unique value (the NPI) held by any provider, in its live row or its pending draft, is
 * refused by the editor and by the sync alike, with the same message naming the holder; so
 * publishing a draft never fails on the unique index for a value the draft was allowed to take.
 */
describe('unique values across editors and provider sync', () => {
  const app = useTestApp();
  let editor: EditorialClient;
  let integration: Record<string, string>;

  beforeAll(async () => {
    const accounts = app.accounts;
    editor = await signedInClient(app, Role.EDITOR);
    integration = { 'x-api-key': (await accounts.apiKey({ scopes: API_KEY_SCOPES })).secret };
  });
  /** A published provider whose pending draft takes `npi`. */
  async function providerWithDraftNpi(lastName: string, npi: string) {
    const created = await editor.mutate('createProvider', 'CreateProviderInput', { firstName: 'Draft', lastName, credentials: ['MD'] });
    const published = await editor.mutate('publishProvider', 'DocumentVersionInput', { id: created.id, version: created.version });
    const drafted = await editor.mutate('updateProvider', 'UpdateProviderInput', { id: created.id, version: published.version, npi });
    return { id: created.id as string, version: drafted.version as number };
  }

  it("refuses to create through the sync a provider with an NPI another provider's pending draft holds, and that draft still publishes", async () => {
    const npi = validNpi(9001);
    const holder = await providerWithDraftNpi('Holder', npi);
    const [record] = generatedRecords('unique-sync', 1, 9001);

    const report = await sync(app, integration, { source: 'credentialing', records: [{ ...record, npi }] });

    expect(report.counts).toMatchObject({ created: 0, failed: 1 });
    expect(report.records[0].errors).toEqual([{ path: 'npi', message: `"${npi}" is already used by Provider "Draft Holder" (in its pending draft)` }]);
    const published = await editor.mutate('publishProvider', 'DocumentVersionInput', { id: holder.id, version: holder.version }, 'id npi status');
    expect(published).toMatchObject({ npi, status: 'PUBLISHED' });
  });

  it('gives the editor the same message for the same clash', async () => {
    const npi = validNpi(9002);
    await providerWithDraftNpi('Second', npi);
    const response = await editor.attempt('createProvider', 'CreateProviderInput', { firstName: 'Late', lastName: 'Comer', npi });
    expect(response.errors?.[0].extensions.fields).toEqual([
      { path: 'input.npi', message: `"${npi}" is already used by Provider "Draft Second" (in its pending draft)` },
    ]);
  });

  it('refuses a sync that would move a provider to an NPI another provider holds live, naming it', async () => {
    const [first, second] = generatedRecords('unique-move', 2, 9100);
    await sync(app, integration, { source: 'credentialing', records: [first, second] });
    const response = await attemptSync(app, integration, { source: 'credentialing', records: [{ ...second, npi: first.npi }] });
    const report = response.data.syncProviders;
    // Matching by NPI finds the first provider and external id the second: the record is ambiguous or taken, never applied.
    expect(report.counts.failed).toBe(1);
    expect(report.records[0].errors[0].path).toMatch(/npi|record/);
  });
});
