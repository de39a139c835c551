import { type GraphQLResponse } from '../support/test-app';
import { dataOf, expectBadUserInput, expectNoLeaks } from './expectations';
import { useTestApp } from '../support/use-test-app';

describe('errors and HTTP behaviour', () => {
  const app = useTestApp();
  const factory = app.content;

  beforeAll(async () => {
    await factory.practice({ name: 'Bluegrass Pain Clinic' });
  });

  describe("invalid requests are the client's fault: BAD_USER_INPUT", () => {
    it('answers a malformed query with BAD_USER_INPUT, not a parser code', async () => {
      const response = await app.graphql(`{ treatment(slug: "x" { title }`);
      const error = expectBadUserInput(response);
      expect(JSON.stringify(response.errors)).not.toMatch(/GRAPHQL_PARSE_FAILED/);
      expect(error.message).toMatch(/Syntax Error/i);
    });

    it('answers an unknown field with BAD_USER_INPUT, not a validation code', async () => {
      const response = await app.graphql(`{ practice { name favouriteColour } }`);
      const error = expectBadUserInput(response);
      expect(JSON.stringify(response.errors)).not.toMatch(/GRAPHQL_VALIDATION_FAILED/);
      expect(error.message).toMatch(/favouriteColour/);
    });

    it('answers an unknown argument and a wrongly typed variable with BAD_USER_INPUT', async () => {
      expectBadUserInput(await app.graphql(`{ treatments(colour: "red") { totalCount } }`));
      expectBadUserInput(await app.graphql(`query ($first: Int) { treatments(first: $first) { totalCount } }`, { first: 'ten' }));
    });

    it.each([
      ['treatment', 'Intrathecal Therapy'],
      ['condition', 'back_pain'],
      ['faq', '-leading-hyphen'],
      ['provider', 'UPPER'],
      ['treatment', 'double--hyphen'],
    ])('rejects an invalid slug format on %s(slug: "%s") naming `slug`', async (query, slug) => {
      const response = await app.graphql(`query ($slug: String) { ${query}(slug: $slug) { id } }`, { slug });
      expectBadUserInput(response, 'slug');
    });

    it('rejects a slug longer than 200 characters', async () => {
      expectBadUserInput(await app.graphql(`query ($slug: String) { treatment(slug: $slug) { id } }`, { slug: 'a'.repeat(201) }), 'slug');
    });

    it.each(['treatment', 'condition', 'faq', 'provider'])('rejects an invalid UUID on %s(id:) naming `id`', async (query) => {
      const response = await app.graphql(`{ ${query}(id: "not-a-uuid") { id } }`);
      expectBadUserInput(response, 'id');
    });

    it('rejects invalid filter values naming their path', async () => {
      expectBadUserInput(await app.graphql(`{ treatments(filter: { condition: "Not A Slug" }) { totalCount } }`), 'filter.condition');
      expectBadUserInput(await app.graphql(`{ providers(filter: { specialty: "cardiology" }) { totalCount } }`), 'filter.specialty');
    });

    it('reports every invalid argument at once', async () => {
      const response = await app.graphql(`{ treatments(first: 500, filter: { provider: "Bad Slug", location: "also bad" }) { totalCount } }`);
      const error = expectBadUserInput(response);
      expect(error.extensions.fields?.map((field) => field.path).sort()).toEqual(['filter.location', 'filter.provider', 'first']);
    });

    it('keeps the data of the other fields when one field fails', async () => {
      const response = await app.graphql(`{ practice { name } treatment(id: "nope") { id } }`);
      expectBadUserInput(response, 'id');
      expect(response.data).toEqual({ practice: { name: 'Bluegrass Pain Clinic' }, treatment: null });
    });

    it('never reveals stack traces or SQL', async () => {
      const responses: GraphQLResponse[] = [
        await app.graphql(`{ treatment(slug: "x" { title }`),
        await app.graphql(`{ treatment(id: "not-a-uuid") { id } }`),
        await app.graphql(`{ treatment(id: "00000000-0000-0000-0000-00000000000z") { id } }`),
        await app.graphql(`{ treatments(first: 3, after: "bm90IGEgY3Vyc29y") { totalCount } }`),
      ];
      for (const response of responses) {
        expectNoLeaks(response);
        expect(JSON.stringify(response.errors ?? [])).not.toMatch(/stacktrace|node_modules|\/src\/|\.ts:\d+/);
      }
    });
  });

  // PostgreSQL refuses text with U+0000: the input pipe stops it first, naming the argument.
  it.each([
    ['treatments(filter: { text: "a\\u0000b" })', 'filter.text'],
    ['faqs(filter: { tag: "a\\u0000b" })', 'filter.tag'],
    ['treatments(filter: { category: "a\\u0000b" })', 'filter.category'],
  ])('rejects a NUL character in %s as BAD_USER_INPUT', async (field, path) => {
    expectBadUserInput(await app.graphql(`{ ${field} { totalCount } }`), path);
  });

  describe('HTTP', () => {
    it('answers a query sent with GET when the preflight header is there', async () => {
      const response = await app.http().get('/graphql').query({ query: '{practice{name}}' }).set('apollo-require-preflight', 'true');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ data: { practice: { name: 'Bluegrass Pain Clinic' } } });
    });

    it('refuses a GET without a preflight header (CSRF prevention)', async () => {
      const response = await app.http().get('/graphql').query({ query: '{practice{name}}' });
      expect(response.status).toBe(400);
      expect(response.body?.data).toBeUndefined();
    });

    it('echoes a valid incoming X-Request-Id', async () => {
      const response = await app.graphql(`{ practice { name } }`, undefined, { 'X-Request-Id': 'frontend-trace.42_a' });
      expect(dataOf(response).practice.name).toBe('Bluegrass Pain Clinic');
      expect(response.headers['x-request-id']).toBe('frontend-trace.42_a');
    });

    it('gives each request its own id when none (or an unusable one) is sent', async () => {
      const first = await app.graphql(`{ practice { name } }`);
      const second = await app.graphql(`{ practice { name } }`);
      const hostile = await app.graphql(`{ practice { name } }`, undefined, { 'X-Request-Id': 'bad id <script>' });
      for (const response of [first, second, hostile]) expect(response.headers['x-request-id']).toMatch(/^[A-Za-z0-9._-]{1,100}$/);
      expect(first.headers['x-request-id']).not.toBe(second.headers['x-request-id']);
      expect(hostile.headers['x-request-id']).not.toBe('bad id <script>');
    });

    it('sets x-request-id on error responses too', async () => {
      const response = await app.graphql(`{ treatment(slug: "x" { title }`, undefined, { 'X-Request-Id': 'failing-request-1' });
      expectBadUserInput(response);
      expect(response.headers['x-request-id']).toBe('failing-request-1');
    });
  });
});
