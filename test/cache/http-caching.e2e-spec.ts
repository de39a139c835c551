import { Role } from '../../src/auth/permissions';
import { DocumentType } from '../../src/content/documents/document-status';
import { DAYS_OF_WEEK } from '../../src/locations/opening-hours';
import { type SignedInUser } from '../factories/accounts.factory';
import { useTestApp } from '../support/use-test-app';

/** The README's GET example. */
const README_QUERY = '{ treatment(slug: "intrathecal-therapy") { title conditions { name } faqs { question } } }';
const PUBLIC_DEFAULT = 'public, max-age=60, s-maxage=60, stale-while-revalidate=30';

describe('HTTP caching of GraphQL responses', () => {
  const app = useTestApp();
  let editor: SignedInUser;

  beforeAll(async () => {
    const content = app.content;
    const treatment = await content.treatment({ title: 'Intrathecal Therapy' });
    await content.treatmentConditions(treatment, [await content.condition({ name: 'Cancer Pain' })]);
    await content.placeFaqs(DocumentType.TREATMENT, treatment.id, [await content.faq({ question: 'How long is the trial?' })]);
    editor = await app.accounts.signedIn(Role.EDITOR);
  });

  const get = (query: string, headers: Record<string, string> = {}) =>
    app
      .http()
      .get('/graphql')
      .query({ query })
      .set({ 'apollo-require-preflight': 'true', ...headers });

  it("answers the README's GET example publicly, with a strong ETag and Vary", async () => {
    const response = await get(README_QUERY).expect(200);
    expect(response.body.data.treatment).toEqual({
      title: 'Intrathecal Therapy',
      conditions: [{ name: 'Cancer Pain' }],
      faqs: [{ question: 'How long is the trial?' }],
    });
    expect(response.headers['cache-control']).toBe(PUBLIC_DEFAULT);
    expect(response.headers.etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(response.headers.vary.split(/,\s*/)).toEqual(expect.arrayContaining(['Authorization', 'X-API-Key', 'Accept']));
  });

  it('answers a repeat carrying the ETag in If-None-Match with 304 Not Modified and no body', async () => {
    const first = await get(README_QUERY).expect(200);
    const repeat = await get(README_QUERY, { 'if-none-match': first.headers.etag }).expect(304);
    expect(repeat.text).toBe('');
    expect(repeat.headers.etag).toBe(first.headers.etag);
    expect(repeat.headers['cache-control']).toBe(PUBLIC_DEFAULT);
    await get(README_QUERY, { 'if-none-match': '"something-else"' }).expect(200);
  });

  it('makes the same request with a token private, no-store, without an ETag', async () => {
    const response = await get(README_QUERY, editor.headers).expect(200);
    expect(response.body.data.treatment.title).toBe('Intrathecal Therapy');
    expect(response.headers['cache-control']).toBe('private, no-store');
    expect(response.headers.etag).toBeUndefined();
  });

  it('makes drafts, errors and mutations private, no-store', async () => {
    const draft = await app.graphql('{ treatment(slug: "intrathecal-therapy", stage: DRAFT) { title } }', {}, editor.headers);
    expect(draft.data.treatment.title).toBe('Intrathecal Therapy');
    expect(draft.headers['cache-control']).toBe('private, no-store');

    const anonymousDraft = await get('{ treatment(slug: "intrathecal-therapy", stage: DRAFT) { title } }');
    expect(anonymousDraft.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(anonymousDraft.headers['cache-control']).toBe('private, no-store');

    const invalid = await get('{ treatment(slug: "intrathecal-therapy") { noSuchField } }');
    expect(invalid.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(invalid.headers['cache-control']).toBe('private, no-store');

    const failing = await get('{ treatments(first: 1000) { totalCount } }');
    expect(failing.body.errors).toBeDefined();
    expect(failing.headers['cache-control']).toBe('private, no-store');

    const user = await app.accounts.user();
    const login = await app.graphql('mutation($input: LoginInput!) { login(input: $input) { accessToken } }', {
      input: { email: user.email, password: user.password },
    });
    expect(login.errors).toBeUndefined();
    expect(login.headers['cache-control']).toBe('private, no-store');
    expect(login.headers.etag).toBeUndefined();
  });

  it('keeps CSRF prevention: a GET without a preflight header is refused, and not cacheable', async () => {
    const response = await app.http().get('/graphql').query({ query: README_QUERY }).set('accept', 'application/json');
    expect(response.status).toBe(400);
    expect(response.headers['cache-control']).toBe('private, no-store');
    const named = await app.http().get('/graphql').query({ query: README_QUERY }).set('x-apollo-operation-name', 'TreatmentPage').expect(200);
    expect(named.headers['cache-control']).toBe(PUBLIC_DEFAULT);
  });

  it('serves the FHIR bundle publicly, but never a database error', async () => {
    const ok = await app.http().get('/fhir/Bundle').expect(200);
    expect(ok.headers['cache-control']).toBe(PUBLIC_DEFAULT);

    await app.dataSource.query('ALTER TABLE providers RENAME TO providers_away');
    try {
      const failed = await app.http().get('/fhir/Bundle');
      expect(failed.status).toBe(500);
      expect(failed.headers['cache-control']).toBe('private, no-store');
    } finally {
      await app.dataSource.query('ALTER TABLE providers_away RENAME TO providers');
    }
  });
});

describe('answers that change at a known time', () => {
  const app = useTestApp({ CACHE_MAX_AGE_SECONDS: '3600', CACHE_S_MAXAGE_SECONDS: '7200' });
  /** Seconds from `startedAt` until the office closes. */
  let secondsToClose: number;

  beforeAll(async () => {
    // A long default, so that a closing ten minutes away is what bounds the response.
    // A fixed-offset zone in which it is now between 12:00 and 13:00, so "ten minutes from now" is today.
    const now = new Date();
    const offset = 12 - now.getUTCHours();
    const timezone = offset === 0 ? 'Etc/GMT' : offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
    const closingMinute = 12 * 60 + now.getUTCMinutes() + 10;
    const closes = `${String(Math.floor(closingMinute / 60)).padStart(2, '0')}:${String(closingMinute % 60).padStart(2, '0')}`;
    secondsToClose = 600 - now.getUTCSeconds() - now.getUTCMilliseconds() / 1000;
    await app.content.location({
      name: 'Lexington Office',
      timezone,
      openingHours: DAYS_OF_WEEK.map((day) => ({ day, opens: '00:00', closes })),
    });
  });

  it('caches openNow no longer than until the office next opens or closes, and never stale', async () => {
    const response = await app.graphql('{ location(slug: "lexington-office") { name openNow } }');
    expect(response.data.location).toEqual({ name: 'Lexington Office', openNow: true });
    const cacheControl = response.headers['cache-control'];
    const maxAge = Number(/max-age=(\d+)/.exec(cacheControl)?.[1]);
    expect(maxAge).toBeLessThanOrEqual(secondsToClose);
    // Generous: the request may run a minute late on a loaded machine.
    expect(maxAge).toBeGreaterThan(secondsToClose - 60);
    expect(cacheControl).toBe(`public, max-age=${maxAge}, s-maxage=${maxAge}`);
  });

  it('bounds openStatus the same way, but not a status asked for a given instant', async () => {
    const now = await app.graphql('{ location(slug: "lexington-office") { openStatus { isOpen label } } }');
    expect(now.data.location.openStatus.isOpen).toBe(true);
    expect(Number(/max-age=(\d+)/.exec(now.headers['cache-control'])?.[1])).toBeLessThanOrEqual(secondsToClose);

    const fixed = await app.graphql('{ location(slug: "lexington-office") { openStatus(at: "2030-01-07T12:00:00Z") { isOpen } } }');
    expect(fixed.headers['cache-control']).toBe('public, max-age=3600, s-maxage=7200, stale-while-revalidate=30');
  });

  it('leaves other answers at the configured ages', async () => {
    const response = await app.graphql('{ location(slug: "lexington-office") { name } }');
    expect(response.headers['cache-control']).toBe('public, max-age=3600, s-maxage=7200, stale-while-revalidate=30');
  });
});
