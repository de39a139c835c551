import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getIntrospectionQuery, Kind, type OperationDefinitionNode, parse, print } from 'graphql';
import { Role } from '../../src/auth/permissions';
import { DocumentType } from '../../src/content/documents/document-status';
import { dataOf, expectNoLeaks } from '../common/expectations';
import { type GraphQLResponse, startTestApp, type TestApp } from '../support/test-app';
import { useTestApp } from '../support/use-test-app';

const ROOT = join(__dirname, '..', '..');

/** Each operation of a GraphQL text, with the text's fragments; nothing when the text is not GraphQL. */
function operationsIn(text: string): string[] {
  let document;
  try {
    document = parse(text);
  } catch {
    return [];
  }
  const fragments = document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
  return document.definitions
    .filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)
    .map((operation) => print({ kind: Kind.DOCUMENT, definitions: [operation, ...fragments] }));
}

/** Every operation README.md shows: its graphql blocks and the queries of its curl examples. */
function readmeOperations(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]);
  const curlQueries = [...readme.matchAll(/-d '(\{[^']*\})'/g)].map((match) => (JSON.parse(match[1]) as { query?: string }).query ?? '');
  return [...blocks, ...curlQueries].flatMap(operationsIn);
}

/** The page queries the benchmark runs (template literals of bench/*.ts that are GraphQL operations). */
function benchOperations(): string[] {
  const directory = join(ROOT, 'bench');
  return readdirSync(directory)
    .filter((file) => file.endsWith('.ts'))
    .flatMap((file) => [...readFileSync(join(directory, file), 'utf8').matchAll(/`([^`]*)`/g)].map((match) => match[1]).filter((text) => !text.includes('${')))
    .flatMap(operationsIn);
}

/** The pages a practice website builds, one request each. */
const PRACTICE_SITE_PAGES: Record<string, string> = {
  'treatment page': `query ($slug: String!) {
    treatment(slug: $slug) {
      slug title summary body { html } trialAvailable trialDetails { html } benefits category
      procedure { setting invasiveness anesthesia typicalDuration preparation { html } recovery { html } followUp { html } risks { html } }
      conditions { slug name summary bodyRegion }
      faqs { slug question answer { html } }
      providers { slug displayName title credentials yearsOfExperience specialties { name } primaryLocation { name slug } locations { name address { city state } } }
      locations { slug name openNow openStatus { label } address { line1 city state postalCode } phone { display uri } }
      relatedTreatments { slug title summary }
      seo { metaTitle metaDescription canonicalUrl noindex }
    }
  }`,
  'treatment list of 20 with relations': `{
    treatments(first: 20) {
      totalCount
      edges { cursor node { slug title summary category conditions { slug name } faqs { question } providers { displayName locations { name } } locations { name openNow } } }
      pageInfo { hasNextPage endCursor }
    }
  }`,
  'offices near a point': `{
    locations(first: 20, filter: { near: { latitude: 38.05, longitude: -84.5, radiusKm: 80 } }) {
      edges { distanceKm node { slug name address { line1 city state postalCode } geo { latitude longitude } phone { display uri } openNow openStatus { label closesAt nextOpensAt }
        openingHours { day closed intervals { opens closes } } providers { displayName slug } treatments { title slug } } }
    }
  }`,
  'provider directory': `{
    providers(first: 20, filter: { acceptingNewPatients: true }) {
      totalCount
      edges { node { slug displayName title credentials languages acceptingNewPatients yearsOfExperience bookingUrl specialties { code name }
        primaryLocation { name address { city state } phone { display } } locations { name slug } treatments { title slug } } }
      pageInfo { hasNextPage endCursor }
    }
  }`,
  'provider page': `query ($slug: String!) {
    provider(slug: $slug) {
      displayName title credentials bio { html } npi yearsOfExperience languages boardCertifications acceptingNewPatients bookingUrl
      education { kind institution degree graduationYear } specialties { name }
      locations { name address { line1 city state postalCode } phone { display } openStatus { label } }
      treatments { title slug summary } faqs { question answer { html } } seo { metaTitle metaDescription }
    }
  }`,
  'office page': `query ($slug: String!) {
    location(slug: $slug) {
      name description { html } address { line1 line2 city state postalCode } geo { latitude longitude } phone { display uri } fax { display } email timezone
      openNow openStatus { label localTime todayHours { opens closes } } openingHours { day closed intervals { opens closes } }
      hoursExceptions { date closed note intervals { opens closes } } parkingNotes accessibilityNotes bookingUrl
      providers { displayName slug title } treatments { title slug } faqs { question answer { html } }
    }
  }`,
  'condition page': `query ($slug: String!) {
    condition(slug: $slug) { name aliases summary body { html } symptoms icd10Codes bodyRegion treatments { title slug summary } faqs { question answer { html } } seo { metaTitle } }
  }`,
  'practice with its FAQs': `{
    practice { name description { html } mainPhone { display uri } website bookingUrl specialty socialProfiles { network url } faqs { question answer { html } } seo { metaTitle metaDescription } }
  }`,
};

/** The issue's query: seven treatment/condition pairs, which used to run the process out of memory. */
const SEVEN_PAIRS = `{ treatment(slug: "intrathecal-therapy") { ${'conditions { treatments { '.repeat(7)}slug${' } }'.repeat(7)} } }`;
/** 10,000 aliases of a public field. */
const TEN_THOUSAND_ALIASES = `{ ${Array.from({ length: 10_000 }, (_, index) => `a${index}: practice { name }`).join(' ')} }`;
/** Fragments spreading into each other, 100 deep, alternating treatment and condition. */
function fragmentChain(depth: number): string {
  const type = (index: number) => (index % 2 === 0 ? 'Treatment' : 'Condition');
  const relation = (index: number) => (index % 2 === 0 ? 'conditions' : 'treatments');
  const fragments = Array.from({ length: depth }, (_, index) =>
    index === depth - 1 ? `fragment F${index} on ${type(index)} { slug }` : `fragment F${index} on ${type(index)} { ${relation(index)} { ...F${index + 1} } }`,
  );
  return `{ treatment(slug: "intrathecal-therapy") { ...F0 } } ${fragments.join(' ')}`;
}

/** A shallow query that fans out: 100 treatments × 20 conditions × 20 treatments × 20 conditions. */
const FAN_OUT = `{ treatments(first: 100) { edges { node { conditions { treatments { conditions { name } } } } } } }`;

/**
 * The app's own time for a request, from its `Server-Timing` header: `cpu` is the CPU time the
 * server process spent between the request's arrival and its response (the issue's "under 50 ms"
 * is asserted on it, as it does not grow when the shared test machine is busy); `app` is the wall
 * time, bounded generously (a few hundred ms) because other processes compete for the two cores.
 */
function expectRefusedQuickly(response: GraphQLResponse): void {
  const timing = response.headers['server-timing'] ?? '';
  const wall = Number(/app;dur=([\d.]+)/.exec(timing)?.[1]);
  const cpu = Number(/cpu;dur=([\d.]+)/.exec(timing)?.[1]);
  expect(cpu).toBeLessThan(50);
  expect(wall).toBeLessThan(500);
}

function expectRefused(response: GraphQLResponse, limit: string) {
  expectNoLeaks(response);
  expect(response.status).toBe(400);
  expect(response.data ?? null).toBeNull();
  expect(response.errors).toHaveLength(1);
  const error = response.errors![0];
  expect(error.extensions.code).toBe('QUERY_TOO_COMPLEX');
  expect(error.extensions.limit).toBe(limit);
  expect(error.message).toContain(String(error.extensions.maximum));
  return error;
}

const ANY_REFUSAL = expect.objectContaining({ extensions: expect.objectContaining({ code: 'QUERY_TOO_COMPLEX' }) });

describe('query limits', () => {
  const app = useTestApp();
  const accounts = app.accounts;

  beforeAll(async () => {
    const content = app.content;
    await content.practice({ name: 'Bluegrass Pain Clinic' });
    const treatment = await content.treatment({ title: 'Intrathecal Therapy', slug: 'intrathecal-therapy' });
    const condition = await content.condition({ name: 'Back Pain', slug: 'back-pain' });
    const office = await content.location({ name: 'Lexington Office', slug: 'lexington-office', latitude: 38.04, longitude: -84.5, phone: '+18595550100' });
    const provider = await content.provider({ firstName: 'Jane', lastName: 'Roe', slug: 'jane-roe', acceptingNewPatients: true });
    await content.treatmentConditions(treatment, [condition]);
    await content.treatmentLocations(treatment, [office]);
    await content.treatmentProviders(treatment, [provider]);
    await content.providerLocations(provider, [office]);
    await content.placeFaqs(DocumentType.TREATMENT, treatment.id, [await content.faq({ question: 'Does the pump hurt?' })]);
    // A warm server: the refusal times below are of the limits' work, not of the first request's.
    dataOf(await app.graphql(PRACTICE_SITE_PAGES['treatment page'], { slug: 'intrathecal-therapy' }));
  });

  /** The variables the README's and the benchmark's page operations take (a page's slug, a search). */
  const PAGE_VARIABLES = { slug: 'intrathecal-therapy', query: 'intrathecal pump' };

  describe('the pages a practice website needs pass with the defaults', () => {
    it.each(Object.entries(PRACTICE_SITE_PAGES))('answers the %s', async (_name, query) => {
      const slugs: Record<string, string> = { provider: 'jane-roe', location: 'lexington-office', condition: 'back-pain' };
      const slug = Object.entries(slugs).find(([field]) => query.includes(`${field}(slug`))?.[1] ?? 'intrathecal-therapy';
      dataOf(await app.graphql(query, { slug }));
    });

    it('refuses none of the operations README.md shows', async () => {
      const operations = readmeOperations();
      expect(operations.length).toBeGreaterThanOrEqual(5);
      for (const query of operations) {
        const response = await app.graphql(query, PAGE_VARIABLES);
        expect({ query, errors: response.errors ?? [] }).toEqual({ query, errors: expect.not.arrayContaining([ANY_REFUSAL]) });
      }
    });

    it('answers the README treatment page and list queries without any error', async () => {
      // Anonymous reads only: drafts and the admins' webhook delivery log need a credential.
      const reads = readmeOperations().filter((query) => !query.startsWith('mutation') && !query.includes('DRAFT') && !query.includes('webhookDeliveries'));
      expect(reads.length).toBeGreaterThanOrEqual(3);
      for (const query of reads) dataOf(await app.graphql(query, PAGE_VARIABLES));
    });

    it('answers the benchmark page queries (and refuses none of its mutations)', async () => {
      const operations = benchOperations();
      const reads = operations.filter((query) => !query.startsWith('mutation'));
      expect(reads.length).toBeGreaterThanOrEqual(4);
      for (const query of reads) dataOf(await app.graphql(query, PAGE_VARIABLES));
      for (const query of operations.filter((operation) => !reads.includes(operation))) {
        expect((await app.graphql(query)).errors ?? []).toEqual(expect.not.arrayContaining([ANY_REFUSAL]));
      }
    });

    it("answers graphql's standard introspection query, so GraphQL IDEs and codegen work", async () => {
      const full = getIntrospectionQuery({
        descriptions: true,
        specifiedByUrl: true,
        directiveIsRepeatable: true,
        schemaDescription: true,
        inputValueDeprecation: true,
      });

      const data = dataOf(await app.graphql(full));
      expect(data.__schema.types.length).toBeGreaterThan(50);
      dataOf(await app.graphql(getIntrospectionQuery()));
    });
  });

  describe('the bombs are refused within milliseconds, naming the limit and the measured value', () => {
    it("refuses the issue's seven treatment/condition pairs by depth", async () => {
      const response = await app.graphql(SEVEN_PAIRS);
      const error = expectRefused(response, 'depth');
      expect(error.message).toBe('Query depth 16 exceeds the limit of 12');
      expect(error.extensions).toMatchObject({ maximum: 12, measured: 16 });
      expectRefusedQuickly(response);
    });

    it('refuses 10,000 aliases while parsing, by the token limit', async () => {
      const response = await app.graphql(TEN_THOUSAND_ALIASES);
      const error = expectRefused(response, 'tokens');
      expect(error.message).toBe('Query has more than 1000 tokens, the limit (parsing stopped there)');
      expectRefusedQuickly(response);
    });

    it('refuses a fragment chain 100 deep', async () => {
      const response = await app.graphql(fragmentChain(100));
      expectRefused(response, 'tokens');
      expectRefusedQuickly(response);
    });

    it('counts depth through fragments: a chain of 40 within the token limit is refused by depth', async () => {
      const response = await app.graphql(fragmentChain(40));
      const error = expectRefused(response, 'depth');
      expect(error.message).toBe('Query depth 41 exceeds the limit of 12');
      expectRefusedQuickly(response);
    });

    it('refuses 90 aliases of one field before validation compares them pairwise (which takes graphql-js ~100 ms)', async () => {
      const response = await app.graphql(`{ ${Array.from({ length: 90 }, (_, index) => `t: treatment(slug: "t${index}") { title }`).join(' ')} }`);
      const error = expectRefused(response, 'aliases');
      expect(error.message).toBe('Query uses 90 aliases, more than the limit of 20');
      expectRefusedQuickly(response);
    });

    it('refuses more aliases than the limit, counting __typename aliases too', async () => {
      const response = await app.graphql(`{ ${Array.from({ length: 21 }, (_, index) => `t${index}: __typename`).join(' ')} }`);
      const error = expectRefused(response, 'aliases');
      expect(error.message).toBe('Query uses 21 aliases, more than the limit of 20');
    });

    it('refuses a shallow query whose lists multiply beyond the cost budget', async () => {
      const response = await app.graphql(FAN_OUT);
      const error = expectRefused(response, 'cost');
      // 1 + 100 × (edges 1 + node 1 + conditions (1 + 20 × (treatments 1 + 20 × (conditions 1 + 20 × name 1))))
      expect(error.message).toMatch(/^Query cost 842301 exceeds the limit of 50000 /);
      expect(error.extensions).toMatchObject({ maximum: 50000, measured: 842301 });
      expectRefusedQuickly(response);
    });

    it('prices a connection by its `first`, from a variable too', async () => {
      const query = `query ($first: Int!) { treatments(first: $first) { edges { node { conditions { treatments { conditions { name } } } } } } }`;
      expect((await app.graphql(query, { first: 5 })).errors).toBeUndefined();
      const refused = expectRefused(await app.graphql(query, { first: 6 }), 'cost');
      expect(refused.extensions.measured).toBe(1 + 6 * (1 + 1 + (1 + 20 * (1 + 20 * (1 + 20)))));
    });

    it('keeps answering other requests while a bomb is processed', async () => {
      const [bomb, typename, page] = await Promise.all([
        app.graphql(SEVEN_PAIRS),
        app.graphql('{ __typename }'),
        app.graphql(PRACTICE_SITE_PAGES['treatment page'], { slug: 'intrathecal-therapy' }),
      ]);
      expectRefused(bomb, 'depth');
      expect(dataOf(typename)).toEqual({ __typename: 'Query' });
      expect(dataOf(page).treatment.title).toBe('Intrathecal Therapy');
    });

    it('refuses over GET too', async () => {
      const response = await app.http().get('/graphql').query({ query: SEVEN_PAIRS }).set('apollo-require-preflight', 'true');
      expect(response.status).toBe(400);
      expect(response.body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    });
  });

  describe('an ADMIN gets ten times the depth, alias, directive and cost limits', () => {
    /** A 100-item page with every relation: cost 50,701, just over the default budget. */
    const EXPORT = `{ treatments(first: 100) { edges { node { title conditions { name } faqs { question } locations { name } providers { displayName locations { name } } } } } }`;

    it('lets an admin run a query over the default cost budget', async () => {
      const admin = await accounts.signedIn(Role.ADMIN);
      dataOf(await app.graphql(EXPORT, {}, admin.headers));
    });

    it("lets an admin use more aliases, and still refuses them to anonymous callers once Apollo has the admin's query parsed", async () => {
      const admin = await accounts.signedIn(Role.ADMIN);
      const aliased = `{ ${Array.from({ length: 25 }, (_, index) => `t${index}: __typename`).join(' ')} }`;
      expect(Object.keys(dataOf(await app.graphql(aliased, {}, admin.headers)))).toHaveLength(25);
      expect(expectRefused(await app.graphql(aliased), 'aliases').extensions.measured).toBe(25);
    });

    it('refuses the same query to anonymous callers and editors', async () => {
      const editor = await accounts.signedIn(Role.EDITOR);
      const error = expectRefused(await app.graphql(EXPORT), 'cost');
      expect(error.extensions.measured).toBe(50701);
      expectRefused(await app.graphql(EXPORT, {}, editor.headers), 'cost');
    });

    it('still refuses the bombs to an admin: their cost is far beyond ten budgets, and the token limit applies to everyone', async () => {
      const admin = await accounts.signedIn(Role.ADMIN);
      const error = expectRefused(await app.graphql(SEVEN_PAIRS, {}, admin.headers), 'cost');
      expect(error.extensions.maximum).toBe(500000);
      expectRefused(await app.graphql(TEN_THOUSAND_ALIASES, {}, admin.headers), 'tokens');
    });
  });
});

describe('query limits are configuration', () => {
  /** Each passes the defaults and is over exactly one of the lowered limits below. */
  const OVER_ONE_LIMIT: [string, string, string][] = [
    ['depth', 'QUERY_MAX_DEPTH=4', '{ treatment(slug: "intrathecal-therapy") { providers { locations { address { city } } } } }'],
    ['aliases', 'QUERY_MAX_ALIASES=1', '{ main: practice { name } again: practice { slug } }'],
    ['directives', 'QUERY_MAX_DIRECTIVES=1', '{ practice { name @include(if: true) slug @skip(if: false) } }'],
    ['cost', 'QUERY_MAX_COST=40', '{ treatment(slug: "intrathecal-therapy") { conditions { name } faqs { question } } }'],
    ['tokens', 'QUERY_MAX_TOKENS=100', PRACTICE_SITE_PAGES['treatment page']],
  ];
  let defaults: TestApp;
  let lowered: TestApp;

  beforeAll(async () => {
    defaults = await startTestApp();
    lowered = await startTestApp(Object.fromEntries(OVER_ONE_LIMIT.map(([, setting]) => setting.split('='))));
  });

  afterAll(async () => {
    await defaults?.close();
    await lowered?.close();
  });

  it.each(OVER_ONE_LIMIT)('refuses by %s when %s, a query the defaults answer', async (limit, setting, query) => {
    const variables = { slug: 'intrathecal-therapy' };
    expect((await defaults.graphql(query, variables)).errors).toBeUndefined();
    const error = expectRefused(await lowered.graphql(query, variables), limit);
    expect(error.extensions.maximum).toBe(Number(setting.split('=')[1]));
  });

  it('names the measured value: cost 43 = 1 + (1 + 20 × 1) + (1 + 20 × 1)', async () => {
    const error = expectRefused(await lowered.graphql(OVER_ONE_LIMIT[3][2]), 'cost');
    expect(error.message).toMatch(/^Query cost 43 exceeds the limit of 40 /);
  });
});
