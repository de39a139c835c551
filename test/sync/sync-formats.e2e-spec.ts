import { Permission } from '../../src/auth/permissions';
import { DocumentStatus } from '../../src/content/documents/document-status';
import { attemptSync, byExternalId, fixture, rowVersions, sync, SYNC_FROM_FHIR, SYNC_FROM_NPPES } from './sync-helpers';
import { type UsedTestApp, useTestApp } from '../support/use-test-app';

const NPI = 'http://hl7.org/fhir/sid/us-npi';
const NUCC = 'http://nucc.org/provider-taxonomy';
const NEW_PATIENTS = 'http://hl7.org/fhir/us/davinci-pdex-plan-net/StructureDefinition/newpatients';
const PROVIDER =
  'query($npi: String) { provider(npi: $npi) { prefix firstName middleName lastName suffix displayName credentials specialties { code } roles website languages acceptingNewPatients active locations { name } } }';

/**
 * Problems that make JSON invalid FHIR R4 whatever the resource: empty values (no nulls, empty
 * strings, arrays or objects), extensions without a url, contact points with a value but no system.
 */
function jsonProblems(value: unknown, path = ''): string[] {
  if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) return [`${path} is empty`];
  if (Array.isArray(value)) return value.flatMap((item, index) => jsonProblems(item, `${path}[${index}]`));
  if (typeof value !== 'object') return [];
  const object = value as Record<string, unknown>;
  if (Object.keys(object).length === 0) return [`${path} is an empty object`];
  const problems: string[] = [];
  if (path.endsWith('extension') || /extension\[\d+\]$/.test(path)) if (typeof object.url !== 'string') problems.push(`${path} has no url`);
  if (/telecom\[\d+\]$/.test(path) && object.value && !object.system) problems.push(`${path} has a value but no system`);
  return [...problems, ...Object.entries(object).flatMap(([key, item]) => jsonProblems(item, path ? `${path}.${key}` : key))];
}

/** An API key that may only sync providers, in `app`'s database. */
async function syncKeyOf(app: UsedTestApp): Promise<{ 'x-api-key': string }> {
  return { 'x-api-key': (await app.accounts.apiKey({ scopes: [Permission.PROVIDERS_SYNC] })).secret };
}

// Each describe runs on an app of its own, so that what one syncs never shows in another's reports or export.
describe('sync formats: FHIR R4 in and out, and NPPES', () => {
  const bundle = fixture('fhir-bundle.json');

  describe('a FHIR R4 Bundle', () => {
    const app = useTestApp();
    let syncKey: { 'x-api-key': string };

    beforeAll(async () => {
      syncKey = await syncKeyOf(app);
    });

    it('creates offices from its Locations and providers from its Practitioners and PractitionerRoles', async () => {
      const report = await sync(app, syncKey, { source: 'directory', bundle }, SYNC_FROM_FHIR);
      expect(report).toMatchObject({
        format: 'FHIR',
        status: 'APPLIED',
        counts: { received: 3, created: 3, failed: 0 },
        locationCounts: { received: 2, created: 2 },
      });
      expect(report.records.map((record: any) => record.sourceRef)).toEqual(['Practitioner/prac-1001', 'Practitioner/prac-1002', 'Practitioner/prac-1003']);
      expect(report.warnings).toEqual([
        'PractitionerRole/role-1003.code[0] (http://nucc.org/provider-taxonomy|363A00000X) is not a http://terminology.hl7.org/CodeSystem/practitioner-role code; left out',
        '1 Endpoint resource(s) skipped: only Practitioner, PractitionerRole, Location and Organization are read',
        '1 Organization resource(s) read but not synced: the practice is edited in the CMS',
      ]);
      expect(byExternalId(report.locations, 'loc-lex').changes).toEqual(
        expect.arrayContaining([
          { field: 'postalCode', oldValue: null, newValue: '40503-1234' },
          { field: 'phone', oldValue: null, newValue: '+18595550100' },
          { field: 'fax', oldValue: null, newValue: '+18595550101' },
          { field: 'website', oldValue: null, newValue: 'https://pain.example.com/offices/lexington' },
        ]),
      );
      expect((await app.graphql(PROVIDER, { npi: '1467209817' })).data.provider).toMatchObject({
        prefix: 'Dr.',
        displayName: 'Ruth Calloway, MD',
        languages: ['en', 'es'],
        acceptingNewPatients: true,
        specialties: [{ code: '207LP2900X' }, { code: '208VP0014X' }],
        roles: ['doctor'],
        website: 'https://pain.example.com/providers/ruth-calloway',
        locations: [{ name: 'Lexington Office' }, { name: 'Danville Office' }],
      });
      // A degree in the name's suffix is a credential; "existing patients only" is not accepting new ones.
      expect((await app.graphql(PROVIDER, { npi: '1578930244' })).data.provider).toMatchObject({
        middleName: 'T',
        suffix: null,
        credentials: ['DO'],
        acceptingNewPatients: false,
        roles: [],
      });
      // A role coded in another system is named in the warnings, not stored.
      expect((await app.graphql(PROVIDER, { npi: '1600123453' })).data.provider).toMatchObject({ credentials: ['PA-C'], languages: ['en', 'hi'], roles: [] });
    });

    it('is refused when it is not a Bundle', async () => {
      const refused = await attemptSync(app, syncKey, { source: 'directory', bundle: { resourceType: 'Practitioner' } }, SYNC_FROM_FHIR);
      expect(refused.errors?.[0].extensions.fields).toEqual([{ path: 'input.bundle', message: 'must be a FHIR Bundle (resourceType "Bundle")' }]);
    });
  });

  describe('GET /fhir/Bundle', () => {
    const app = useTestApp();
    let syncKey: { 'x-api-key': string };
    let exported: any;

    beforeAll(async () => {
      syncKey = await syncKeyOf(app);
      await sync(app, syncKey, { source: 'directory', bundle }, SYNC_FROM_FHIR);
      const factory = app.content;
      await factory.practice({
        name: 'Bluegrass Pain Associates',
        mainPhone: '+18595550199',
        website: 'https://pain.example.com',
        specialty: 'Interventional pain management',
      });
      await factory.provider({ firstName: 'Hidden', lastName: 'Draft', status: DocumentStatus.DRAFT, npi: '2109876542' });
      await factory.provider({ firstName: 'Former', lastName: 'Colleague', active: false });
      await factory.location({ name: 'Unpublished Office', status: DocumentStatus.DRAFT });
      const response = await app.http().get('/fhir/Bundle').expect(200);
      expect(response.headers['content-type']).toBe('application/fhir+json; charset=utf-8');
      exported = response.body;
    });

    const resources = (type: string) => exported.entry.map((entry: any) => entry.resource).filter((resource: any) => resource.resourceType === type);

    it('is a collection Bundle of the practice, its published offices and its published, active providers', () => {
      expect(exported).toMatchObject({ resourceType: 'Bundle', type: 'collection', timestamp: expect.any(String) });
      expect(exported.total).toBeUndefined();
      const names = (type: string) => resources(type).map((resource: any) => resource.name?.[0]?.family ?? resource.name);
      expect(names('Organization')).toEqual(['Bluegrass Pain Associates']);
      expect(names('Location')).toEqual(['Danville Office', 'Lexington Office']);
      expect(names('Practitioner')).toEqual(['Calloway', 'Okafor', 'Raman']);
      expect(resources('PractitionerRole')).toHaveLength(3);
    });

    it('is valid FHIR R4 JSON: absolute, unique fullUrls, no empty values, resolvable references, known code systems', () => {
      expect(jsonProblems(exported)).toEqual([]);
      const fullUrls = exported.entry.map((entry: any) => entry.fullUrl);
      expect(new Set(fullUrls).size).toBe(fullUrls.length);
      for (const entry of exported.entry)
        expect(entry.fullUrl).toBe(
          `http://127.0.0.1/fhir/${entry.resource.resourceType}/${entry.resource.id}`.replace('127.0.0.1', new URL(entry.fullUrl).host),
        );
      const ids = new Set(exported.entry.map((entry: any) => `${entry.resource.resourceType}/${entry.resource.id}`));
      const references = JSON.stringify(exported).match(/"reference":"[^"]+"/g) ?? [];
      expect(references.length).toBeGreaterThan(0);
      for (const reference of references) expect(ids).toContain(reference.slice(13, -1));

      const [organization] = resources('Organization');
      expect(organization).toMatchObject({
        active: true,
        type: [{ coding: [{ system: 'http://hl7.org/fhir/us/davinci-pdex-plan-net/CodeSystem/OrgTypeCS', code: 'prvgrp' }] }],
      });

      const lexington = resources('Location').find((location: any) => location.name === 'Lexington Office');
      expect(lexington).toMatchObject({
        status: 'active',
        type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'PAINCL' }] }],
        telecom: [
          { system: 'phone', value: '+18595550100', use: 'work' },
          { system: 'fax', value: '+18595550101', use: 'work' },
          { system: 'url', value: 'https://pain.example.com/offices/lexington', use: 'work' },
        ],
        address: { line: ['1200 Example Parkway', 'Suite 300'], city: 'Lexington', state: 'KY', postalCode: '40503-1234', country: 'US' },
        position: { longitude: -84.5165, latitude: 38.0203 },
        managingOrganization: { reference: `Organization/${organization.id}` },
        identifier: [{ system: 'urn:practice-cms:source:directory', value: 'loc-lex' }],
      });

      const ruth = resources('Practitioner').find((practitioner: any) => practitioner.name[0].family === 'Calloway');
      expect(ruth).toMatchObject({
        active: true,
        identifier: expect.arrayContaining([
          { use: 'official', system: NPI, value: '1467209817' },
          { system: 'urn:practice-cms:source:directory', value: 'prac-1001' },
        ]),
        name: [{ use: 'official', text: 'Ruth Calloway, MD', family: 'Calloway', given: ['Ruth'], prefix: ['Dr.'] }],
        telecom: [{ system: 'url', value: 'https://pain.example.com/providers/ruth-calloway', use: 'work' }],
        qualification: [
          { code: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0360', code: 'MD', display: 'Doctor of Medicine' }], text: 'MD' } },
        ],
        communication: [{ coding: [{ system: 'urn:ietf:bcp:47', code: 'en' }] }, { coding: [{ system: 'urn:ietf:bcp:47', code: 'es' }] }],
      });

      const role = resources('PractitionerRole').find((candidate: any) => candidate.practitioner.reference === `Practitioner/${ruth.id}`);
      expect(role).toMatchObject({
        active: true,
        organization: { reference: `Organization/${organization.id}` },
        code: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/practitioner-role', code: 'doctor', display: 'Doctor' }] }],
        specialty: [
          { coding: [{ system: NUCC, code: '207LP2900X', display: 'Anesthesiology, Pain Medicine' }] },
          { coding: [{ system: NUCC, code: '208VP0014X', display: 'Interventional Pain Medicine' }] },
        ],
        telecom: [{ system: 'phone', value: '+18595550100', use: 'work' }],
        extension: [{ url: NEW_PATIENTS, extension: [{ url: 'acceptingPatients', valueCodeableConcept: { coding: [{ code: 'newpt' }] } }] }],
      });
      expect(role.location.map((location: any) => location.display)).toEqual(['Lexington Office', 'Danville Office']);
      for (const practitionerRole of resources('PractitionerRole')) expect(practitionerRole.telecom?.length ?? 0).toBeGreaterThan(0);
    });

    it('imports back under the same source without changing or writing anything', async () => {
      const before = await rowVersions(app);
      const report = await sync(app, syncKey, { source: 'directory', bundle: exported }, SYNC_FROM_FHIR);
      expect(report.counts).toMatchObject({ received: 3, unchanged: 3 });
      expect(report.records.map((record: any) => [record.externalId, record.outcome, record.changes])).toEqual([
        ['prac-1001', 'UNCHANGED', []],
        ['prac-1002', 'UNCHANGED', []],
        ['prac-1003', 'UNCHANGED', []],
      ]);
      expect(report.locationCounts).toMatchObject({ received: 2, unchanged: 2, created: 0, updated: 0 });
      expect(await rowVersions(app)).toEqual(before);
    });
  });

  describe('an NPI registry response, synced with a key that only has providers:sync', () => {
    // A fresh app per test: each starts with none of the registry's providers.
    const app = useTestApp({}, { eachTest: true });
    let syncKey: { 'x-api-key': string };
    const response = fixture('nppes-response.json');

    beforeEach(async () => {
      syncKey = await syncKeyOf(app);
    });

    it('is previewed by a dry run that writes nothing', async () => {
      const before = await rowVersions(app);
      const report = await sync(app, syncKey, { source: 'nppes', dryRun: true, response }, SYNC_FROM_NPPES);
      expect(report).toMatchObject({ format: 'NPPES', status: 'DRY_RUN', counts: { received: 3, created: 3, failed: 0 } });
      // Their practice addresses are not silently dropped: without createOffices they are named in the warnings.
      expect(report.warnings).toEqual([
        'results[0] (NPI 1711223341): 1 practice address(es) and their phones not synced as offices; send createOffices: true to create or match them',
        'results[1] (NPI 1888990011): 1 practice address(es) and their phones not synced as offices; send createOffices: true to create or match them',
        'results[3] (NPI 1512349873) is an organization; skipped',
      ]);
      expect(report.records.map((record: any) => [record.sourceRef, record.externalId, record.outcome])).toEqual([
        ['results[0]', '1711223341', 'CREATED'],
        ['results[1]', '1888990011', 'CREATED'],
        ['results[2]', '1928374655', 'CREATED'],
      ]);
      expect(await rowVersions(app)).toEqual(before);
    });

    it('creates providers with title-cased names, plain credentials and the primary taxonomy first', async () => {
      const report = await sync(app, syncKey, { source: 'nppes', response }, SYNC_FROM_NPPES);
      expect(report.counts).toEqual({ received: 3, created: 3, updated: 0, unchanged: 0, deactivated: 0, failed: 0 });
      expect((await app.graphql(PROVIDER, { npi: '1711223341' })).data.provider).toMatchObject({
        prefix: 'Dr.',
        firstName: 'Margaret',
        middleName: 'Ann',
        lastName: "O'Donnell-Hayes",
        suffix: null,
        credentials: ['MD'],
        displayName: "Margaret Ann O'Donnell-Hayes, MD",
        specialties: [{ code: '208VP0014X' }, { code: '207L00000X' }],
        active: true,
      });
      expect((await app.graphql(PROVIDER, { npi: '1888990011' })).data.provider).toMatchObject({
        displayName: 'James Whitlock Jr., DO',
        specialties: [{ code: '2081P2900X' }],
      });
      expect((await app.graphql(PROVIDER, { npi: '1928374655' })).data.provider).toMatchObject({ middleName: null, credentials: ['APRN', 'FNP-C'] });
    });

    it('reports everything unchanged the second time, without writing a row', async () => {
      await sync(app, syncKey, { source: 'nppes', response }, SYNC_FROM_NPPES);
      const before = await rowVersions(app);
      const report = await sync(app, syncKey, { source: 'nppes', response }, SYNC_FROM_NPPES);
      expect(report.counts).toMatchObject({ received: 3, unchanged: 3 });
      expect(await rowVersions(app)).toEqual(before);
    });

    it('leaves the key unable to edit content', async () => {
      const treatment = await app.graphql('mutation { createTreatment(input: { title: "Nerve Blocks" }) { id } }', {}, syncKey);
      expect(treatment.errors?.[0].extensions.code).toBe('FORBIDDEN');
    });

    it('is refused when it is not a registry response', async () => {
      const refused = await attemptSync(
        app,
        syncKey,
        { source: 'nppes', response: { Errors: [{ description: 'No valid search criteria provided' }] } },
        SYNC_FROM_NPPES,
      );
      expect(refused.errors?.[0].extensions.fields).toEqual([{ path: 'input.response', message: 'is an NPPES error response, not results' }]);
    });
  });
});
