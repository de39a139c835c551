import { Permission, Role } from '../../src/auth/permissions';
import { dataOf } from '../common/expectations';
import { type SignedInUser } from '../factories/accounts.factory';
import { SYNC_FROM_FHIR, SYNC_FROM_NPPES, sync } from '../sync/sync-helpers';
import { expectFieldErrors } from './field-errors';
import { useTestApp } from '../support/use-test-app';

/**
 * The rule: the editor and the sync store the same canonical value for the same input, or refuse
 * it with the same message. Each case below goes through an editor mutation and through
 * `syncProviders`, and the stored rows (read from the database, as written) are compared.
 */

interface Case {
  /** The field as the sync record names it (and, for providers, as the editing input does). */
  field: string;
  input: unknown;
  /** The value stored, or `refused` with the message both paths give. */
  stored?: unknown;
  refused?: string;
}

const title = ({ field, input, stored, refused }: Case) => `${field} ${JSON.stringify(input)} → ${refused ? `refused ("${refused}")` : JSON.stringify(stored)}`;
/** Rows for it.each: the title, the case and its index in the table (and in the sync batch). */
const titled = (cases: Case[]): [string, Case, number][] => cases.map((entry, index) => [title(entry), entry, index]);

const LANGUAGE = 'must be a BCP 47 language tag such as "en" or "es-MX"';
const CREDENTIAL = 'each credential must be 1 to 20 characters ("MD", "PA-C")';
const TAXONOMY = 'must be a NUCC taxonomy code such as 208VP0014X';
const ROLE = 'must be a FHIR practitioner-role code: doctor, nurse, pharmacist, researcher, teacher, ict';
const NPI = 'must be a valid NPI: 10 digits starting with 1 or 2, with a correct check digit';
const STATE = 'must be a two-letter US state code such as KY';
const ZIP = 'must be a ZIP code (12345) or ZIP+4 (12345-6789)';
const PHONE = 'must be a valid phone number';

const PROVIDER_CASES: Case[] = [
  { field: 'languages', input: ['EN', 'zh-hans', 'es-mx'], stored: ['en', 'zh-Hans', 'es-MX'] },
  { field: 'languages', input: ['en', 'EN', ' es '], stored: ['en', 'es'] },
  { field: 'languages', input: ['en', 'english'], refused: LANGUAGE },
  { field: 'languages', input: ['en_US'], refused: LANGUAGE },
  { field: 'credentials', input: ['M.D.'], stored: ['MD'] },
  { field: 'credentials', input: ['M.D., Ph.D.'], stored: ['MD', 'PhD'] },
  { field: 'credentials', input: ['pa-c', 'D.O.', 'pharm.d.'], stored: ['PA-C', 'DO', 'PharmD'] },
  { field: 'credentials', input: ['MD', 'M. D.', 'FACP'], stored: ['MD', 'FACP'] },
  { field: 'credentials', input: ['MD', ''], refused: CREDENTIAL },
  { field: 'credentials', input: ['Doctor of Osteopathic Medicine'], refused: CREDENTIAL },
  { field: 'specialties', input: ['208vp0014x', '207L00000X', '208VP0014X'], stored: ['208VP0014X', '207L00000X'] },
  { field: 'specialties', input: ['pain medicine'], refused: TAXONOMY },
  { field: 'roles', input: ['Doctor', ' nurse ', 'doctor'], stored: ['doctor', 'nurse'] },
  { field: 'roles', input: ['physician'], refused: ROLE },
  { field: 'npi', input: '1234567890', refused: NPI },
  { field: 'npi', input: '9941339100', refused: NPI },
  { field: 'firstName', input: '  Ann  ', stored: 'Ann' },
  { field: 'firstName', input: '   ', refused: 'must not be empty' },
  { field: 'prefix', input: ' Dr. ', stored: 'Dr.' },
  { field: 'middleName', input: '  ', stored: null },
];

/** A location field: its sync record name, its place in the editing input, and its column. */
interface LocationField {
  editorInput: (value: unknown) => Record<string, unknown>;
  editorPath: string;
  column: string;
}

const ADDRESS = { city: 'Lexington', state: 'KY' };
const LOCATION_FIELDS: Record<string, LocationField> = {
  name: { editorInput: (name) => ({ name }), editorPath: 'input.name', column: 'name' },
  addressLine1: { editorInput: (line1) => ({ address: { ...ADDRESS, line1 } }), editorPath: 'input.address.line1', column: 'address_line1' },
  city: { editorInput: (city) => ({ address: { ...ADDRESS, city } }), editorPath: 'input.address.city', column: 'city' },
  state: { editorInput: (state) => ({ address: { ...ADDRESS, state } }), editorPath: 'input.address.state', column: 'state' },
  postalCode: { editorInput: (postalCode) => ({ address: { ...ADDRESS, postalCode } }), editorPath: 'input.address.postalCode', column: 'postal_code' },
  phone: { editorInput: (phone) => ({ phone }), editorPath: 'input.phone', column: 'phone' },
  fax: { editorInput: (fax) => ({ fax }), editorPath: 'input.fax', column: 'fax' },
};

const LOCATION_CASES: Case[] = [
  { field: 'name', input: '  Maysville Office ', stored: 'Maysville Office' },
  { field: 'addressLine1', input: '   ', stored: null },
  { field: 'city', input: ' Danville ', stored: 'Danville' },
  { field: 'state', input: 'ky', stored: 'KY' },
  { field: 'state', input: ' oh ', stored: 'OH' },
  { field: 'state', input: 'Kentucky', refused: STATE },
  { field: 'state', input: 'XX', refused: STATE },
  { field: 'postalCode', input: '40503', stored: '40503' },
  { field: 'postalCode', input: '40503-1234', stored: '40503-1234' },
  { field: 'postalCode', input: '405031234', stored: '40503-1234' },
  { field: 'postalCode', input: '4050', refused: ZIP },
  { field: 'postalCode', input: '40503 1234', refused: ZIP },
  { field: 'phone', input: '859.555.0100', stored: '+18595550100' },
  { field: 'phone', input: '(859) 555-0100 x123', stored: '+18595550100;ext=123' },
  { field: 'phone', input: '+1 859 555 0100 ext. 45', stored: '+18595550100;ext=45' },
  { field: 'phone', input: '555-0100', refused: PHONE },
  { field: 'fax', input: '859-555-0101 #9', stored: '+18595550101;ext=9' },
  { field: 'fax', input: 'call us', refused: PHONE },
];

const LOCATION_READ = `query($slug: String!) { location(slug: $slug, stage: DRAFT) { phone { e164 extension display uri } fax { e164 extension display uri } } }`;

describe('canonical values: the editor and the sync store the same value for the same input', () => {
  const app = useTestApp();
  let editor: SignedInUser;
  let syncKey: Record<string, string>;
  /** The report of one sync run holding every provider case (records) and location case (locations), in table order. */
  let report: any;

  const asEditor = (query: string, variables?: Record<string, unknown>) => app.graphql(query, variables, editor.headers);
  const createProvider = (input: Record<string, unknown>) =>
    asEditor(`mutation($input: CreateProviderInput!) { createProvider(input: $input) { id } }`, { input });
  const createLocation = (input: Record<string, unknown>) =>
    asEditor(`mutation($input: CreateLocationInput!) { createLocation(input: $input) { id slug version } }`, { input });
  const providerRow = async (id: string) => (await app.dataSource.query('SELECT * FROM providers WHERE id = $1', [id]))[0];
  const locationRow = async (id: string) => (await app.dataSource.query('SELECT * FROM locations WHERE id = $1', [id]))[0];
  const columnOf = (field: string) => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

  const providerRecords = () =>
    PROVIDER_CASES.map(({ field, input }, index) => ({ externalId: `CASE-${index}`, firstName: 'Sync', lastName: `Case ${index}`, [field]: input }));
  const locationRecords = () =>
    LOCATION_CASES.map(({ field, input }, index) => ({
      externalId: `SITE-${index}`,
      name: `Sync office ${index}`,
      city: 'Lexington',
      state: 'KY',
      [field]: input,
    }));

  beforeAll(async () => {
    const accounts = app.accounts;
    editor = await accounts.signedIn(Role.EDITOR);
    syncKey = { 'x-api-key': (await accounts.apiKey({ scopes: [Permission.PROVIDERS_SYNC] })).secret };
    report = await sync(app, syncKey, { source: 'credentialing', records: providerRecords(), locations: locationRecords() });
  });

  describe('providers', () => {
    it.each(titled(PROVIDER_CASES))('%s', async (_title, { field, input, stored, refused }, index) => {
      const synced = report.records[index];
      const edited = await createProvider({ firstName: 'Editor', lastName: `Case ${index}`, [field]: input });
      if (refused) {
        expectFieldErrors(edited, { [`input.${field}`]: refused });
        expect(synced).toMatchObject({ outcome: 'FAILED', errors: [{ path: field, message: edited.errors![0].extensions.fields![0].message }] });
        return;
      }
      expect(synced.outcome).toBe('CREATED');
      const column = columnOf(field);
      expect((await providerRow(dataOf(edited).createProvider.id))[column]).toEqual(stored);
      expect((await providerRow(synced.providerId))[column]).toEqual(stored);
    });

    it('matches an NPI written with spaces to the provider that holds it', async () => {
      const provider = dataOf(await createProvider({ firstName: 'Nia', lastName: 'Spaced', npi: ' 1245319599 ' })).createProvider;
      expect((await providerRow(provider.id)).npi).toBe('1245319599');
      const matched = await sync(app, syncKey, {
        source: 'credentialing',
        records: [{ externalId: 'CASE-NPI', firstName: 'Nia', lastName: 'Spaced', npi: '1245319599 ' }],
      });
      expect(matched.records[0]).toMatchObject({ outcome: 'UPDATED', providerId: provider.id, npi: '1245319599' });
    });

    it('stores the same values through updateProvider', async () => {
      const created = dataOf(
        await asEditor(`mutation($input: CreateProviderInput!) { createProvider(input: $input) { id version } }`, {
          input: { firstName: 'Up', lastName: 'Dated' },
        }),
      ).createProvider;
      const changes = { languages: ['EN', 'zh-hans'], credentials: ['M.D., Ph.D.'], specialties: ['208vp0014x'], npi: ' 1122334455 ', prefix: '  ' };
      const updated = await asEditor(`mutation($input: UpdateProviderInput!) { updateProvider(input: $input) { version } }`, {
        input: { id: created.id, version: created.version, ...changes },
      });
      dataOf(updated);
      expect(await providerRow(created.id)).toMatchObject({
        languages: ['en', 'zh-Hans'],
        credentials: ['MD', 'PhD'],
        specialties: ['208VP0014X'],
        npi: '1122334455',
        prefix: null,
      });
      expectFieldErrors(
        await asEditor(`mutation($input: UpdateProviderInput!) { updateProvider(input: $input) { version } }`, {
          input: { id: created.id, version: updated.data.updateProvider.version, languages: ['english'] },
        }),
        {
          'input.languages': LANGUAGE,
        },
      );
    });

    it('shows the stored values through the API', async () => {
      const live = await app.graphql(`query($id: ID!) { provider(id: $id) { languages } }`, { id: report.records[0].providerId });
      expect(dataOf(live).provider.languages).toEqual(['en', 'zh-Hans', 'es-MX']);
    });
  });

  describe('locations', () => {
    it.each(titled(LOCATION_CASES))('%s', async (_title, { field, input, stored, refused }, index) => {
      const synced = report.locations[index];
      const target = LOCATION_FIELDS[field];
      const edited = await createLocation({ name: `Editor office ${index}`, address: ADDRESS, ...target.editorInput(input) });
      if (refused) {
        expectFieldErrors(edited, { [target.editorPath]: refused });
        const message = edited.errors![0].extensions.fields![0].message;
        if (['phone', 'fax', 'email'].includes(field)) {
          // A bad contact detail does not cost the sync its office: it is left out, with a warning.
          expect(synced).toMatchObject({ outcome: 'CREATED', errors: [], warnings: [{ path: field, value: input, message: `${message}; left out` }] });
          expect((await locationRow(synced.locationId))[target.column]).toBeNull();
          return;
        }
        expect(synced).toMatchObject({ outcome: 'FAILED', errors: [{ path: field, message }] });
        return;
      }
      expect(synced.outcome).toBe('CREATED');
      expect((await locationRow(dataOf(edited).createLocation.id))[target.column]).toEqual(stored);
      expect((await locationRow(synced.locationId))[target.column]).toEqual(stored);
    });

    it('keeps an extension: E.164 apart, in the display form and in the tel: URI', async () => {
      const slug = dataOf(await createLocation({ name: 'Extension Office', address: ADDRESS, phone: '(859) 555-0100 x123', fax: '859-555-0101' }))
        .createLocation.slug;
      expect(dataOf(await asEditor(LOCATION_READ, { slug })).location).toEqual({
        phone: { e164: '+18595550100', extension: '123', display: '(859) 555-0100 ext. 123', uri: 'tel:+18595550100;ext=123' },
        fax: { e164: '+18595550101', extension: null, display: '(859) 555-0101', uri: 'tel:+18595550101' },
      });
    });
  });

  it('writes nothing when the same batch, written the same loose way, is synced again', async () => {
    const again = await sync(app, syncKey, { source: 'credentialing', records: providerRecords(), locations: locationRecords() });
    const valid = (results: any[]) => results.filter((result) => result.outcome !== 'FAILED').length;
    expect(again.counts).toMatchObject({ created: 0, updated: 0, unchanged: valid(report.records) });
    expect(again.locationCounts).toMatchObject({ created: 0, updated: 0, unchanged: valid(report.locations) });
  });

  describe('FHIR and NPPES imports store what the editor stores', () => {
    it('NPPES: credentials and taxonomy codes as the registry writes them', async () => {
      const edited = dataOf(
        await createProvider({ firstName: 'Editor', lastName: 'Registry', credentials: ['M.D., PH.D.'], specialties: ['207l00000x'] }),
      ).createProvider;
      const nppes = await sync(
        app,
        syncKey,
        {
          source: 'nppes',
          response: {
            result_count: 1,
            results: [
              {
                enumeration_type: 'NPI-1',
                number: 1003000126,
                basic: { first_name: 'ANA', last_name: 'SOTO', credential: 'M.D., PH.D.', status: 'A' },
                taxonomies: [{ code: '207l00000x', primary: true }],
              },
            ],
          },
        },
        SYNC_FROM_NPPES,
      );
      const [editorRow, nppesRow] = [await providerRow(edited.id), await providerRow(nppes.records[0].providerId)];
      expect(nppesRow).toMatchObject({ credentials: ['MD', 'PhD'], specialties: ['207L00000X'] });
      expect([nppesRow.credentials, nppesRow.specialties]).toEqual([editorRow.credentials, editorRow.specialties]);
    });

    it('FHIR: state, ZIP, phone with extension, language tags and credentials', async () => {
      const edited = dataOf(
        await createLocation({
          name: 'Editor FHIR Office',
          address: { city: 'Lexington', state: 'ky', postalCode: '405031234' },
          phone: '859-555-0100 ext. 7',
        }),
      ).createLocation;
      const editedProvider = dataOf(
        await createProvider({ firstName: 'Editor', lastName: 'Fhir', languages: ['EN', 'zh-hans'], credentials: ['M.D.'] }),
      ).createProvider;
      const fhir = await sync(
        app,
        syncKey,
        {
          source: 'ehr',
          bundle: {
            resourceType: 'Bundle',
            type: 'collection',
            entry: [
              {
                resource: {
                  resourceType: 'Location',
                  id: 'loc-1',
                  name: 'FHIR Office',
                  address: { city: 'Lexington', state: 'ky', postalCode: '405031234' },
                  telecom: [{ system: 'phone', value: '859-555-0100 ext. 7', use: 'work' }],
                },
              },
              {
                resource: {
                  resourceType: 'Practitioner',
                  id: 'prac-1',
                  name: [{ family: 'Fhir', given: ['Bo'] }],
                  qualification: [{ code: { text: 'M.D.' } }],
                  communication: [
                    {
                      coding: [
                        { system: 'urn:ietf:bcp:47', code: 'EN' },
                        { system: 'urn:ietf:bcp:47', code: 'zh-hans' },
                      ],
                    },
                  ],
                },
              },
            ],
          },
        },
        SYNC_FROM_FHIR,
      );
      const [editorOffice, fhirOffice] = [await locationRow(edited.id), await locationRow(fhir.locations[0].locationId)];
      expect(fhirOffice).toMatchObject({ state: 'KY', postal_code: '40503-1234', phone: '+18595550100;ext=7' });
      expect([fhirOffice.state, fhirOffice.postal_code, fhirOffice.phone]).toEqual([editorOffice.state, editorOffice.postal_code, editorOffice.phone]);
      const [editorProvider, fhirProvider] = [await providerRow(editedProvider.id), await providerRow(fhir.records[0].providerId)];
      expect(fhirProvider).toMatchObject({ languages: ['en', 'zh-Hans'], credentials: ['MD'] });
      expect([fhirProvider.languages, fhirProvider.credentials]).toEqual([editorProvider.languages, editorProvider.credentials]);
    });
  });

  describe('time zones (editorial: only editors write them, on create and update alike)', () => {
    const UPDATE = `mutation($input: UpdateLocationInput!) { updateLocation(input: $input) { version timezone } }`;

    it.each([
      ['america/chicago', 'America/Chicago'],
      ['America/Kentucky/Louisville', 'America/Kentucky/Louisville'],
      ['america/kentucky/louisville', 'America/Kentucky/Louisville'],
      ['US/Eastern', 'America/New_York'],
      [' utc ', 'UTC'],
    ])('stores %p as %p', async (timezone, stored) => {
      const created = dataOf(await createLocation({ name: `Zone ${timezone}`, address: ADDRESS, timezone })).createLocation;
      expect((await locationRow(created.id)).timezone).toBe(stored);
      const reset = dataOf(await asEditor(UPDATE, { input: { id: created.id, version: created.version, timezone: 'America/Denver' } })).updateLocation;
      const updated = dataOf(await asEditor(UPDATE, { input: { id: created.id, version: reset.version, timezone } })).updateLocation;
      expect(updated.timezone).toBe(stored);
      expect((await locationRow(created.id)).timezone).toBe(stored);
    });

    it.each(['EST', 'Eastern', 'GMT+5', 'America/Lexington'])('refuses %p on create and update', async (timezone) => {
      expectFieldErrors(await createLocation({ name: `Zone ${timezone}`, address: ADDRESS, timezone }), {
        'input.timezone': 'must be an IANA time zone such as "America/New_York"',
      });

      const created = dataOf(await createLocation({ name: `Zone ok ${timezone}`, address: ADDRESS })).createLocation;
      expectFieldErrors(await asEditor(UPDATE, { input: { id: created.id, version: created.version, timezone } }), {
        'input.timezone': 'must be an IANA time zone',
      });
    });
  });

  describe('ICD-10-CM codes (conditions: create and update alike)', () => {
    const CREATE = `mutation($input: CreateConditionInput!) { createCondition(input: $input) { id version icd10Codes } }`;
    const UPDATE = `mutation($input: UpdateConditionInput!) { updateCondition(input: $input) { version icd10Codes } }`;

    it('stores codes in capitals with the dot, once each, on create and on update', async () => {
      const codes = ['m54.50', 'M5450', 'g89.29', ' M54.9 '];
      const created = dataOf(await asEditor(CREATE, { input: { name: 'Canonical Back Pain', icd10Codes: codes } })).createCondition;
      expect(created.icd10Codes).toEqual(['M54.50', 'G89.29', 'M54.9']);
      const cleared = dataOf(await asEditor(UPDATE, { input: { id: created.id, version: created.version, icd10Codes: [] } })).updateCondition;
      const updated = dataOf(await asEditor(UPDATE, { input: { id: created.id, version: cleared.version, icd10Codes: codes } })).updateCondition;
      expect(updated.icd10Codes).toEqual(created.icd10Codes);
      const [row] = await app.dataSource.query('SELECT icd10_codes FROM conditions WHERE id = $1', [created.id]);
      expect(row.icd10_codes).toEqual(['M54.50', 'G89.29', 'M54.9']);
    });

    it('refuses a malformed code alike on create and update', async () => {
      const message = 'must be an ICD-10-CM code such as M54.50';
      expectFieldErrors(await asEditor(CREATE, { input: { name: 'Malformed Codes', icd10Codes: ['M54.'] } }), { 'input.icd10Codes': message });
      const created = dataOf(await asEditor(CREATE, { input: { name: 'Malformed Codes' } })).createCondition;
      expectFieldErrors(await asEditor(UPDATE, { input: { id: created.id, version: created.version, icd10Codes: ['54.50'] } }), {
        'input.icd10Codes': message,
      });
    });
  });
});
