import { Role } from '../../src/auth/permissions';
import { type GraphQLResponse } from '../support/test-app';
import { useTestApp } from '../support/use-test-app';

/** The pages a site asks for again and again: each is compiled at its second request. */
const PAGES: Record<string, { query: string; variables?: Record<string, unknown> }> = {
  'treatment page': {
    query: `query TreatmentPage($slug: String!) {
      treatment(slug: $slug) {
        slug title summary body { html markdown } benefits
        procedure { setting anesthesia typicalDuration recovery { html } }
        conditions { slug name bodyRegion }
        faqs { slug question answer { html } }
        providers { displayName credentials primaryLocation { name } locations { name address { city } phone { display uri } } }
        locations { slug name openNow openStatus { label } }
        seo { metaTitle canonicalUrl noindex }
      }
    }`,
    variables: { slug: 'intrathecal-therapy' },
  },
  'list with count, cursors and fragments': {
    query: `query List($first: Int!, $withConditions: Boolean!) {
      treatments(first: $first) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { cursor node { ...Card conditions @include(if: $withConditions) { slug } alsoTitle: title } }
      }
    }
    fragment Card on Treatment { slug title summary }`,
    variables: { first: 3, withConditions: true },
  },
  'search across types': {
    query: `query Search($query: String!) {
      search(query: $query, first: 5) {
        totalCount
        edges { score snippet node { __typename ... on Treatment { slug title } ... on Condition { slug name } ... on Faq { question } ... on Provider { displayName } ... on Location { name } } }
      }
    }`,
    variables: { query: 'intrathecal pump' },
  },
  'practice, its notices and offices': {
    query: `{
      practice { name notices { title } faqs { question } mainPhone { display } }
      locations(first: 4) { edges { node { slug name timezone openNow openStatus { state label } openingHours { __typename } providers { displayName } } } }
      __typename
    }`,
  },
};

/** What a client sees of a response, but the header that tells how it was executed. */
function seen(response: GraphQLResponse) {
  return { status: response.status, data: response.data, errors: response.errors, cacheControl: response.headers['cache-control'] };
}

describe('compiled execution of repeated read operations', () => {
  const app = useTestApp({ LOAD_DEMO_CONTENT: 'true', GRAPHQL_COMPILE_AFTER: '1' });

  it.each(Object.entries(PAGES))('answers the %s the same compiled as graphql-js did', async (_, { query, variables }) => {
    const first = await app.graphql(query, variables);
    expect(first.errors).toBeUndefined();
    expect(first.headers['x-graphql-execution']).toBeUndefined();

    const second = await app.graphql(query, variables);
    expect(second.headers['x-graphql-execution']).toBe('compiled');
    expect(seen(second)).toEqual(seen(first));
  });

  it('hands a compiled operation new variables', async () => {
    const { query } = PAGES['treatment page'];
    await app.content.treatment({ title: 'Spinal Cord Stimulation', slug: 'spinal-cord-stimulation' });
    await app.graphql(query, { slug: 'intrathecal-therapy' });
    const other = await app.graphql(query, { slug: 'spinal-cord-stimulation' });
    expect(other.headers['x-graphql-execution']).toBe('compiled');
    expect(other.data.treatment).toMatchObject({ slug: 'spinal-cord-stimulation' });
    const missing = await app.graphql(query, { slug: 'no-such-treatment' });
    expect(missing.data).toEqual({ treatment: null });
  });

  it('lets graphql-js answer a result with errors, shaped as always', async () => {
    const query = 'query Page($after: String) { treatments(first: 2, after: $after) { edges { node { slug } } } }';
    const first = await app.graphql(query, { after: 'not-a-cursor' });
    const second = await app.graphql(query, { after: 'not-a-cursor' });
    expect(first.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
    expect(second.headers['x-graphql-execution']).toBeUndefined();
    expect(seen(second)).toEqual(seen(first));
  });

  it('never compiles a mutation', async () => {
    const editor = await app.accounts.signedIn(Role.EDITOR);
    const create = 'mutation Create($name: String!) { createCondition(input: { name: $name }) { name } }';
    for (const name of ['Coccydynia', 'Meralgia Paresthetica', 'Piriformis Syndrome']) {
      const response = await app.graphql(create, { name }, editor.headers);
      expect(response.data.createCondition).toEqual({ name });
      expect(response.headers['x-graphql-execution']).toBeUndefined();
    }
  });
});

describe('compiled operations are bounded', () => {
  const app = useTestApp({ LOAD_DEMO_CONTENT: 'true', GRAPHQL_COMPILE_AFTER: '1', GRAPHQL_COMPILED_MAX: '1' });

  it('drops the least recently used operation for a new one, which then starts over on graphql-js', async () => {
    const execution = async (query: string) => (await app.graphql(query)).headers['x-graphql-execution'] ?? 'graphql-js';
    const titles = '{ treatments(first: 2) { edges { node { title } } } }';
    const names = '{ conditions(first: 2) { edges { node { name } } } }';
    expect([await execution(titles), await execution(titles)]).toEqual(['graphql-js', 'compiled']);
    expect([await execution(names), await execution(names)]).toEqual(['graphql-js', 'compiled']);
    expect([await execution(titles), await execution(titles)]).toEqual(['graphql-js', 'compiled']);
  });
});

describe('compiling turned off', () => {
  const app = useTestApp({ LOAD_DEMO_CONTENT: 'true', GRAPHQL_COMPILED_MAX: '0' });

  it('runs every operation on graphql-js', async () => {
    const query = PAGES['treatment page'];
    for (let round = 0; round < 4; round++) {
      const response = await app.graphql(query.query, query.variables);
      expect(response.data.treatment.slug).toBe('intrathecal-therapy');
      expect(response.headers['x-graphql-execution']).toBeUndefined();
    }
  });
});
