import JSONSchemaValidator from '@asymmetrik/fhir-json-schema-validator';
import { Fhir } from 'fhir';
import { readFileSync } from 'node:fs';
import { ContentFactory } from '../factories/content.factory';
import { startTestApp, type TestApp } from '../support/test-app';

const NPI = 'http://hl7.org/fhir/sid/us-npi';
const NUCC = 'http://nucc.org/provider-taxonomy';

/**
 * The official FHIR R4 JSON schema the package ships. It is the 4.0.0 edition: the R4 technical
 * correction (4.0.1, the version R4 servers declare) changed no structure, only added its own
 * number to the FHIRVersion codes, which is added here the same way.
 */
function r4Schema(): object {
  const json = JSON.parse(readFileSync(require.resolve('@asymmetrik/fhir-json-schema-validator/fhir.schema.json'), 'utf8'));
  const addTechnicalCorrection = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const object = node as Record<string, unknown>;
    if (Array.isArray(object.enum) && object.enum.includes('4.0.0') && !object.enum.includes('4.0.1')) object.enum.push('4.0.1');
    Object.values(object).forEach(addTechnicalCorrection);
  };
  addTechnicalCorrection(json);
  return json;
}

/**
 * Every resource the API hands out, validated three ways: the official FHIR R4 JSON schema, FHIR.js
 * (structure, cardinality and value sets of the core spec), and the Plan-Net rules the design
 * reuses, checked by hand (FHIR validators do not know them).
 */
describe('FHIR export validity', () => {
  let app: TestApp;
  const schema = new JSONSchemaValidator(r4Schema());
  const fhirJs = new Fhir();

  function problems(resource: any): string[] {
    const schemaErrors = schema.validate(resource).map((error) => (typeof error === 'string' ? error : `${error.dataPath} ${error.message}`));
    const fhirJsErrors = fhirJs
      .validate(resource, { errorOnUnexpected: true })
      .messages.filter((message) => message.severity === 'error')
      .map((message) => `${message.location}: ${message.message}`);
    return [...schemaErrors.map((error) => `schema: ${error}`), ...fhirJsErrors.map((error) => `FHIR.js: ${error}`)];
  }

  beforeAll(async () => {
    app = await startTestApp({ FHIR_IDENTIFIER_SYSTEMS: 'credentialing=https://example.org/fhir/sid/credentialing' });
    const factory = new ContentFactory(app.dataSource);
    await factory.practice({ name: 'Bluegrass Pain Associates', mainPhone: '+18595550199', website: 'https://pain.example.com', specialty: 'Pain' });
    const office = await factory.location({
      name: 'Lexington Office',
      addressLine1: '1200 Example Parkway',
      addressLine2: 'Suite 300',
      postalCode: '40503-1234',
      latitude: 38.0203,
      longitude: -84.5165,
      phone: '+18595550100;ext=123',
      fax: '+18595550101',
      email: 'lexington@pain.example.com',
      openingHours: [
        { day: 'MONDAY', opens: '08:00', closes: '12:00' },
        { day: 'MONDAY', opens: '13:00', closes: '17:00' },
        { day: 'SATURDAY', opens: '00:00', closes: '24:00' },
      ],
      hoursExceptions: [{ date: '2099-12-25', closed: true, intervals: [], note: 'Christmas Day' }],
    });
    const bare = await factory.location({ name: 'Bare Office', phone: null });
    const shapes = [
      { credentials: ['MD', 'PhD'], gender: 'female', phone: '+18595550177;ext=45', email: 'ruth@pain.example.com' },
      { credentials: ['M.D.'], licenses: [{ number: 'KY-1234', state: 'KY', issuer: 'Kentucky Board of Medical Licensure' }] },
      { credentials: ['PA-C'], languages: ['en', 'zh-Hans'], acceptingNewPatients: false },
      { credentials: [], prefix: 'Dr.', middleName: 'T', suffix: 'Jr.', npi: '1245319599', specialties: ['208VP0014X', '207LP2900X'] },
    ];
    for (const [index, shape] of shapes.entries()) {
      const provider = await factory.provider({ firstName: `Casey${index}`, lastName: `Shape${index}`, specialties: ['207L00000X'], ...shape } as never);
      await factory.providerLocations(provider, index === 2 ? [bare] : [office, bare]);
      if (index === 0) await factory.externalId(provider, 'credentialing', 'CRD-1');
    }
  });

  afterAll(() => app.close());

  const get = async (path: string) => (await app.http().get(path).set('accept', 'application/fhir+json').expect(200)).body;

  it('hands out only resources valid against the FHIR R4 JSON schema and FHIR.js', async () => {
    const documents = [
      await get('/fhir/Bundle'),
      await get('/fhir/metadata'),
      ...(await Promise.all(['Practitioner', 'PractitionerRole', 'Location', 'Organization'].map((type) => get(`/fhir/${type}?_count=2`)))),
    ];
    const bundle = documents[0];
    for (const entry of bundle.entry) documents.push(await get(new URL(entry.fullUrl).pathname));
    const outcome = (await app.http().get('/fhir/Practitioner/unknown-id').expect(404)).body;
    documents.push(outcome);
    expect(documents.length).toBeGreaterThan(15);
    for (const document of documents)
      expect({ resource: `${document.resourceType}/${document.id ?? ''}`, problems: problems(document) }).toEqual({
        resource: `${document.resourceType}/${document.id ?? ''}`,
        problems: [],
      });
  });

  it('catches what it should: the validators are not asleep', () => {
    expect(problems({ resourceType: 'Location', status: 'open', hoursOfOperation: [{ daysOfWeek: ['monday'] }] }).length).toBeGreaterThan(0);
    expect(problems({ resourceType: 'Practitioner', name: [{ family: ['not', 'a', 'string'] }] }).length).toBeGreaterThan(0);
  });

  it('keeps the Plan-Net rules the design lists', async () => {
    const bundle = await get('/fhir/Bundle');
    const resources = bundle.entry.map((entry: any) => entry.resource);
    const ofType = (type: string) => resources.filter((resource: any) => resource.resourceType === type);
    const ids = new Set(resources.map((resource: any) => `${resource.resourceType}/${resource.id}`));
    // References resolve inside the directory.
    for (const reference of JSON.stringify(bundle).match(/"reference":"[^"]+"/g) ?? []) expect(ids).toContain(reference.slice(13, -1));
    // pd-1: a PractitionerRole has telecom or an endpoint.
    for (const role of ofType('PractitionerRole')) expect((role.telecom?.length ?? 0) + (role.endpoint?.length ?? 0)).toBeGreaterThan(0);
    for (const role of ofType('PractitionerRole'))
      for (const specialty of role.specialty ?? [])
        expect(specialty.coding[0]).toMatchObject({ system: NUCC, code: expect.stringMatching(/^[0-9]{3}[0-9A-Z]{6}X$/) });
    for (const practitioner of ofType('Practitioner')) {
      for (const identifier of practitioner.identifier ?? []) expect(identifier.system).toMatch(/^(https?:\/\/|urn:)/);
      for (const communication of practitioner.communication ?? []) expect(communication.coding[0].system).toBe('urn:ietf:bcp:47');
      expect(practitioner.name[0].family).toBeTruthy();
    }
    const npis = ofType('Practitioner')
      .flatMap((practitioner: any) => practitioner.identifier ?? [])
      .filter((identifier: any) => identifier.system === NPI);
    expect(npis).toEqual([{ use: 'official', system: NPI, value: '1245319599' }]);
    for (const location of ofType('Location')) {
      expect(location.status).toBe('active');
      for (const hours of location.hoursOfOperation ?? []) {
        if (hours.allDay) expect(hours.openingTime ?? hours.closingTime).toBeUndefined();
        else expect(hours.openingTime < hours.closingTime).toBe(true);
      }
    }
    const [organization] = ofType('Organization');
    expect(organization.type[0].coding[0].code).toBe('prvgrp');
    expect(organization.address.length).toBeGreaterThan(0);
    expect(organization.telecom.length).toBeGreaterThan(0);
  });
});
