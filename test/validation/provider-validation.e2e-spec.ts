import { Role } from '../../src/auth/permissions';
import { dataOf } from '../common/expectations';
import { type SignedInUser } from '../factories/accounts.factory';
import { expectFieldErrors } from './field-errors';
import { useTestApp } from '../support/use-test-app';

const PROVIDER_FIELDS = `id slug version firstName lastName displayName credentials npi languages practiceStartYear bookingUrl acceptingNewPatients active
  specialties { code name } education { kind institution degree field graduationYear }
  locations { slug } primaryLocation { slug }`;

const CREATE = `mutation($input: CreateProviderInput!) { createProvider(input: $input) { ${PROVIDER_FIELDS} } }`;
const UPDATE = `mutation($input: UpdateProviderInput!) { updateProvider(input: $input) { ${PROVIDER_FIELDS} } }`;
const PUBLISH = `mutation($input: DocumentVersionInput!) { publishProvider(input: $input) { version } }`;

describe('provider input validation', () => {
  const app = useTestApp();
  let editor: SignedInUser;
  let counter = 0;

  beforeAll(async () => {
    editor = await app.accounts.signedIn(Role.EDITOR);
    for (const [name, city] of [
      ['Lexington Office', 'Lexington'],
      ['Cynthiana Office', 'Cynthiana'],
      ['Danville Office', 'Danville'],
    ]) {
      dataOf(
        await asEditor(`mutation($input: CreateLocationInput!) { createLocation(input: $input) { id } }`, { input: { name, address: { city, state: 'KY' } } }),
      );
    }
  });

  const asEditor = (query: string, variables?: Record<string, unknown>) => app.graphql(query, variables, editor.headers);
  const create = (overrides: Record<string, unknown> = {}) => asEditor(CREATE, { input: { firstName: 'Pat', lastName: `Example${++counter}`, ...overrides } });

  it('creates a complete provider with its main office', async () => {
    const response = await create({
      prefix: 'Dr.',
      firstName: 'Anjum',
      lastName: 'Bux',
      credentials: ['MD'],
      title: 'Medical Director',
      npi: '1234567893',
      specialties: ['208VP0014X', '207L00000X'],
      boardCertifications: ['American Board of Anesthesiology'],
      education: [
        { kind: 'MEDICAL_SCHOOL', institution: 'University of Kentucky College of Medicine', degree: 'MD', graduationYear: 1998 },
        { kind: 'FELLOWSHIP', institution: 'Example University Hospital', field: 'Pain Medicine', graduationYear: 2003 },
      ],
      practiceStartYear: 2003,
      languages: ['en', 'es', 'zh-Hans'],
      bio: 'Dr. Bux has treated chronic pain for over twenty years.',
      acceptingNewPatients: true,
      bookingUrl: 'https://example.com/book/bux',
      locations: [{ slug: 'lexington-office' }, { slug: 'cynthiana-office' }],
      primaryLocation: { slug: 'cynthiana-office' },
    });
    expect(dataOf(response).createProvider).toMatchObject({
      slug: 'anjum-bux',
      displayName: 'Anjum Bux, MD',
      npi: '1234567893',
      specialties: [
        { code: '208VP0014X', name: 'Interventional Pain Medicine' },
        { code: '207L00000X', name: 'Anesthesiology' },
      ],
      education: [
        { kind: 'MEDICAL_SCHOOL', institution: 'University of Kentucky College of Medicine', degree: 'MD', field: null, graduationYear: 1998 },
        { kind: 'FELLOWSHIP', institution: 'Example University Hospital', degree: null, field: 'Pain Medicine', graduationYear: 2003 },
      ],
      languages: ['en', 'es', 'zh-Hans'],
      primaryLocation: { slug: 'cynthiana-office' },
    });
    expect(response.data.createProvider.locations.map((location: any) => location.slug).sort()).toEqual(['cynthiana-office', 'lexington-office']);
  });

  it('makes the first location the main office when none is named', async () => {
    const provider = dataOf(await create({ locations: [{ slug: 'danville-office' }, { slug: 'lexington-office' }] })).createProvider;
    expect(provider.primaryLocation).toEqual({ slug: 'danville-office' });
  });

  describe('NPI', () => {
    it.each(['1234567890', '1245319590', '1111111111', '9941339100', '123456789', 'ABCDEFGHIJ'])('refuses %p', async (npi) => {
      expectFieldErrors(await create({ npi }), { 'input.npi': 'must be a valid NPI: 10 digits starting with 1 or 2, with a correct check digit' });
    });

    it.each(['1245319599', '1122334455'])('accepts %s', async (npi) => {
      expect(dataOf(await create({ npi })).createProvider.npi).toBe(npi);
    });

    it('refuses an NPI that another provider has, naming the field', async () => {
      dataOf(await create({ npi: '1987654328' }));
      expectFieldErrors(await create({ npi: '1987654328' }), { 'input.npi': '"1987654328" is already used by Provider "' });
    });

    it('lets a provider keep its own NPI and refuses taking another one on update', async () => {
      const provider = dataOf(await create({ npi: '1003000126' })).createProvider;
      dataOf(await create({ npi: '1555555550' }));
      const kept = dataOf(await asEditor(UPDATE, { input: { id: provider.id, version: 1, npi: '1003000126', title: 'Physician' } })).updateProvider;
      expectFieldErrors(await asEditor(UPDATE, { input: { id: provider.id, version: kept.version, npi: '1555555550' } }), {
        'input.npi': '"1555555550" is already used by Provider "',
      });
    });

    it('counts an NPI held in the pending draft of a published provider', async () => {
      const provider = dataOf(await create()).createProvider;
      const published = dataOf(await asEditor(PUBLISH, { input: { id: provider.id, version: 1 } })).publishProvider;
      dataOf(await asEditor(UPDATE, { input: { id: provider.id, version: published.version, npi: '1356793384' } }));
      expectFieldErrors(await create({ npi: '1356793384' }), { 'input.npi': /^"1356793384" is already used by Provider ".+" \(in its pending draft\)$/ });
    });
  });

  describe('codes and tags', () => {
    it('refuses specialties that are not NUCC taxonomy codes', async () => {
      expectFieldErrors(await create({ specialties: ['208VP0014X', '208VP0014'] }), { 'input.specialties': 'must be a NUCC taxonomy code such as 208VP0014X' });
      expectFieldErrors(await create({ specialties: ['pain medicine'] }), { 'input.specialties': 'NUCC taxonomy code' });
    });

    it.each(['english', 'en_US', 'e', ''])('refuses the language %p', async (tag) => {
      expectFieldErrors(await create({ languages: ['en', tag] }), { 'input.languages': 'must be a BCP 47 language tag such as "en" or "es-MX"' });
    });

    it('refuses credentials that are empty or longer than 20 characters', async () => {
      expectFieldErrors(await create({ credentials: ['MD', ''] }), { 'input.credentials': 'each credential must be 1 to 20 characters' });
      expectFieldErrors(await create({ credentials: ['Doctor of Osteopathic Medicine'] }), {
        'input.credentials': 'each credential must be 1 to 20 characters',
      });
      expect(dataOf(await create({ credentials: ['PA-C'] })).createProvider.credentials).toEqual(['PA-C']);
    });

    it('refuses education years outside 1900-2100 and a start year in the future', async () => {
      const nextYear = new Date().getUTCFullYear() + 1;
      expectFieldErrors(await create({ education: [{ kind: 'RESIDENCY', institution: 'Somewhere', graduationYear: 1850 }], practiceStartYear: nextYear }), {
        'input.education[0].graduationYear': 'must be between 1900 and 2100',
        'input.practiceStartYear': `must be a year from 1900 to ${nextYear - 1}`,
      });
    });

    it.each(['javascript:alert(1)', 'ftp://example.com/bux', 'example.com/bux'])('refuses the website %p', async (website) => {
      expectFieldErrors(await create({ website }), { 'input.website': 'must be an absolute http or https URL' });
    });

    it('keeps an http or https website', async () => {
      const created = dataOf(await create({ website: 'https://example.com/providers/pat' })).createProvider;
      const row = (await app.dataSource.query('SELECT website FROM providers WHERE id = $1', [created.id]))[0];
      expect(row.website).toBe('https://example.com/providers/pat');
    });

    it.each(['javascript:alert(1)', 'ftp://example.com/book'])('refuses the booking URL %p', async (bookingUrl) => {
      expectFieldErrors(await create({ bookingUrl }), { 'input.bookingUrl': 'must be an absolute http or https URL' });
    });
  });

  describe('main office', () => {
    it('refuses a main office that is not among the locations', async () => {
      expectFieldErrors(await create({ locations: [{ slug: 'lexington-office' }], primaryLocation: { slug: 'danville-office' } }), {
        'input.primaryLocation': 'must be one of locations',
      });
    });

    it('refuses a main office when no locations are given', async () => {
      expectFieldErrors(await create({ primaryLocation: { slug: 'danville-office' } }), { 'input.primaryLocation': 'must be one of locations' });
    });

    it('refuses an unknown main office by its path', async () => {
      expectFieldErrors(await create({ locations: [{ slug: 'lexington-office' }], primaryLocation: { slug: 'nowhere' } }), {
        'input.primaryLocation': 'no location with slug "nowhere"',
      });
    });

    it('checks a new main office against the current locations on update', async () => {
      const provider = dataOf(await create({ locations: [{ slug: 'lexington-office' }, { slug: 'cynthiana-office' }] })).createProvider;
      expectFieldErrors(await asEditor(UPDATE, { input: { id: provider.id, version: 1, primaryLocation: { slug: 'danville-office' } } }), {
        'input.primaryLocation': 'must be one of locations',
      });

      const moved = dataOf(await asEditor(UPDATE, { input: { id: provider.id, version: 1, primaryLocation: { slug: 'cynthiana-office' } } })).updateProvider;
      expect(moved.primaryLocation).toEqual({ slug: 'cynthiana-office' });
    });
  });

  it('reports every invalid field of one request at once', async () => {
    const response = await create({
      firstName: '',
      slug: 'Not A Slug',
      npi: '1234567890',
      specialties: ['PAIN'],
      languages: ['english'],
      credentials: [''],
      bookingUrl: 'javascript:alert(1)',
      practiceStartYear: 1800,
      education: [{ kind: 'FELLOWSHIP', institution: '', graduationYear: 2200 }],
      locations: [{ id: 'not-a-uuid' }],
      seo: { canonicalUrl: 'ftp://example.com' },
    });
    expectFieldErrors(response, {
      'input.firstName': 'must not be empty',
      'input.slug': 'must be a slug',
      'input.npi': 'must be a valid NPI',
      'input.specialties': 'NUCC taxonomy code',
      'input.languages': 'BCP 47',
      'input.credentials': 'each credential must be 1 to 20 characters',
      'input.bookingUrl': 'http or https',
      'input.practiceStartYear': 'must be a year from 1900',
      'input.education[0].institution': 'must not be empty',
      'input.education[0].graduationYear': 'between 1900 and 2100',
      'input.locations[0].id': 'must be a UUID',
      'input.seo.canonicalUrl': 'http or https',
    });
  });

  it('reports every clash found against stored content at once', async () => {
    dataOf(await create({ firstName: 'Clash', lastName: 'Holder', slug: 'clash-holder', npi: '1497758544' }));
    const response = await create({
      slug: 'clash-holder',
      npi: '1497758544',
      locations: [{ slug: 'lexington-office' }, { slug: 'nowhere' }, { slug: 'lexington-office' }],
      primaryLocation: { slug: 'danville-office' },
    });
    expectFieldErrors(response, {
      'input.slug': '"clash-holder" is already used by Provider "Clash Holder"',
      'input.npi': '"1497758544" is already used by Provider "Clash Holder"',
      'input.locations[1]': 'no location with slug "nowhere"',
      'input.locations[2]': 'is listed twice',
      'input.primaryLocation': 'must be one of locations',
    });
  });
});
