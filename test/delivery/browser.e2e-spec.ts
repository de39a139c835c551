import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type Browser, chromium, type Page } from 'playwright-core';
import { DocumentType } from '../../src/content/documents/document-status';
import { useTestApp } from '../support/use-test-app';

/** Debian's package (`apt-get install chromium`); .ci/run installs it when it can. */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * A practice site's page: its script fetches the treatment page from the API given in the URL
 * (`?api=`), as a Next.js or Astro page would in the browser, with an optional editor token
 * (`?token=`), and leaves the outcome in `window.outcome`.
 */
const SITE_PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>Practice site</title></head>
<body>
<h1 id="title">…</h1>
<script>
  const params = new URLSearchParams(location.search);
  const headers = { 'content-type': 'application/json' };
  if (params.get('token')) headers.authorization = 'Bearer ' + params.get('token');
  const query = 'query TreatmentPage($slug: String!, $stage: Stage!) { treatment(slug: $slug, stage: $stage) { title conditions { name } faqs { question } } }';
  fetch(params.get('api') + '/graphql', {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables: { slug: 'intrathecal-therapy', stage: params.get('token') ? 'DRAFT' : 'PUBLISHED' } }),
  })
    .then((response) => response.json().then((body) => ({ status: response.status, requestId: response.headers.get('x-request-id'), body })))
    .then((outcome) => {
      document.getElementById('title').textContent = outcome.body.data.treatment.title;
      window.outcome = outcome;
    })
    .catch((error) => { window.outcome = { error: error.name + ': ' + error.message }; });
</script>
</body></html>
`;

async function startSite(): Promise<{ server: Server; origin: string }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(SITE_PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const chromiumMissing = !existsSync(CHROMIUM);
if (chromiumMissing) console.log(`Skipping the real-browser tests: ${CHROMIUM} is missing (install Debian's package: apt-get install -y chromium).`);
const describeWithChromium = chromiumMissing ? describe.skip : describe;

describeWithChromium('a real browser (headless Chromium)', () => {
  let listedSite: { server: Server; origin: string };
  let otherSite: { server: Server; origin: string };
  let api: string;
  let browser: Browser;
  let editorToken: string;

  beforeAll(async () => {
    [listedSite, otherSite] = [await startSite(), await startSite()];
  });

  const app = useTestApp(() => ({ CORS_ORIGINS: listedSite.origin }));

  beforeAll(async () => {
    await app.running.app.listen(0, '127.0.0.1');
    api = `http://127.0.0.1:${(app.running.app.getHttpServer().address() as AddressInfo).port}`;
    const factory = app.content;
    const treatment = await factory.treatment({ title: 'Intrathecal Therapy' });
    await factory.treatmentConditions(treatment, [await factory.condition({ name: 'Back Pain' })]);
    await factory.placeFaqs(DocumentType.TREATMENT, treatment.id, [await factory.faq({ question: 'Does it hurt?' })], [0]);
    editorToken = (await app.accounts.signedIn()).accessToken;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    listedSite?.server.close();
    otherSite?.server.close();
  });

  /** Opens the site's page in a fresh browser context and waits for its fetch to settle; console lines are collected. */
  async function visitSite(origin: string, token?: string): Promise<{ outcome: any; console: string[] }> {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const console: string[] = [];
      page.on('console', (message) => console.push(`${message.type()}: ${message.text()}`));
      const url = new URL('/', origin);
      url.searchParams.set('api', api);
      if (token) url.searchParams.set('token', token);
      await page.goto(url.href);
      // Page code is given as strings: the project's TypeScript has no DOM types.
      await page.waitForFunction('window.outcome !== undefined', undefined, { timeout: 15000 });
      return { outcome: await page.evaluate('window.outcome'), console };
    } finally {
      await context.close();
    }
  }

  it('lets a page on a listed origin read the treatment page with fetch', async () => {
    const { outcome } = await visitSite(listedSite.origin);

    expect(outcome.status).toBe(200);
    expect(outcome.body.data).toEqual({
      treatment: { title: 'Intrathecal Therapy', conditions: [{ name: 'Back Pain' }], faqs: [{ question: 'Does it hurt?' }] },
    });
    // An exposed header: the page can quote the request id in a bug report.
    expect(outcome.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("lets a page on a listed origin send an editor's token (the preflight allows Authorization)", async () => {
    const { outcome } = await visitSite(listedSite.origin, editorToken);

    expect(outcome.status).toBe(200);
    expect(outcome.body.data.treatment.title).toBe('Intrathecal Therapy');
  });

  it('keeps the response from a page on an unlisted origin: its fetch fails with a CORS error', async () => {
    const { outcome, console } = await visitSite(otherSite.origin);

    expect(outcome).toEqual({ error: 'TypeError: Failed to fetch' });
    expect(console.join('\n')).toContain(`from origin '${otherSite.origin}' has been blocked by CORS policy`);
  });

  describe('the IDE', () => {
    let page: Page;
    const violations: string[] = [];
    const problems: string[] = [];

    beforeAll(async () => {
      page = await browser.newPage();
      // Recorded from the first script on: every Content-Security-Policy violation the page sees.
      await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
      await page.addInitScript({
        content: "document.addEventListener('securitypolicyviolation', (event) => window.reportViolation(event.violatedDirective + ' ' + event.blockedURI));",
      });
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('response', (response) => {
        if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
      });
      await page.goto(`${api}/graphql`);
    });
    afterAll(() => page?.close());

    it('mounts GraphiQL with its query editor, with no CSP violation or console error', async () => {
      await page.waitForSelector('.graphiql-container .graphiql-query-editor .CodeMirror', { timeout: 15000 });
      await expect(page.textContent('.graphiql-query-editor')).resolves.toContain('treatments(first: 5)');

      expect(violations).toEqual([]);
      expect(problems).toEqual([]);
    });

    it('runs the query and shows the data', async () => {
      await page.click('.graphiql-execute-button');
      // A locator, not a string predicate: Playwright would eval that, which the page's CSP forbids.
      await page.locator('.graphiql-response', { hasText: 'intrathecal-therapy' }).waitFor({ timeout: 15000 });

      expect(violations).toEqual([]);
      expect(problems).toEqual([]);
    });

    it('opens a dialog, whose runtime <style> the page nonce allows', async () => {
      await page.click('.graphiql-sidebar button[aria-label="Open settings dialog"]');
      await page.waitForSelector('.graphiql-dialog', { timeout: 15000 });
      const styleNonces: string[] = await page.evaluate("[...document.querySelectorAll('head style')].map((style) => style.nonce)");

      expect(violations).toEqual([]);
      expect(problems).toEqual([]);
      expect(styleNonces.length).toBeGreaterThan(0);
      expect(styleNonces.every((nonce) => nonce.length > 0)).toBe(true);
    });
  });
});
