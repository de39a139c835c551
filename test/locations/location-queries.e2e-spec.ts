import { DocumentStatus, DocumentType } from '../../src/content/documents/document-status';
import { type OpeningInterval } from '../../src/locations/opening-hours';
import { useTestApp } from '../support/use-test-app';
import { LocationByIdDocument, LocationBySlugDocument } from '../operations/generated';

const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'] as const;

/** Monday to Friday, 8:00 AM to noon and 1:00 PM to 5:00 PM. */
const WEEKDAYS_WITH_LUNCH: OpeningInterval[] = WEEKDAYS.flatMap((day) => [
  { day, opens: '08:00', closes: '12:00' },
  { day, opens: '13:00', closes: '17:00' },
]);

describe('location queries', () => {
  const app = useTestApp();
  const factory = app.content;
  describe('one location', () => {
    it('returns a published location by slug with its address, map position and phone numbers ready to show', async () => {
      await factory.location({
        name: 'Lexington Office',
        addressLine1: '1221 South Broadway',
        addressLine2: 'Suite 200',
        city: 'Lexington',
        state: 'KY',
        postalCode: '40504-1234',
        latitude: 38.0406,
        longitude: -84.5037,
        phone: '+18595550100',
        fax: '+18595550101',
        timezone: 'America/New_York',
      });

      const response = await app.graphql(`{
        location(slug: "lexington-office") {
          name slug timezone
          address { line1 line2 city state postalCode country }
          geo { latitude longitude }
          phone { e164 display uri }
          fax { display }
        }
      }`);

      expect(response.errors).toBeUndefined();
      expect(response.data.location).toEqual({
        name: 'Lexington Office',
        slug: 'lexington-office',
        timezone: 'America/New_York',
        address: { line1: '1221 South Broadway', line2: 'Suite 200', city: 'Lexington', state: 'KY', postalCode: '40504-1234', country: 'US' },
        geo: { latitude: 38.0406, longitude: -84.5037 },
        phone: { e164: '+18595550100', display: '(859) 555-0100', uri: 'tel:+18595550100' },
        fax: { display: '(859) 555-0101' },
      });
    });

    it('returns the same location by id', async () => {
      const location = await factory.location({ name: 'Cynthiana Office', city: 'Cynthiana' });
      const response = await app.graphql(LocationByIdDocument, { id: location.id });
      expect(response.data.location).toEqual({ id: location.id, name: 'Cynthiana Office' });
    });

    it('answers a former slug with the location and its canonical slug', async () => {
      const location = await factory.location({ name: 'Maysville Office', city: 'Maysville' });
      await factory.formerSlug(DocumentType.LOCATION, location.id, 'maysville-clinic');
      const response = await app.graphql(LocationBySlugDocument, { slug: 'maysville-clinic' });
      expect(response.data.location).toEqual({ id: location.id, slug: 'maysville-office' });
    });

    it('answers null for a slug no location has', async () => {
      const response = await app.graphql(`{ location(slug: "no-such-office") { id } }`);
      expect(response.errors).toBeUndefined();
      expect(response.data.location).toBeNull();
    });

    it('never shows a draft or trashed location, by slug, id or in a list', async () => {
      const draft = await factory.location({ name: 'Secret Draft Office', city: 'Hiddenville', status: DocumentStatus.DRAFT });
      const trashed = await factory.location({ name: 'Trashed Office', city: 'Hiddenville', deletedAt: new Date() });
      await factory.formerSlug(DocumentType.LOCATION, trashed.id, 'old-trashed-office');

      const response = await app.graphql(
        `query ($draftId: ID!, $trashedId: ID!) {
          draftBySlug: location(slug: "secret-draft-office") { id }
          draftById: location(id: $draftId) { id }
          trashedBySlug: location(slug: "trashed-office") { id }
          trashedByFormerSlug: location(slug: "old-trashed-office") { id }
          trashedById: location(id: $trashedId) { id }
          locations(filter: { city: "Hiddenville" }) { totalCount edges { node { id } } }
        }`,
        { draftId: draft.id, trashedId: trashed.id },
      );

      expect(response.errors).toBeUndefined();
      expect(response.data).toEqual({
        draftBySlug: null,
        draftById: null,
        trashedBySlug: null,
        trashedByFormerSlug: null,
        trashedById: null,
        locations: { totalCount: 0, edges: [] },
      });
    });
  });

  describe('lists of locations', () => {
    it('filters by city whatever its case', async () => {
      await factory.location({ name: 'Danville Office', city: 'Danville', state: 'KY' });
      await factory.location({ name: 'Danville North Office', city: 'Danville', state: 'KY' });
      await factory.location({ name: 'Danville Virginia Office', city: 'Danville', state: 'VA' });

      const response = await app.graphql(`{
        upper: locations(filter: { city: "DANVILLE", state: "KY" }) { totalCount edges { node { name } } }
        lower: locations(filter: { city: "danville" }) { totalCount }
      }`);

      expect(response.errors).toBeUndefined();
      expect(response.data.upper).toEqual({ totalCount: 2, edges: [{ node: { name: 'Danville North Office' } }, { node: { name: 'Danville Office' } }] });
      expect(response.data.lower).toEqual({ totalCount: 3 });
    });

    it('filters by state', async () => {
      await factory.location({ name: 'Evansville Office', city: 'Evansville', state: 'IN' });
      await factory.location({ name: 'Indianapolis Office', city: 'Indianapolis', state: 'IN' });

      const response = await app.graphql(`{ locations(filter: { state: "IN" }) { totalCount edges { node { name address { state } } } } }`);

      expect(response.data.locations).toEqual({
        totalCount: 2,
        edges: [{ node: { name: 'Evansville Office', address: { state: 'IN' } } }, { node: { name: 'Indianapolis Office', address: { state: 'IN' } } }],
      });
    });

    it('refuses a state that is not a two-letter US code, naming filter.state', async () => {
      const response = await app.graphql(`{ locations(filter: { state: "Kentucky" }) { totalCount } }`);

      expect(response.status).toBe(200);
      expect(response.data).toBeNull();
      expect(response.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0].extensions.fields).toEqual([expect.objectContaining({ path: 'filter.state' })]);
    });

    it('lists the locations near a point nearest first, with their distance, leaving out those beyond the radius', async () => {
      // All in Tennessee, so the other tests' locations stay out of this list.
      const at = (name: string, latitude: number, longitude: number, extra = {}) =>
        factory.location({ name, city: name, state: 'TN', latitude, longitude, ...extra });
      await at('Maysville Near', 38.6412, -83.7444); // 94 km from Lexington
      await at('Danville Near', 37.6456, -84.7722); // 50 km
      await at('Lexington Near', 38.0406, -84.5037); // 0 km
      await at('Cynthiana Near', 38.3904, -84.2941); // 43 km
      await at('Georgetown Near', 38.2098, -84.5588); // 19 km
      await at('Georgetown Draft', 38.2098, -84.5588, { status: DocumentStatus.DRAFT });
      await factory.location({ name: 'Nowhere Near', city: 'Nowhere', state: 'TN' }); // no map position

      const query = `query ($after: String) {
        locations(first: 2, after: $after, filter: { state: "TN", near: { latitude: 38.0406, longitude: -84.5037, radiusKm: 60 } }) {
          totalCount
          pageInfo { hasNextPage endCursor }
          edges { distanceKm node { name } }
        }
      }`;
      const first = await app.graphql(query);
      const second = await app.graphql(query, { after: first.data.locations.pageInfo.endCursor });

      expect(first.errors).toBeUndefined();
      expect(second.errors).toBeUndefined();
      const edges = [...first.data.locations.edges, ...second.data.locations.edges];
      expect(edges.map((edge: any) => edge.node.name)).toEqual(['Lexington Near', 'Georgetown Near', 'Cynthiana Near', 'Danville Near']);
      expect(edges.map((edge: any) => edge.distanceKm)).toEqual([0, expect.closeTo(19.42, 1), expect.closeTo(42.99, 1), expect.closeTo(49.85, 1)]);
      expect(first.data.locations.totalCount).toBe(4);
      expect(second.data.locations.pageInfo.hasNextPage).toBe(false);
    });

    it('has no distance on the edges of a list without a point', async () => {
      await factory.location({ name: 'Nashville Office', city: 'Nashville', state: 'TN' });
      const response = await app.graphql(`{ locations(first: 1, filter: { state: "TN" }) { edges { distanceKm } } }`);
      expect(response.data.locations.edges).toEqual([{ distanceKm: null }]);
    });

    it('pages through locations two at a time without gaps or repeats', async () => {
      // Two names that sort equal ("Office A" and "office a") must still each appear once.
      const names = ['Office C', 'Office A', 'office a', 'Office E', 'Office B'];
      for (const [index, name] of names.entries()) await factory.location({ name, slug: `ohio-office-${index}`, city: 'Columbus', state: 'OH' });

      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const response: any = await app.graphql(
          `query ($after: String) { locations(first: 2, after: $after, filter: { state: "OH" }) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { node { name } } } }`,
          { after },
        );
        expect(response.errors).toBeUndefined();
        const page = response.data.locations;
        expect(page.totalCount).toBe(5);
        expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
        seen.push(...page.edges.map((edge: any) => edge.node.name));
        pages++;
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }

      expect(pages).toBe(3);
      expect(seen).toHaveLength(5);
      expect(new Set(seen)).toEqual(new Set(names));
      expect(seen.map((name) => name.toLowerCase())).toEqual(['office a', 'office a', 'office b', 'office c', 'office e']);
    });

    it('sorts by city, keeping the offices of one city together', async () => {
      await factory.location({ name: 'Zeta Office', city: 'Paris', state: 'WV' });
      await factory.location({ name: 'Alpha Office', city: 'Paris', state: 'WV' });
      await factory.location({ name: 'Alpha Crossing Office', city: 'Paris Crossing', state: 'WV' });

      const query = `query ($after: String) {
        locations(first: 2, after: $after, filter: { state: "WV" }, orderBy: { field: CITY }) { pageInfo { endCursor } edges { node { name address { city } } } }
      }`;
      const first = await app.graphql(query);
      const second = await app.graphql(query, { after: first.data.locations.pageInfo.endCursor });

      expect(first.errors).toBeUndefined();
      expect(second.errors).toBeUndefined();
      const edges = [...first.data.locations.edges, ...second.data.locations.edges];
      expect(edges.map((edge: any) => `${edge.node.address.city}: ${edge.node.name}`)).toEqual([
        'Paris: Alpha Office',
        'Paris: Zeta Office',
        'Paris Crossing: Alpha Crossing Office',
      ]);
    });
  });

  describe('opening hours', () => {
    beforeAll(async () => {
      await factory.location({
        name: 'Hours Office',
        city: 'Lexington',
        state: 'KY',
        timezone: 'America/New_York',
        openingHours: WEEKDAYS_WITH_LUNCH,
        hoursExceptions: [
          { date: '2099-12-25', closed: true, intervals: [], note: 'Christmas Day' },
          { date: '2020-11-26', closed: true, intervals: [], note: 'Thanksgiving Day' },
          { date: '2026-11-26', closed: true, intervals: [], note: 'Thanksgiving Day' },
          { date: '2099-12-24', closed: false, intervals: [{ opens: '08:00', closes: '12:00' }], note: 'Closing early' },
        ],
      });
    });

    it('lists the weekly hours Monday to Sunday, with the lunch break and the closed weekend', async () => {
      const response = await app.graphql(`{ location(slug: "hours-office") { openingHours { day closed intervals { opens closes } } } }`);

      expect(response.errors).toBeUndefined();
      const lunch = {
        closed: false,
        intervals: [
          { opens: '08:00', closes: '12:00' },
          { opens: '13:00', closes: '17:00' },
        ],
      };
      expect(response.data.location.openingHours).toEqual([
        { day: 'MONDAY', ...lunch },
        { day: 'TUESDAY', ...lunch },
        { day: 'WEDNESDAY', ...lunch },
        { day: 'THURSDAY', ...lunch },
        { day: 'FRIDAY', ...lunch },
        { day: 'SATURDAY', closed: true, intervals: [] },
        { day: 'SUNDAY', closed: true, intervals: [] },
      ]);
    });

    it('lists the dated exceptions from today on by date, and past ones on request', async () => {
      const response = await app.graphql(`{
        location(slug: "hours-office") {
          upcoming: hoursExceptions { date closed note intervals { opens closes } }
          all: hoursExceptions(includePast: true) { date }
        }
      }`);

      expect(response.errors).toBeUndefined();
      expect(response.data.location.upcoming.slice(-2)).toEqual([
        { date: '2099-12-24', closed: false, note: 'Closing early', intervals: [{ opens: '08:00', closes: '12:00' }] },
        { date: '2099-12-25', closed: true, note: 'Christmas Day', intervals: [] },
      ]);
      expect(response.data.location.upcoming.map((exception: any) => exception.date)).not.toContain('2020-11-26');
      expect(response.data.location.all.map((exception: any) => exception.date)).toEqual(['2020-11-26', '2026-11-26', '2099-12-24', '2099-12-25']);
    });

    it('keeps an 8:00 opening at 8:00 local time after the clocks change', async () => {
      const response = await app.graphql(`{
        location(slug: "hours-office") {
          weekendInWinter: openStatus(at: "2026-02-28T15:00:00Z") { isOpen nextOpensAt label }
          weekendBeforeChange: openStatus(at: "2026-03-07T15:00:00Z") { isOpen nextOpensAt label }
          mondayAfterChange: openStatus(at: "2026-03-09T12:30:00Z") { isOpen localTime closesAt nextOpensAt label }
          weekendBeforeFallBack: openStatus(at: "2026-10-31T16:00:00Z") { nextOpensAt }
        }
      }`);

      expect(response.errors).toBeUndefined();
      expect(response.data.location).toEqual({
        weekendInWinter: { isOpen: false, nextOpensAt: '2026-03-02T13:00:00.000Z', label: 'Closed · opens Monday 8:00 AM' },
        weekendBeforeChange: { isOpen: false, nextOpensAt: '2026-03-09T12:00:00.000Z', label: 'Closed · opens Monday 8:00 AM' },
        mondayAfterChange: { isOpen: true, localTime: '08:30', closesAt: '2026-03-09T16:00:00.000Z', nextOpensAt: null, label: 'Open until 12:00 PM' },
        weekendBeforeFallBack: { nextOpensAt: '2026-11-02T13:00:00.000Z' },
      });
    });

    it("reports the lunch break, today's hours and a holiday's note", async () => {
      const response = await app.graphql(`{
        location(slug: "hours-office") {
          lunch: openStatus(at: "2026-03-10T16:30:00Z") { isOpen localTime nextOpensAt label todayHours { opens closes } }
          thanksgiving: openStatus(at: "2026-11-26T15:00:00Z") { isOpen note todayHours { opens } nextOpensAt label }
        }
      }`);

      expect(response.errors).toBeUndefined();
      expect(response.data.location).toEqual({
        lunch: {
          isOpen: false,
          localTime: '12:30',
          nextOpensAt: '2026-03-10T17:00:00.000Z',
          label: 'Closed · opens at 1:00 PM',
          todayHours: [
            { opens: '08:00', closes: '12:00' },
            { opens: '13:00', closes: '17:00' },
          ],
        },
        thanksgiving: {
          isOpen: false,
          note: 'Thanksgiving Day',
          todayHours: [],
          nextOpensAt: '2026-11-27T13:00:00.000Z',
          label: 'Closed · opens Friday 8:00 AM',
        },
      });
    });

    it('reads the hours of a Chicago office in Central time', async () => {
      await factory.location({
        name: 'Chicago Office',
        city: 'Chicago',
        state: 'IL',
        timezone: 'America/Chicago',
        openingHours: WEEKDAYS.map((day) => ({ day, opens: '08:00', closes: '17:00' })),
      });

      const response = await app.graphql(`{
        location(slug: "chicago-office") {
          status: openStatus(at: "2026-03-09T13:30:00Z") { isOpen localTime closesAt }
          hoursOffice: openStatus(at: "2026-03-09T12:30:00Z") { isOpen }
        }
      }`);

      expect(response.data.location).toEqual({
        status: { isOpen: true, localTime: '08:30', closesAt: '2026-03-09T22:00:00.000Z' },
        hoursOffice: { isOpen: false },
      });
    });

    it('says whether an office is open now, and UNKNOWN (not closed) for an office without hours', async () => {
      const allDay = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'].map((day) => ({ day, opens: '00:00', closes: '24:00' }));
      await factory.location({ name: 'Always Open Office', openingHours: allDay as OpeningInterval[] });
      await factory.location({ name: 'Never Open Office', openingHours: [] });

      const response = await app.graphql(`{
        always: location(slug: "always-open-office") { openNow openStatus { state isOpen label } }
        never: location(slug: "never-open-office") {
          openNow
          openStatus { state isOpen nextOpensAt label openingHoursToday: todayHours { opens } }
          openingHours { day closed }
        }
      }`);

      expect(response.errors).toBeUndefined();
      expect(response.data).toEqual({
        always: { openNow: true, openStatus: { state: 'OPEN', isOpen: true, label: 'Open 24 hours' } },
        never: {
          openNow: null,
          openStatus: { state: 'UNKNOWN', isOpen: null, nextOpensAt: null, label: 'Call for hours', openingHoursToday: [] },
          openingHours: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'].map((day) => ({ day, closed: null })),
        },
      });
    });

    it('refuses an unreadable instant with BAD_USER_INPUT instead of failing', async () => {
      const literal = await app.graphql(`{ location(slug: "hours-office") { openStatus(at: "next tuesday") { isOpen } } }`);
      const variable = await app.graphql(`query ($at: DateTime) { location(slug: "hours-office") { openStatus(at: $at) { isOpen } } }`, {
        at: '2026-02-30T25:00:00Z',
      });

      const tooFar = await app.graphql(`{ location(slug: "hours-office") { openStatus(at: "+275760-09-13T00:00:00Z") { isOpen } } }`);

      for (const response of [literal, variable, tooFar]) {
        expect(response.status).toBe(200);
        expect(response.errors).toHaveLength(1);
        expect(response.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
        expect(response.errors?.[0].extensions.fields).toEqual([expect.objectContaining({ path: 'at' })]);
      }
    });

    it('computes hours from the location itself, without extra database statements', async () => {
      const plain = await app.graphql(`{ locations(first: 20) { edges { node { name } } } }`);
      const withHours = await app.graphql(`{
        locations(first: 20) { edges { node { name openNow openingHours { day } hoursExceptions { date } openStatus(at: "2026-03-09T12:30:00Z") { label } } } }
      }`);

      expect(withHours.errors).toBeUndefined();
      expect(withHours.sqlStatements).toBe(plain.sqlStatements);
    });
  });

  describe('relations', () => {
    it('lists the active providers who see patients at a location and the treatments offered there', async () => {
      const location = await factory.location({ name: 'Relations Office' });
      const active = await factory.provider({ firstName: 'Anjum', lastName: 'Bux' });
      const inactive = await factory.provider({ firstName: 'Former', lastName: 'Colleague', active: false });
      const draftProvider = await factory.provider({ firstName: 'Not', lastName: 'Yet', status: DocumentStatus.DRAFT });
      for (const provider of [active, inactive, draftProvider]) await factory.providerLocations(provider, [location]);
      const pump = await factory.treatment({ title: 'Intrathecal Pump' });
      const blocks = await factory.treatment({ title: 'Epidural Steroid Injection' });
      const draftTreatment = await factory.treatment({ title: 'Unannounced Therapy', status: DocumentStatus.DRAFT });
      for (const treatment of [pump, blocks, draftTreatment]) await factory.treatmentLocations(treatment, [location]);

      const response = await app.graphql(`{ location(slug: "relations-office") { providers { firstName lastName } treatments { title } } }`);

      expect(response.errors).toBeUndefined();
      expect(response.data.location).toEqual({
        providers: [{ firstName: 'Anjum', lastName: 'Bux' }],
        treatments: [{ title: 'Epidural Steroid Injection' }, { title: 'Intrathecal Pump' }],
      });
    });
  });
});
