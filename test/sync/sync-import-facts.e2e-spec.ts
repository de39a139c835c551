import { Permission } from '../../src/auth/permissions';
import { AccountsFactory } from '../factories/accounts.factory';
import { startTestApp, type TestApp } from '../support/test-app';
import { byExternalId, sync, SYNC_FROM_FHIR, SYNC_FROM_NPPES } from './sync-helpers';

const NPI = 'http://hl7.org/fhir/sid/us-npi';
const NUCC = 'http://nucc.org/provider-taxonomy';
const LOCATION = `query($id: ID) { location(id: $id) { name timezone email website accessibilityNotes locationTypes phone { e164 extension display } fax { e164 }
  openingHours { day closed intervals { opens closes } }
  openStatus(at: "2026-11-30T14:30:00Z") { isOpen localTime localDate } } }`;
const PROVIDER = 'query($npi: String) { provider(npi: $npi) { firstName lastName boardCertifications locations { name } } }';
const PROVIDER_FACTS =
  'query($npi: String) { provider(npi: $npi) { firstName lastName gender email phone { e164 extension } licenses { number state issuer } locations { id name phone { e164 } fax { e164 } address { line1 city state postalCode } timezone } } }';

/** A Practitioner with a board certification, a role with availableTime at two Texas offices, one of them with a bad phone. */
function texasBundle() {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      {
        resource: {
          resourceType: 'Location',
          id: 'loc-austin',
          status: 'active',
          name: 'Austin Office',
          type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'PAINCL' }] }],
          telecom: [
            { system: 'phone', value: '(512) 555-0142 x123', use: 'work' },
            { system: 'email', value: 'austin@clinic.example.com' },
            { system: 'url', value: 'https://clinic.example.com/austin' },
          ],
          address: { line: ['500 Congress Avenue'], city: 'Austin', state: 'TX', postalCode: '78701' },
          position: { latitude: 30.2672, longitude: -97.7431 },
          extension: [
            {
              url: 'http://hl7.org/fhir/us/davinci-pdex-plan-net/StructureDefinition/accessibility',
              valueCodeableConcept: { coding: [{ code: 'handiaccess' }] },
            },
          ],
          hoursOfOperation: [{ daysOfWeek: ['mon', 'tue', 'wed', 'thu', 'fri'], openingTime: '08:00:00', closingTime: '17:00:00' }],
        },
      },
      {
        resource: {
          resourceType: 'Location',
          id: 'loc-elpaso',
          status: 'active',
          name: 'El Paso Office',
          // Seven digits in the 555 range, no area code: not a phone number.
          telecom: [
            { system: 'phone', value: '555-0100' },
            { system: 'url', value: 'ftp://elpaso.example.com' },
          ],
          address: { line: ['1 Mesa Street'], city: 'El Paso', state: 'TX', postalCode: '79901' },
        },
      },
      {
        resource: {
          resourceType: 'Practitioner',
          id: 'prac-tx',
          identifier: [{ system: NPI, value: '1003000126' }],
          name: [{ family: 'MCDONALD', given: ['JANE'] }],
          gender: 'female',
          telecom: [
            { system: 'phone', value: '512-555-0177 ext. 45' },
            { system: 'email', value: 'not an email' },
          ],
          qualification: [
            {
              identifier: [{ value: 'TX-Q1234' }],
              code: { text: 'Medical license' },
              issuer: { display: 'Texas Medical Board' },
              extension: [
                {
                  url: 'http://hl7.org/fhir/us/davinci-pdex-plan-net/StructureDefinition/practitioner-qualification',
                  extension: [{ url: 'whereValid', valueCodeableConcept: { coding: [{ system: 'https://www.usps.com/', code: 'TX' }] } }],
                },
              ],
            },
            { code: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0360', code: 'MD' }] } },
            { code: { coding: [{ system: NUCC, code: '208VP0014X' }] }, issuer: { display: 'American Board of Anesthesiology' } },
          ],
        },
      },
      {
        resource: {
          resourceType: 'PractitionerRole',
          id: 'role-tx',
          practitioner: { reference: 'Practitioner/prac-tx' },
          location: [{ reference: 'Location/loc-austin' }, { reference: 'Location/loc-elpaso' }],
          availableTime: [
            { daysOfWeek: ['mon', 'wed'], availableStartTime: '09:00:00', availableEndTime: '13:00:00' },
            { daysOfWeek: ['sat'], allDay: true },
          ],
        },
      },
    ],
  };
}

describe('imports keep what the directory shows', () => {
  let app: TestApp;
  let syncKey: { 'x-api-key': string };

  beforeAll(async () => {
    app = await startTestApp();
    syncKey = { 'x-api-key': (await new AccountsFactory(app).apiKey({ scopes: [Permission.PROVIDERS_SYNC] })).secret };
  });

  afterAll(() => app.close());

  it('imports a Texas office with its hours, zone, extension and contacts; a bad phone is a warning and the practitioner still syncs', async () => {
    const report = await sync(app, syncKey, { source: 'tx-directory', bundle: texasBundle() }, SYNC_FROM_FHIR);
    expect(report.locationCounts).toMatchObject({ received: 2, created: 2, failed: 0 });
    expect(report.counts).toMatchObject({ received: 1, created: 1, failed: 0 });
    const elPaso = byExternalId(report.locations, 'loc-elpaso');
    expect(elPaso.warnings).toEqual([
      { path: 'phone', value: '555-0100', message: expect.stringContaining('must be a valid phone number') },
      { path: 'website', value: 'ftp://elpaso.example.com', message: 'must be an absolute http or https URL; left out' },
    ]);
    expect(elPaso.errors).toEqual([]);

    const austin = (await app.graphql(LOCATION, { id: byExternalId(report.locations, 'loc-austin').locationId })).data.location;
    expect(austin).toMatchObject({
      timezone: 'America/Chicago',
      email: 'austin@clinic.example.com',
      website: 'https://clinic.example.com/austin',
      accessibilityNotes: 'Handicap accessible',
      locationTypes: ['PAINCL'],
      phone: { e164: '+15125550142', extension: '123' },
    });
    expect(austin.openingHours[0]).toEqual({ day: 'MONDAY', closed: false, intervals: [{ opens: '08:00', closes: '17:00' }] });
    expect(austin.openingHours[6]).toMatchObject({ day: 'SUNDAY', closed: true });
    // Monday 14:30 UTC is 08:30 in Austin (CST): open. New York's zone would say 09:30.
    expect(austin.openStatus).toEqual({ isOpen: true, localTime: '08:30', localDate: '2026-11-30' });

    // No hoursOfOperation: the office takes the role's availableTime (allDay is the whole day); El Paso is Mountain time.
    const elPasoOffice = (await app.graphql(LOCATION, { id: elPaso.locationId })).data.location;
    expect(elPasoOffice.timezone).toBe('America/Denver');
    expect(elPasoOffice.phone).toBeNull();
    expect(elPasoOffice.website).toBeNull();
    expect(elPasoOffice.openingHours[0]).toEqual({ day: 'MONDAY', closed: false, intervals: [{ opens: '09:00', closes: '13:00' }] });
    expect(elPasoOffice.openingHours[5]).toEqual({ day: 'SATURDAY', closed: false, intervals: [{ opens: '00:00', closes: '24:00' }] });
    expect(elPasoOffice.openStatus).toMatchObject({ isOpen: false, localTime: '07:30' });

    const practitioner = byExternalId(report.records, 'prac-tx');
    expect(practitioner.warnings).toEqual([{ path: 'email', value: 'not an email', message: 'must be an email address; left out' }]);
    expect((await app.graphql(PROVIDER_FACTS, { npi: '1003000126' })).data.provider).toMatchObject({
      gender: 'female',
      email: null,
      phone: { e164: '+15125550177', extension: '45' },
      licenses: [{ number: 'TX-Q1234', state: 'TX', issuer: 'Texas Medical Board' }],
    });
    expect((await app.graphql(PROVIDER, { npi: '1003000126' })).data.provider).toEqual({
      firstName: 'Jane',
      lastName: 'McDonald',
      boardCertifications: ['American Board of Anesthesiology: Interventional Pain Medicine'],
      locations: [{ name: 'Austin Office' }, { name: 'El Paso Office' }],
    });

    const again = await sync(app, syncKey, { source: 'tx-directory', bundle: texasBundle() }, SYNC_FROM_FHIR);
    expect(again.counts).toMatchObject({ unchanged: 1 });
    expect(again.locationCounts).toMatchObject({ unchanged: 2 });
  });

  it('derives the zone from the ZIP code when there are no coordinates (Kentucky spans two zones)', async () => {
    const report = await sync(app, syncKey, {
      source: 'ky-offices',
      records: [],
      locations: [
        { externalId: 'paducah', name: 'Paducah Office', city: 'Paducah', state: 'KY', postalCode: '42001' },
        { externalId: 'lexington', name: 'Lexington Office', city: 'Lexington', state: 'KY', postalCode: '40503' },
        { externalId: 'named', name: 'Named Zone', city: 'Lexington', state: 'KY', postalCode: '40503', timezone: 'america/new_york' },
      ],
    });
    const zones = await Promise.all(
      report.locations.map(async (result: any) => (await app.graphql(LOCATION, { id: result.locationId })).data.location.timezone),
    );
    expect(zones).toEqual(['America/Chicago', 'America/New_York', 'America/New_York']);
  });

  it('stores an NPPES all-caps name as people write it', async () => {
    const report = await sync(
      app,
      syncKey,
      {
        source: 'nppes',
        response: {
          result_count: 1,
          results: [
            {
              enumeration_type: 'NPI-1',
              number: '1122334455',
              basic: { first_name: 'ROBERT', last_name: 'VAN DER BERG', name_suffix: 'JR.', status: 'A' },
            },
          ],
        },
      },
      SYNC_FROM_NPPES,
    );
    expect(report.counts.created).toBe(1);
    expect(byExternalId(report.records, '1122334455').changes).toEqual(
      expect.arrayContaining([
        { field: 'lastName', oldValue: null, newValue: 'van der Berg' },
        { field: 'suffix', oldValue: null, newValue: 'Jr.' },
      ]),
    );
  });

  it('turns NPPES practice addresses into offices when asked, matched to existing ones by address, with gender, licenses and phones', async () => {
    // An office editors already have, written another way than the registry writes it.
    await sync(app, syncKey, {
      source: 'editor-import',
      records: [],
      locations: [
        { externalId: 'lex', name: 'Bluegrass Lexington', addressLine1: '1200 Example Parkway', city: 'Lexington', state: 'KY', postalCode: '40503' },
      ],
    });
    const response = (createOffices: boolean) => ({
      source: 'nppes-offices',
      createOffices,
      response: {
        result_count: 1,
        results: [
          {
            enumeration_type: 'NPI-1',
            number: 1234567893,
            basic: { first_name: 'ANGUS', last_name: 'MACDONALD', sex: 'M', status: 'A' },
            addresses: [
              { address_purpose: 'MAILING', address_1: 'PO BOX 12', city: 'LEXINGTON', state: 'KY', postal_code: '405030012' },
              {
                address_purpose: 'LOCATION',
                address_1: '1200 EXAMPLE PKWY',
                address_2: 'STE 300',
                city: 'LEXINGTON',
                state: 'KY',
                postal_code: '405031234',
                telephone_number: '859-555-0100',
                fax_number: '859-555-0101',
              },
            ],
            practiceLocations: [{ address_1: '900 BROADWAY', city: 'PADUCAH', state: 'KY', postal_code: '42001', telephone_number: '270-555-0190' }],
            taxonomies: [
              { code: '208VP0014X', primary: true, state: 'KY', license: '12345' },
              { code: '207L00000X', primary: false, state: 'KY', license: '12345' },
              { code: '207L00000X', primary: false, state: 'TN', license: 'MD-987' },
            ],
            identifiers: [{ code: '05', desc: 'MEDICAID', identifier: 'KY-55', state: 'KY' }],
          },
        ],
      },
    });

    const without = await sync(app, syncKey, { ...response(false), dryRun: true }, SYNC_FROM_NPPES);
    expect(without.warnings).toEqual([
      'results[0] (NPI 1234567893): 1 other identifier(s) not kept (MEDICAID KY KY-55)',
      'results[0] (NPI 1234567893): 2 practice address(es) and their phones not synced as offices; send createOffices: true to create or match them',
    ]);
    expect(without.locations).toEqual([]);

    const report = await sync(app, syncKey, response(true), SYNC_FROM_NPPES);
    expect(report.locationCounts).toMatchObject({ received: 2, created: 1, updated: 1, failed: 0 });
    const provider = (await app.graphql(PROVIDER_FACTS, { npi: '1234567893' })).data.provider;
    expect(provider).toMatchObject({
      firstName: 'Angus',
      lastName: 'MacDonald',
      gender: 'male',
      licenses: [
        { number: '12345', state: 'KY', issuer: null },
        { number: 'MD-987', state: 'TN', issuer: null },
      ],
    });
    // The Lexington office is the editors' one (its name kept), now with the registry's phones; Paducah is new, in Central time.
    expect(provider.locations).toEqual([
      {
        id: expect.any(String),
        name: 'Bluegrass Lexington',
        phone: { e164: '+18595550100' },
        fax: { e164: '+18595550101' },
        address: { line1: '1200 Example Pkwy', city: 'Lexington', state: 'KY', postalCode: '40503-1234' },
        timezone: 'America/New_York',
      },
      {
        id: expect.any(String),
        name: 'Paducah Office',
        phone: { e164: '+12705550190' },
        fax: null,
        address: { line1: '900 Broadway', city: 'Paducah', state: 'KY', postalCode: '42001' },
        timezone: 'America/Chicago',
      },
    ]);
    const again = await sync(app, syncKey, response(true), SYNC_FROM_NPPES);
    expect(again.locationCounts).toMatchObject({ unchanged: 2 });
    expect(again.counts).toMatchObject({ unchanged: 1 });
  });

  it('shows null, never a would-be id, for documents a dry run would create, in changes too', async () => {
    const report = await sync(app, syncKey, {
      source: 'dry-source',
      dryRun: true,
      locations: [{ externalId: 'new-office', name: 'New Office', city: 'Austin', state: 'TX', postalCode: '78701' }],
      records: [{ externalId: 'dry-1', firstName: 'Dana', lastName: 'Reyes', locations: [{ externalId: 'new-office' }] }],
    });
    expect(report.status).toBe('DRY_RUN');
    expect(report.locations[0]).toMatchObject({ outcome: 'CREATED', locationId: null });
    expect(report.records[0]).toMatchObject({ outcome: 'CREATED', providerId: null });
    expect(report.records[0].changes).toEqual(
      expect.arrayContaining([
        { field: 'locations', oldValue: [], newValue: [null] },
        { field: 'primaryLocation', oldValue: null, newValue: null },
      ]),
    );
    const { runId, ...rest } = report;
    expect(runId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(rest)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
  });
});
