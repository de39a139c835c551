import { Role } from '../../src/auth/permissions';
import { dataOf } from '../common/expectations';
import { type SignedInUser } from '../factories/accounts.factory';
import { expectFieldErrors } from './field-errors';
import { useTestApp } from '../support/use-test-app';

const LOCATION_FIELDS = `id slug version name timezone email website bookingUrl
  address { line1 line2 city state postalCode country } geo { latitude longitude }
  phone { e164 display uri } fax { e164 display }
  openingHours { day closed intervals { opens closes } }
  hoursExceptions(includePast: true) { date closed intervals { opens closes } note }`;

const CREATE = `mutation($input: CreateLocationInput!) { createLocation(input: $input) { ${LOCATION_FIELDS} } }`;
const UPDATE = `mutation($input: UpdateLocationInput!) { updateLocation(input: $input) { ${LOCATION_FIELDS} } }`;

const ADDRESS = { line1: '1000 Office Park Dr', city: 'Lexington', state: 'KY', postalCode: '40503' };

describe('location input validation', () => {
  const app = useTestApp();
  let editor: SignedInUser;
  let counter = 0;

  beforeAll(async () => {
    editor = await app.accounts.signedIn(Role.EDITOR);
  });

  const asEditor = (query: string, variables?: Record<string, unknown>) => app.graphql(query, variables, editor.headers);
  /** Creates a location from a valid base input with `overrides` applied. */
  const create = (overrides: Record<string, unknown> = {}) => asEditor(CREATE, { input: { name: `Office ${++counter}`, address: ADDRESS, ...overrides } });

  describe('a complete, valid location', () => {
    it('is stored with normalized phone numbers and returned in display form', async () => {
      const response = await create({
        name: 'Cynthiana Office',
        description: 'Our **Cynthiana** office.',
        address: { line1: '200 Main St', line2: 'Suite 4', city: 'Cynthiana', state: 'KY', postalCode: '41031-1234' },
        geo: { latitude: 38.39, longitude: -84.29 },
        phone: '(859) 555-0100',
        fax: '859.555.0101',
        email: 'cynthiana@example.com',
        website: 'https://example.com/locations/cynthiana',
        openingHours: [
          { day: 'MONDAY', opens: '08:00', closes: '12:00' },
          { day: 'MONDAY', opens: '13:00', closes: '17:00' },
          { day: 'TUESDAY', opens: '08:00', closes: '17:00' },
        ],
        hoursExceptions: [
          { date: '2026-12-25', closed: true, note: 'Christmas Day' },
          { date: '2026-12-24', intervals: [{ opens: '08:00', closes: '12:00' }] },
        ],
        parkingNotes: 'Free parking behind the building.',
        accessibilityNotes: 'Step-free entrance.',
        bookingUrl: 'https://example.com/book?office=cynthiana',
        seo: { metaTitle: 'Cynthiana pain clinic', canonicalUrl: 'https://example.com/locations/cynthiana' },
      });

      const location = dataOf(response).createLocation;
      expect(location).toMatchObject({
        slug: 'cynthiana-office',
        version: 1,
        timezone: 'America/New_York',
        address: { line1: '200 Main St', line2: 'Suite 4', city: 'Cynthiana', state: 'KY', postalCode: '41031-1234', country: 'US' },
        geo: { latitude: 38.39, longitude: -84.29 },
        phone: { e164: '+18595550100', display: '(859) 555-0100', uri: 'tel:+18595550100' },
        fax: { e164: '+18595550101', display: '(859) 555-0101' },
        email: 'cynthiana@example.com',
        website: 'https://example.com/locations/cynthiana',
      });
      expect(location.openingHours.find((day: any) => day.day === 'MONDAY')).toEqual({
        day: 'MONDAY',
        closed: false,
        intervals: [
          { opens: '08:00', closes: '12:00' },
          { opens: '13:00', closes: '17:00' },
        ],
      });
      expect(location.openingHours.find((day: any) => day.day === 'SUNDAY')).toEqual({ day: 'SUNDAY', closed: true, intervals: [] });
      expect(location.hoursExceptions).toEqual([
        { date: '2026-12-24', closed: false, intervals: [{ opens: '08:00', closes: '12:00' }], note: null },
        { date: '2026-12-25', closed: true, intervals: [], note: 'Christmas Day' },
      ]);
      const [row] = await app.dataSource.query('SELECT phone, fax, address_line1, postal_code, country FROM locations WHERE id = $1', [location.id]);
      expect(row).toEqual({ phone: '+18595550100', fax: '+18595550101', address_line1: '200 Main St', postal_code: '41031-1234', country: 'US' });
    });
  });

  describe('slugs', () => {
    it.each(['Lexington Office', 'lexington--office', '-lexington', 'lexington-', 'lexington_office', 'Lexington'])('refuses the slug %p', async (slug) => {
      expectFieldErrors(await create({ slug }), { 'input.slug': 'must be a slug: lowercase letters, digits and single hyphens' });
    });

    it('makes a free slug from the name, adding -2 when it is taken', async () => {
      expect(dataOf(await create({ name: 'Maysville Office' })).createLocation.slug).toBe('maysville-office');
      expect(dataOf(await create({ name: 'Maysville Office' })).createLocation.slug).toBe('maysville-office-2');
    });

    it('refuses a slug that another location already uses, naming it', async () => {
      dataOf(await create({ name: 'Danville Office', slug: 'danville' }));
      expectFieldErrors(await create({ name: 'Danville Annex', slug: 'danville' }), {
        'input.slug': '"danville" is already used by Location "Danville Office"',
      });
    });
  });

  describe('addresses', () => {
    it.each(['Kentucky', 'XX', 'K', 'k y'])('refuses the state %p', async (state) => {
      expectFieldErrors(await create({ address: { ...ADDRESS, state } }), { 'input.address.state': 'must be a two-letter US state code such as KY' });
    });

    it.each(['KY', 'OH', 'DC', 'PR'])('accepts the state %s', async (state) => {
      expect(dataOf(await create({ address: { ...ADDRESS, state } })).createLocation.address.state).toBe(state);
    });

    it.each([
      ['ky', 'KY'],
      [' Oh ', 'OH'],
    ])('stores the state %p in capitals (%s)', async (state, stored) => {
      expect(dataOf(await create({ address: { ...ADDRESS, state } })).createLocation.address.state).toBe(stored);
    });

    it.each(['40503', '40503-1234'])('accepts the ZIP %s', async (postalCode) => {
      expect(dataOf(await create({ address: { ...ADDRESS, postalCode } })).createLocation.address.postalCode).toBe(postalCode);
    });

    it('stores nine digits as ZIP+4, as NPPES and many EHRs send them', async () => {
      expect(dataOf(await create({ address: { ...ADDRESS, postalCode: '405031234' } })).createLocation.address.postalCode).toBe('40503-1234');
    });

    it.each(['4050', '4050312345', '40503-12', '40503 1234', 'ABCDE'])('refuses the ZIP %p', async (postalCode) => {
      expectFieldErrors(await create({ address: { ...ADDRESS, postalCode } }), {
        'input.address.postalCode': 'must be a ZIP code (12345) or ZIP+4 (12345-6789)',
      });
    });

    it('refuses a country other than the US', async () => {
      expectFieldErrors(await create({ address: { ...ADDRESS, country: 'CA' } }), { 'input.address.country': 'must be "US"' });
    });

    it('refuses positions off the globe', async () => {
      expectFieldErrors(await create({ geo: { latitude: 91, longitude: -181 } }), {
        'input.geo.latitude': 'must be between -90 and 90',
        'input.geo.longitude': 'must be between -180 and 180',
      });
    });
  });

  describe('contact details', () => {
    it.each(['555-0100', '(123) 555-0100', 'call us', '+1 859 555'])('refuses the phone number %p', async (phone) => {
      expectFieldErrors(await create({ phone }), { 'input.phone': 'must be a valid phone number' });
    });

    it('refuses an invalid fax number', async () => {
      expectFieldErrors(await create({ fax: '12' }), { 'input.fax': 'must be a valid phone number' });
    });

    it.each(['front desk@example.com', 'not-an-email', 'someone@'])('refuses the email %p', async (email) => {
      expectFieldErrors(await create({ email }), { 'input.email': 'must be an email address' });
    });

    it.each(['javascript:alert(1)', 'ftp://example.com/office', '/offices/cynthiana'])('refuses the website %p', async (website) => {
      expectFieldErrors(await create({ website }), { 'input.website': 'must be an absolute http or https URL' });
    });

    it.each(['javascript:alert(1)', 'ftp://example.com/book', 'data:text/html,hi', '/book'])('refuses the booking URL %p', async (bookingUrl) => {
      expectFieldErrors(await create({ bookingUrl }), { 'input.bookingUrl': 'must be an absolute http or https URL' });
    });

    it('refuses a javascript: canonical URL', async () => {
      expectFieldErrors(await create({ seo: { canonicalUrl: 'javascript:alert(1)' } }), { 'input.seo.canonicalUrl': 'must be an absolute http or https URL' });
    });
  });

  describe('time zones and hours', () => {
    it.each(['Eastern', 'America/Lexington', 'EST 5', 'GMT+5'])('refuses the time zone %p', async (timezone) => {
      expectFieldErrors(await create({ timezone }), { 'input.timezone': 'must be an IANA time zone' });
    });

    it('accepts an IANA time zone', async () => {
      expect(dataOf(await create({ timezone: 'America/Kentucky/Louisville' })).createLocation.timezone).toBe('America/Kentucky/Louisville');
    });

    it('refuses overlapping intervals on one day, naming the day and the intervals', async () => {
      const response = await create({
        openingHours: [
          { day: 'MONDAY', opens: '08:00', closes: '12:00' },
          { day: 'MONDAY', opens: '11:00', closes: '17:00' },
          { day: 'TUESDAY', opens: '11:00', closes: '17:00' },
        ],
      });
      expectFieldErrors(response, { 'input.openingHours': 'MONDAY 08:00-12:00 overlaps 11:00-17:00' });
    });

    it('refuses an interval that closes before it opens', async () => {
      expectFieldErrors(await create({ openingHours: [{ day: 'FRIDAY', opens: '17:00', closes: '09:00' }] }), {
        'input.openingHours': 'FRIDAY 17:00-09:00 must close after it opens',
      });
    });

    it('refuses times that are not HH:MM, naming the entry', async () => {
      const response = await create({
        openingHours: [
          { day: 'MONDAY', opens: '8:00', closes: '17:00' },
          { day: 'TUESDAY', opens: '08:00', closes: '25:00' },
        ],
      });
      expectFieldErrors(response, {
        'input.openingHours[0].opens': 'must be a 24-hour time "HH:MM"',
        'input.openingHours[1].closes': 'must be a 24-hour time "HH:MM"',
      });
    });

    it('accepts a lunch break and back-to-back intervals', async () => {
      const response = await create({
        openingHours: [
          { day: 'WEDNESDAY', opens: '13:00', closes: '17:00' },
          { day: 'WEDNESDAY', opens: '08:00', closes: '12:00' },
          { day: 'THURSDAY', opens: '08:00', closes: '12:00' },
          { day: 'THURSDAY', opens: '12:00', closes: '16:00' },
        ],
      });

      const wednesday = dataOf(response).createLocation.openingHours.find((day: any) => day.day === 'WEDNESDAY');
      expect(wednesday.intervals).toEqual([
        { opens: '08:00', closes: '12:00' },
        { opens: '13:00', closes: '17:00' },
      ]);
    });

    it.each(['2026-02-30', '2026-13-01', '12/25/2026', '2026-12-25T00:00:00Z'])('refuses the exception date %p', async (date) => {
      expectFieldErrors(await create({ hoursExceptions: [{ date, closed: true }] }), {
        'input.hoursExceptions[0].date': 'must be a real date written YYYY-MM-DD',
      });
    });

    it('refuses an exception that is closed and has hours, or is open without hours', async () => {
      const response = await create({
        hoursExceptions: [
          { date: '2026-11-26', closed: true, intervals: [{ opens: '08:00', closes: '12:00' }] },
          { date: '2026-11-27', closed: false },
          { date: '2026-11-28', closed: false, intervals: [] },
        ],
      });
      expectFieldErrors(response, {
        'input.hoursExceptions[0].closed': 'is true but intervals are given',
        'input.hoursExceptions[1].closed': 'is false but no intervals are given',
        'input.hoursExceptions[2].closed': 'is false but no intervals are given',
      });
    });

    it('takes an exception without intervals as a closed date', async () => {
      const location = dataOf(await create({ hoursExceptions: [{ date: '2026-07-03', note: 'Independence Day (observed)' }] })).createLocation;
      expect(location.hoursExceptions).toEqual([{ date: '2026-07-03', closed: true, intervals: [], note: 'Independence Day (observed)' }]);
    });

    it('refuses overlapping exception hours and a date listed twice', async () => {
      const response = await create({
        hoursExceptions: [
          {
            date: '2026-12-24',
            intervals: [
              { opens: '08:00', closes: '12:00' },
              { opens: '10:00', closes: '14:00' },
            ],
          },
          { date: '2026-12-24', closed: true },
        ],
      });
      expectFieldErrors(response, {
        'input.hoursExceptions': 'must list each date once (2026-12-24 appears more than once)',
        'input.hoursExceptions[0].intervals': '08:00-12:00 overlaps 10:00-14:00',
      });
    });
  });

  it('reports every invalid field of one request at once', async () => {
    const response = await asEditor(CREATE, {
      input: {
        name: '',
        slug: 'Bad Slug',
        address: { city: 'Lexington', state: 'Kentucky', postalCode: '4050' },
        geo: { latitude: 100, longitude: 0 },
        phone: '555-0100',
        email: 'nobody',
        timezone: 'Eastern',
        bookingUrl: 'javascript:alert(1)',
        openingHours: [
          { day: 'MONDAY', opens: '08:00', closes: '12:00' },
          { day: 'MONDAY', opens: '09:00', closes: '10:00' },
        ],
        hoursExceptions: [{ date: '2026-02-30', closed: true }],
      },
    });
    expectFieldErrors(response, {
      'input.name': 'must not be empty',
      'input.slug': 'must be a slug',
      'input.address.state': 'US state code',
      'input.address.postalCode': 'ZIP',
      'input.geo.latitude': 'between -90 and 90',
      'input.phone': 'phone number',
      'input.email': 'email address',
      'input.timezone': 'IANA time zone',
      'input.bookingUrl': 'http or https',
      'input.openingHours': 'MONDAY 08:00-12:00 overlaps 09:00-10:00',
      'input.hoursExceptions[0].date': 'YYYY-MM-DD',
    });
    expect(response.errors?.[0].message).toMatch(/^Invalid input: input\./);
  });

  describe('updates', () => {
    let location: { id: string; version: number };

    beforeAll(async () => {
      location = dataOf(await create({ name: 'Update Office', phone: '859-555-0100' })).createLocation;
    });

    const update = async (changes: Record<string, unknown>) => {
      const response = await asEditor(UPDATE, { input: { id: location.id, version: location.version, ...changes } });
      if (!response.errors) location = response.data.updateLocation;
      return response;
    };

    it('changes part of the address and keeps the rest, the time zone and the phone', async () => {
      const updated = dataOf(await update({ address: { postalCode: '40503-9999' }, phone: '+1 (859) 555-0199' })).updateLocation;
      expect(updated.address).toEqual({ line1: '1000 Office Park Dr', line2: null, city: 'Lexington', state: 'KY', postalCode: '40503-9999', country: 'US' });
      expect(updated.phone).toMatchObject({ e164: '+18595550199', display: '(859) 555-0199' });
      expect(updated.timezone).toBe('America/New_York');
    });

    it('applies the same rules as creation', async () => {
      expectFieldErrors(await update({ address: { state: 'ZZ' }, phone: 'nope', openingHours: [{ day: 'SUNDAY', opens: '10:00', closes: '10:00' }] }), {
        'input.address.state': 'US state code',
        'input.phone': 'phone number',
        'input.openingHours': 'SUNDAY 10:00-10:00 must close after it opens',
      });
    });

    it('refuses removing the name, the city, the state or the whole address', async () => {
      expectFieldErrors(await update({ address: { city: null, state: null } }), {
        'input.address.city': 'cannot be null',
        'input.address.state': 'must be a two-letter US state code',
      });
      expectFieldErrors(await update({ address: null }), { 'input.address': 'cannot be null' });
      expectFieldErrors(await update({ name: null, email: null }), { 'input.name': 'cannot be null' });
    });

    it('clears optional fields with null and resets the time zone to the default', async () => {
      dataOf(await update({ timezone: 'America/Chicago' }));
      const cleared = dataOf(await update({ phone: null, geo: null, timezone: null, openingHours: null, address: { line1: null } })).updateLocation;
      expect(cleared).toMatchObject({ phone: null, geo: null, timezone: 'America/New_York', address: { line1: null, city: 'Lexington' } });
      // No weekly hours left: unknown, not closed.
      expect(cleared.openingHours.every((day: any) => day.closed === null)).toBe(true);
    });

    it('refuses a slug another location uses, and accepts its own', async () => {
      dataOf(await create({ name: 'Taken Slug Office', slug: 'taken-slug' }));
      expectFieldErrors(await update({ slug: 'taken-slug' }), { 'input.slug': '"taken-slug" is already used by Location "Taken Slug Office"' });
      expect(dataOf(await update({ slug: 'update-office' })).updateLocation.slug).toBe('update-office');
    });
  });
});

describe('condition input validation', () => {
  const app = useTestApp();
  let editor: SignedInUser;

  beforeAll(async () => {
    editor = await app.accounts.signedIn(Role.EDITOR);
  });

  const create = (input: Record<string, unknown>) =>
    app.graphql(`mutation($input: CreateConditionInput!) { createCondition(input: $input) { slug icd10Codes } }`, { input }, editor.headers);

  it('accepts ICD-10-CM codes with the dot', async () => {
    const condition = dataOf(await create({ name: 'Complex Regional Pain Syndrome', icd10Codes: ['G90.50', 'G89.29', 'M54'] })).createCondition;
    expect(condition.icd10Codes).toEqual(['G90.50', 'G89.29', 'M54']);
  });

  it('stores codes in capitals with the dot, the claims form included, once each', async () => {
    const condition = dataOf(await create({ name: 'Low Back Pain', icd10Codes: ['m54.50', 'M5450', 'g89.29', ' M54.9 '] })).createCondition;
    expect(condition.icd10Codes).toEqual(['M54.50', 'G89.29', 'M54.9']);
  });

  it.each(['M54.', '54.50', 'M54.12345', 'M54 50', 'M5'])('refuses the ICD-10-CM code %p', async (code) => {
    expectFieldErrors(await create({ name: `Back Pain ${code}`, icd10Codes: ['M54.50', code] }), {
      'input.icd10Codes': 'must be an ICD-10-CM code such as M54.50',
    });
  });
});
