import { DocumentType } from '../../src/content/documents/document-status';
import { loadConfig } from '../../src/config/app-config';
import { bearer, LOGIN } from '../factories/accounts.factory';
import { type UsedTestApp, useTestApp } from '../support/use-test-app';
import { type AppUnderTest } from '../support/test-app';

const SITE = 'https://www.practice.test';
const OTHER_SITE = 'https://elsewhere.test';
const TREATMENT_PAGE = `query TreatmentPage($slug: String!) { treatment(slug: $slug) { title conditions { name } faqs { question } } }`;
const TREATMENT_PAGE_BODY = { query: TREATMENT_PAGE, variables: { slug: 'intrathecal-therapy' } };
const EXPECTED_PAGE = { treatment: { title: 'Intrathecal Therapy', conditions: [{ name: 'Back Pain' }], faqs: [{ question: 'Does it hurt?' }] } };

async function seedTreatmentPage(app: UsedTestApp): Promise<void> {
  const factory = app.content;
  const treatment = await factory.treatment({ title: 'Intrathecal Therapy' });
  await factory.treatmentConditions(treatment, [await factory.condition({ name: 'Back Pain' })]);
  await factory.placeFaqs(DocumentType.TREATMENT, treatment.id, [await factory.faq({ question: 'Does it hurt?' })], [0]);
}

const headerList = (value: string | undefined) => (value ?? '').split(',').map((name) => name.trim().toLowerCase());

function preflight(app: AppUnderTest, origin: string, requestHeaders = 'content-type') {
  return app.http().options('/graphql').set({ origin, 'access-control-request-method': 'POST', 'access-control-request-headers': requestHeaders });
}

function postFrom(app: AppUnderTest, origin: string, headers: Record<string, string> = {}, body: object = TREATMENT_PAGE_BODY) {
  return app
    .http()
    .post('/graphql')
    .set({ origin, 'content-type': 'application/json', ...headers })
    .send(body);
}

describe(`CORS with listed origins (CORS_ORIGINS=${SITE})`, () => {
  const app = useTestApp({ CORS_ORIGINS: SITE });
  let editorToken: string;

  beforeAll(async () => {
    await seedTreatmentPage(app);
    editorToken = (await app.accounts.signedIn()).accessToken;
  });

  it('answers a preflight from a listed origin with 204, the methods, the headers a page sends and a max-age', async () => {
    const response = await preflight(app, SITE, 'content-type,authorization,x-api-key,apollo-require-preflight');

    expect(response.status).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe(SITE);
    expect(response.headers['access-control-allow-credentials']).toBe('true');
    expect(headerList(response.headers['access-control-allow-methods'])).toEqual(['get', 'post', 'options']);
    expect(headerList(response.headers['access-control-allow-headers'])).toEqual(
      expect.arrayContaining(['content-type', 'authorization', 'x-api-key', 'apollo-require-preflight', 'x-apollo-operation-name', 'x-request-id']),
    );
    expect(Number(response.headers['access-control-max-age'])).toBeGreaterThan(0);
    expect(headerList(response.headers.vary)).toContain('origin');
  });

  it('lets a listed origin read the treatment page and the response headers a page needs', async () => {
    const response = await postFrom(app, SITE);

    expect(response.status).toBe(200);
    expect(response.body.data).toEqual(EXPECTED_PAGE);
    expect(response.headers['access-control-allow-origin']).toBe(SITE);
    expect(headerList(response.headers['access-control-expose-headers'])).toEqual(expect.arrayContaining(['x-request-id', 'etag', 'x-cache', 'retry-after']));
    expect(headerList(response.headers.vary)).toContain('origin');
  });

  it('lets a listed origin send an editor token', async () => {
    const response = await postFrom(app, SITE, bearer(editorToken), { query: '{ treatment(slug: "intrathecal-therapy", stage: DRAFT) { title } }' });

    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ treatment: { title: 'Intrathecal Therapy' } });
    expect(response.headers['access-control-allow-origin']).toBe(SITE);
  });

  it('refuses a preflight from an unlisted origin with 403 naming CORS_ORIGINS, without CORS headers', async () => {
    const response = await preflight(app, OTHER_SITE);

    expect(response.status).toBe(403);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(response.body.errors[0]).toEqual({
      message: `Origin ${OTHER_SITE} is not allowed to call this API: add it to CORS_ORIGINS`,
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it('sends an unlisted origin no CORS headers, so its browser keeps the response from the page', async () => {
    const response = await postFrom(app, OTHER_SITE);

    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    expect(headerList(response.headers.vary)).toContain('origin');
  });

  it('refuses a credential sent from an unlisted origin', async () => {
    const response = await postFrom(app, OTHER_SITE, bearer(editorToken));

    expect(response.status).toBe(403);
    expect(response.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(response.body.errors[0].message).toBe(
      `Requests from ${OTHER_SITE} may not carry Authorization or X-API-Key: only origins listed in CORS_ORIGINS may send credentials`,
    );
    expect(response.body.data).toBeUndefined();
  });

  it("accepts a credential from the API's own origin (the IDE), which needs no listing", async () => {
    const response = await app
      .http()
      .post('/graphql')
      .set({ host: 'cms.practice.test', origin: 'https://cms.practice.test', 'content-type': 'application/json', ...bearer(editorToken) })
      .send({ query: '{ treatment(slug: "intrathecal-therapy", stage: DRAFT) { title } }' });

    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ treatment: { title: 'Intrathecal Therapy' } });
  });

  it('answers an OPTIONS request that is not a preflight itself, with the allowed methods', async () => {
    const response = await app.http().options('/graphql');

    expect(response.status).toBe(204);
    expect(response.headers.allow).toBe('GET, POST, OPTIONS');
  });

  it("keeps Apollo's CSRF prevention for simple cross-site GETs, and GET queries with the header working", async () => {
    const simple = await app.http().get('/graphql').query({ query: '{ __typename }' });
    expect(simple.status).toBe(400);
    expect(simple.body.errors[0].message).toMatch(/Cross-Site Request Forgery/);

    const withHeader = await app
      .http()
      .get('/graphql')
      .query({ query: TREATMENT_PAGE, variables: JSON.stringify(TREATMENT_PAGE_BODY.variables) })
      .set('apollo-require-preflight', 'true');
    expect(withHeader.status).toBe(200);
    expect(withHeader.body.data).toEqual(EXPECTED_PAGE);
  });

  it('sends security headers an API needs, and no HSTS over plain HTTP even when an untrusted client claims https', async () => {
    const response = await postFrom(app, SITE).set('x-forwarded-proto', 'https');

    expect(response.headers['content-security-policy']).toBe("default-src 'none';base-uri 'none';form-action 'none';frame-ancestors 'none'");
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  describe('the IDE at GET /graphql (on by default outside production)', () => {
    it('serves GraphiQL to a browser, under a CSP that allows only its own files and one style nonce', async () => {
      const response = await app.http().get('/graphql').set('accept', 'text/html,application/xhtml+xml,*/*;q=0.8');

      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.text).toContain('<div id="graphiql">');
      const csp = response.headers['content-security-policy'];
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(csp).toBe(
        `default-src 'none'; script-src 'self'; style-src 'self' 'nonce-${nonce}'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
      );
      expect(response.text).toContain(`nonce="${nonce}"`);
      const another = await app.http().get('/graphql').set('accept', 'text/html');
      expect(another.headers['content-security-policy']).not.toContain(nonce);
    });

    it('serves every script and stylesheet of the IDE from the API itself, with its content type', async () => {
      const page = (await app.http().get('/graphql').set('accept', 'text/html')).text;
      const scripts = [...page.matchAll(/<script src="([^"]+)"/g)].map((match) => match[1]);
      const styles = [...page.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((match) => match[1]);

      expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);
      expect(scripts.map((url) => url.replace(/@[\d.]+|-[0-9a-f]{12}/g, ''))).toEqual([
        '/graphql/ide/react/react.production.min.js',
        '/graphql/ide/react-dom/react-dom.production.min.js',
        '/graphql/ide/graphiql/graphiql.min.js',
        '/graphql/ide/ide.js',
      ]);
      for (const [urls, type] of [
        [scripts, 'application/javascript; charset=utf-8'],
        [styles, 'text/css; charset=utf-8'],
      ] as const) {
        for (const url of urls) {
          const asset = await app.http().get(url);
          expect({ url, status: asset.status, type: asset.headers['content-type'] }).toEqual({ url, status: 200, type });
          expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
          expect(Number(asset.headers['content-length'])).toBeGreaterThan(50);
        }
      }
      expect(styles).toHaveLength(2);
    });

    it('answers GET queries from a browser as before, as JSON', async () => {
      const response = await app
        .http()
        .get('/graphql')
        .query({ query: '{ treatment(slug: "intrathecal-therapy") { title } }' })
        .set({ accept: 'text/html,application/xhtml+xml,*/*;q=0.8', 'apollo-require-preflight': 'true' });

      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.body.data).toEqual({ treatment: { title: 'Intrathecal Therapy' } });
    });

    it('answers introspection by default (GRAPHQL_INTROSPECTION defaults to on)', async () => {
      const response = await app.graphql('{ __schema { queryType { name } } }');

      expect(response.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    });
  });
});

describe('CORS with * (any origin may read anonymously), the IDE and introspection off', () => {
  const app = useTestApp({ CORS_ORIGINS: '*', GRAPHQL_IDE: 'false', GRAPHQL_INTROSPECTION: 'false' });
  let editorToken: string;

  beforeAll(async () => {
    await seedTreatmentPage(app);
    editorToken = (await app.accounts.signedIn()).accessToken;
  });

  it('lets any origin read anonymously with Access-Control-Allow-Origin: *, no credentials flag and no Vary: Origin', async () => {
    const response = await postFrom(app, OTHER_SITE);

    expect(response.status).toBe(200);
    expect(response.body.data).toEqual(EXPECTED_PAGE);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    expect(headerList(response.headers.vary)).not.toContain('origin');
  });

  it('answers an anonymous preflight from any origin with 204, offering no credential headers', async () => {
    const response = await preflight(app, OTHER_SITE, 'content-type,x-apollo-operation-name');

    expect(response.status).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(headerList(response.headers['access-control-allow-headers'])).not.toEqual(expect.arrayContaining(['authorization']));
    expect(headerList(response.headers['access-control-allow-headers'])).not.toEqual(expect.arrayContaining(['x-api-key']));
  });

  it('refuses a preflight that asks to send Authorization or X-API-Key', async () => {
    for (const header of ['content-type,authorization', 'X-API-Key']) {
      const response = await preflight(app, OTHER_SITE, header);
      expect(response.status).toBe(403);
      expect(response.body.errors[0].message).toMatch(/only origins listed in CORS_ORIGINS may send credentials \(\* allows anonymous reads only\)$/);
    }
  });

  it('refuses a request carrying a credential, with a refusal the page can read', async () => {
    const response = await postFrom(app, OTHER_SITE, { 'x-api-key': 'cms_anything' });

    expect(response.status).toBe(403);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('refuses mutations from an origin that may only read', async () => {
    const response = await postFrom(
      app,
      OTHER_SITE,
      {},
      { query: LOGIN, variables: { input: { email: 'someone@example.com', password: 'a-password-long-enough' } } },
    );

    expect(response.status).toBe(403);
    expect(response.body.errors[0]).toEqual({
      message: `Mutations are not accepted from ${OTHER_SITE}: * in CORS_ORIGINS allows anonymous reads only; list the origin to let its pages write`,
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it('shows a short explanation instead of the IDE when GRAPHQL_IDE=false, and serves no IDE files', async () => {
    const response = await app.http().get('/graphql').set('accept', 'text/html');

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.text).toContain('The in-browser IDE is turned off on this server (set <code>GRAPHQL_IDE=true</code> to turn it on)');
    expect(response.text).not.toContain('<script');
    expect((await app.http().get('/graphql/ide/graphiql@4.1.2/graphiql.min.js')).status).toBe(404);
  });

  it('keeps GET queries working with the IDE off', async () => {
    const response = await app
      .http()
      .get('/graphql')
      .query({ query: '{ treatment(slug: "intrathecal-therapy") { title } }' })
      .set('apollo-require-preflight', 'true');

    expect(response.body.data).toEqual({ treatment: { title: 'Intrathecal Therapy' } });
  });

  it('refuses introspection without a credential, naming GRAPHQL_INTROSPECTION, but still answers __typename', async () => {
    for (const query of [
      '{ __schema { queryType { name } } }',
      '{ treatment(slug: "x") { title } __type(name: "Treatment") { name } }',
      'query { ...Schema } fragment Schema on Query { __schema { types { name } } }',
    ]) {
      const response = await app.graphql(query);
      expect(response.status).toBe(403);
      expect(response.data).toBeUndefined();
      expect(response.errors).toEqual([
        {
          message:
            'Introspection is turned off on this server (GRAPHQL_INTROSPECTION=false) for requests without a credential; the schema is published as schema.gql',
          extensions: { code: 'FORBIDDEN' },
        },
      ]);
    }
    expect((await app.graphql('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  it('lets a request with a credential introspect (admin tools and code generators)', async () => {
    const response = await app.graphql('{ __schema { queryType { name } } }', undefined, bearer(editorToken));

    expect(response.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });
});

describe('CORS_ORIGINS validation', () => {
  it('refuses an origin with a path or a trailing slash, naming the variable and the rule', () => {
    for (const value of [`${SITE}/`, `${SITE}/app`, 'www.practice.test', `${SITE},`]) {
      expect(() => loadConfig({ CORS_ORIGINS: value })).toThrow(
        `Invalid configuration: CORS_ORIGINS must be a comma-separated list of origins like https://www.example.com (scheme://host[:port], no path or trailing slash), or * for anonymous reads from any origin (got "${value}")`,
      );
    }
  });

  it('reads origins as browsers send them: lowercase, without a default port', () => {
    expect(loadConfig({ CORS_ORIGINS: ' https://WWW.Practice.test:443 , http://localhost:3000,*' }).corsOrigins).toEqual([
      'https://www.practice.test',
      'http://localhost:3000',
      '*',
    ]);
  });

  it('turns the IDE on by default outside production, and off in production on a PostgreSQL server', () => {
    expect(loadConfig({ NODE_ENV: 'development', DATABASE_URL: 'postgres://db/cms' }).graphqlIdeEnabled).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/cms' }).graphqlIdeEnabled).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/cms', GRAPHQL_IDE: 'true' }).graphqlIdeEnabled).toBe(true);
    expect(() => loadConfig({ GRAPHQL_IDE: 'sometimes' })).toThrow('Invalid configuration: GRAPHQL_IDE must be true or false (got "sometimes")');
  });
});
