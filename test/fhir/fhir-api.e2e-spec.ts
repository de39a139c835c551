import { ContentFactory } from '../factories/content.factory';
import { startTestApp, type TestApp } from '../support/test-app';

const NPI = 'http://hl7.org/fhir/sid/us-npi';
const NUCC = 'http://nucc.org/provider-taxonomy';
const DEGREE = 'http://terminology.hl7.org/CodeSystem/v2-0360';
const CREDENTIALING_URI = 'https://example.org/fhir/sid/credentialing';

/** The path and query of an absolute URL the API handed out, to request it from the test app. */
const pathOf = (url: string) => {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
};

describe('FHIR read API', () => {
  let app: TestApp;
  let painClinic: { id: string };
  let quietOffice: { id: string };

  beforeAll(async () => {
    app = await startTestApp({ FHIR_IDENTIFIER_SYSTEMS: `credentialing=${CREDENTIALING_URI}` });
    const factory = new ContentFactory(app.dataSource);
    await factory.practice({
      name: 'Bluegrass Pain Associates',
      npi: '1122334455',
      mainPhone: '+18595550199',
      website: 'https://pain.example.com',
      specialty: 'Pain',
    });
    const lexington = await factory.location({
      name: 'Lexington Office',
      addressLine1: '1200 Example Parkway',
      postalCode: '40503',
      phone: '+18595550100;ext=123',
      openingHours: [
        { day: 'MONDAY', opens: '08:00', closes: '17:00' },
        { day: 'TUESDAY', opens: '08:00', closes: '17:00' },
        { day: 'SATURDAY', opens: '00:00', closes: '24:00' },
      ],
      hoursExceptions: [
        { date: '2099-12-25', closed: true, intervals: [], note: 'Christmas Day' },
        { date: '2000-01-01', closed: true, intervals: [], note: 'Long ago' },
      ],
    });
    painClinic = lexington;
    quietOffice = await factory.location({ name: 'Quiet Office', city: 'Paducah', phone: null });
    const credentials = [['MD'], ['M.D.', 'PhD'], ['PA-C'], ['DO'], ['NP']];
    for (let index = 0; index < 25; index++) {
      const provider = await factory.provider({
        firstName: index === 0 ? 'Élodie' : `Casey${index}`,
        lastName: index === 0 ? 'Van der Berg' : `Provider${String(index).padStart(2, '0')}`,
        npi: index === 0 ? '1245319599' : null,
        credentials: credentials[index % credentials.length],
        specialties: index % 2 === 0 ? ['208VP0014X'] : ['207L00000X'],
      });
      await factory.providerLocations(provider, index === 1 ? [quietOffice as never] : [lexington]);
      if (index === 0) await factory.externalId(provider, 'credentialing', 'CRD-1');
      if (index === 1) await factory.externalId(provider, 'ehr', 'EHR-2');
    }
  });

  afterAll(() => app.close());

  const get = (path: string, accept = 'application/fhir+json') => app.http().get(path).set('accept', accept);

  it('describes itself in a CapabilityStatement: read and search on each type, with the parameters it evaluates', async () => {
    const response = await get('/fhir/metadata').expect(200);
    expect(response.headers['content-type']).toBe('application/fhir+json; charset=utf-8');
    const statement = response.body;
    expect(statement).toMatchObject({ resourceType: 'CapabilityStatement', status: 'active', kind: 'instance', fhirVersion: '4.0.1', format: ['json'] });
    const resources = statement.rest[0].resource;
    expect(resources.map((resource: any) => resource.type)).toEqual(['Practitioner', 'PractitionerRole', 'Location', 'Organization']);
    for (const resource of resources) expect(resource.interaction).toEqual([{ code: 'read' }, { code: 'search-type' }]);
    const parameters = (type: string) => resources.find((resource: any) => resource.type === type).searchParam.map((parameter: any) => parameter.name);
    expect(parameters('Practitioner')).toEqual(['_id', '_lastUpdated', '_count', 'page', 'identifier', 'name']);
    expect(parameters('PractitionerRole')).toEqual(expect.arrayContaining(['location', 'specialty', 'practitioner']));
    expect(parameters('Location')).toEqual(expect.arrayContaining(['identifier', 'name', 'address-state']));
  });

  it('resolves every fullUrl of the Bundle to the same resource', async () => {
    const bundle = (await get('/fhir/Bundle').expect(200)).body;
    expect(bundle.entry.length).toBe(1 + 2 + 25 * 2);
    for (const entry of bundle.entry) {
      const response = await get(pathOf(entry.fullUrl)).expect(200);
      expect(response.headers['content-type']).toBe('application/fhir+json; charset=utf-8');
      expect(response.body).toEqual(entry.resource);
    }
  });

  it('pages a search with _count and next links that give every match once', async () => {
    const first = (await get('/fhir/Practitioner?_count=10').expect(200)).body;
    expect(first).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 25 });
    expect(first.entry).toHaveLength(10);
    expect(first.link.find((link: any) => link.relation === 'self').url).toMatch(/\/fhir\/Practitioner\?_count=10&page=1$/);
    const seen = new Set<string>();
    let page = first;
    let pages = 0;
    while (page) {
      pages++;
      for (const entry of page.entry) {
        expect(entry.search).toEqual({ mode: 'match' });
        expect(entry.fullUrl.endsWith(`/fhir/Practitioner/${entry.resource.id}`)).toBe(true);
        seen.add(entry.resource.id);
      }
      const next = page.link.find((link: any) => link.relation === 'next');
      page = next ? (await get(pathOf(next.url)).expect(200)).body : null;
    }
    expect(pages).toBe(3);
    expect(seen.size).toBe(25);
  });

  it('searches by NPI, name, location, specialty and _lastUpdated', async () => {
    const ids = async (path: string) => (await get(path).expect(200)).body.entry.map((entry: any) => entry.resource);
    expect((await ids(`/fhir/Practitioner?identifier=${encodeURIComponent(`${NPI}|1245319599`)}`)).map((resource: any) => resource.name[0].family)).toEqual([
      'Van der Berg',
    ]);
    expect(await ids('/fhir/Practitioner?identifier=1245319599')).toHaveLength(1);
    expect(await ids(`/fhir/Practitioner?identifier=${encodeURIComponent(`${CREDENTIALING_URI}|CRD-1`)}`)).toHaveLength(1);
    expect(await ids('/fhir/Practitioner?name=elodie')).toHaveLength(1);
    expect(await ids('/fhir/Practitioner?name=berg')).toHaveLength(1);
    expect(await ids(`/fhir/PractitionerRole?location=Location/${quietOffice.id}`)).toHaveLength(1);
    expect((await get(`/fhir/PractitionerRole?specialty=${encodeURIComponent(`${NUCC}|207L00000X`)}&_count=100`).expect(200)).body.total).toBe(12);
    expect((await get('/fhir/Location?address-state=KY').expect(200)).body.total).toBe(2);
    expect((await get('/fhir/Practitioner?_lastUpdated=gt2999-01-01').expect(200)).body.total).toBe(0);
    expect((await get('/fhir/Practitioner?_lastUpdated=ge2000-01-01').expect(200)).body.total).toBe(25);
  });

  it('exports identifiers under URIs, degree codings whatever the punctuation, allDay hours and holidays', async () => {
    const bundle = (await get('/fhir/Bundle').expect(200)).body;
    const resources = (type: string) => bundle.entry.map((entry: any) => entry.resource).filter((resource: any) => resource.resourceType === type);
    for (const resource of bundle.entry.map((entry: any) => entry.resource))
      for (const identifier of resource.identifier ?? []) expect(identifier.system).toMatch(/^(https?:\/\/|urn:)/);
    const elodie = resources('Practitioner').find((practitioner: any) => practitioner.name[0].family === 'Van der Berg');
    expect(elodie.identifier).toEqual([
      { use: 'official', system: NPI, value: '1245319599' },
      { system: CREDENTIALING_URI, value: 'CRD-1' },
    ]);
    const casey1 = resources('Practitioner').find((practitioner: any) => practitioner.name[0].family === 'Provider01');
    expect(casey1.identifier).toEqual([{ system: 'urn:practice-cms:source:ehr', value: 'EHR-2' }]);
    expect(casey1.qualification).toEqual([
      { code: { coding: [{ system: DEGREE, code: 'MD', display: 'Doctor of Medicine' }], text: 'M.D.' } },
      { code: { coding: [{ system: DEGREE, code: 'PHD', display: 'Doctor of Philosophy' }], text: 'PhD' } },
    ]);
    const casey2 = resources('Practitioner').find((practitioner: any) => practitioner.name[0].family === 'Provider02');
    expect(casey2.qualification[0].code.coding).toEqual([{ system: DEGREE, code: 'PA', display: 'Physician Assistant' }]);

    const office = resources('Location').find((location: any) => location.id === painClinic.id);
    expect(office.hoursOfOperation).toEqual([
      { daysOfWeek: ['mon', 'tue'], openingTime: '08:00:00', closingTime: '17:00:00' },
      { daysOfWeek: ['sat'], allDay: true },
    ]);
    expect(office.availabilityExceptions).toBe('Closed 2099-12-25 (Christmas Day)');
    const role = resources('PractitionerRole').find((candidate: any) => candidate.id === elodie.id);
    expect(role.notAvailable).toEqual([{ description: 'Lexington Office closed: Christmas Day', during: { start: '2099-12-25', end: '2099-12-25' } }]);

    const [organization] = resources('Organization');
    expect(organization.identifier).toEqual([{ use: 'official', system: NPI, value: '1122334455' }]);
    expect((await get(`/fhir/Organization?identifier=${encodeURIComponent(`${NPI}|1122334455`)}`).expect(200)).body.total).toBe(1);
    expect(organization.telecom).toEqual([
      { system: 'phone', value: '+18595550199', use: 'work' },
      { system: 'url', value: 'https://pain.example.com', use: 'work' },
    ]);
    expect(organization.address.map((address: any) => address.city)).toEqual(['Lexington', 'Paducah']);
    // Plan-Net pd-1: every role has telecom or an endpoint; the role at the office without a phone falls back to the practice's.
    for (const practitionerRole of resources('PractitionerRole')) expect(practitionerRole.telecom?.length ?? 0).toBeGreaterThan(0);
    const quietRole = resources('PractitionerRole').find((candidate: any) => candidate.location[0].reference === `Location/${quietOffice.id}`);
    expect(quietRole.telecom).toEqual([{ system: 'phone', value: '+18595550199', use: 'work' }]);
  });

  it('answers errors as OperationOutcomes with the right status, kept by no cache', async () => {
    const outcome = async (path: string, status: number, code: string, accept?: string) => {
      const response = await get(path, accept).expect(status);
      expect(response.headers['content-type']).toBe('application/fhir+json; charset=utf-8');
      expect(response.headers['cache-control']).toBe('private, no-store');
      expect(response.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code }] });
      return response.body.issue[0].diagnostics as string;
    };
    expect(await outcome('/fhir/Practitioner/00000000-0000-4000-8000-000000000000', 404, 'not-found')).toContain('not in the public directory');
    expect(await outcome('/fhir/Patient/1', 404, 'not-supported')).toContain('Practitioner, PractitionerRole, Location, Organization');
    expect(await outcome('/fhir/Patient', 404, 'not-supported')).toContain('not served');
    expect(await outcome('/fhir/Practitioner?gender=female', 400, 'not-supported')).toContain('no search parameter "gender"');
    expect(await outcome('/fhir/Practitioner?_lastUpdated=yesterday', 400, 'invalid')).toContain('_lastUpdated');
    expect(await outcome('/fhir/Practitioner?page=0', 400, 'invalid')).toContain('page');
    expect(await outcome('/fhir/Practitioner/not%20an%20id', 400, 'invalid')).toContain('not a FHIR id');
    // A client past a limit gets a clear refusal, not a silently shortened page.
    expect(await outcome('/fhir/Practitioner?_count=1000', 400, 'too-costly')).toBe(
      '_count: 1000 is more than this server allows (100); ask for smaller pages',
    );
    expect(await outcome('/fhir/metadata', 406, 'not-supported', 'application/fhir+xml')).toContain('JSON only');
    expect(await outcome('/fhir/Practitioner?_format=xml', 406, 'not-supported')).toContain('JSON only');
    await get('/fhir/metadata?_format=json', 'application/fhir+xml').expect(200);
  });

  it('serves public reads with the public cache policy', async () => {
    const response = await get(`/fhir/Location/${painClinic.id}`).expect(200);
    expect(response.headers['cache-control']).toMatch(/^public, max-age=\d+/);
    expect(response.headers['last-modified']).toBeDefined();
  });
});

describe('FHIR read API limits', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ RATE_LIMIT_ANONYMOUS_PER_MINUTE: '3' });
  });

  afterAll(() => app.close());

  it('refuses a client past its request budget on the new routes too', async () => {
    for (let index = 0; index < 3; index++) await app.http().get('/fhir/metadata').expect(200);
    const refused = await app.http().get('/fhir/Practitioner').expect(429);
    expect(refused.headers['retry-after']).toBeDefined();
    expect(refused.headers['content-type']).toContain('application/fhir+json');
    expect(refused.headers['cache-control']).toBe('private, no-store');
    // As the FHIR clients read every error: an OperationOutcome.
    expect(refused.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'throttled' }] });
    expect(refused.body.issue[0].diagnostics).toContain('Too many requests');
  });

  it('answers a request past REQUEST_TIMEOUT_MS with an OperationOutcome (timeout) too', async () => {
    const slow = await startTestApp({ REQUEST_TIMEOUT_MS: '1', DB_STATEMENT_TIMEOUT_MS: '0' });
    try {
      // Holding the table lock keeps the Bundle's read waiting until the request timer fires.
      const runner = slow.dataSource.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      await runner.query('LOCK TABLE providers IN ACCESS EXCLUSIVE MODE');
      const answer = await slow.http().get('/fhir/Bundle');
      await runner.rollbackTransaction();
      await runner.release();
      expect(answer.status).toBe(503);
      expect(answer.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'timeout' }] });
    } finally {
      await slow.close();
    }
  });
});
