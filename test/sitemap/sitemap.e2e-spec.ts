import { Role } from '../../src/auth/permissions';
import { DocumentStatus } from '../../src/content/documents/document-status';
import { escapeXml } from '../../src/sitemap/sitemap-xml';
import { signedInClient, useTestApp } from '../support/use-test-app';
import { DEMO_OFFICES, DEMO_SITE_ENV, DEMO_SITE_URL } from '../jsonld/demo-site';

/** The <loc>s of a sitemap or sitemap index, in order. */
function locsOf(xml: string): string[] {
  return [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((match) => match[1]);
}

const DEMO_PAGES = [
  ...[
    'back-pain',
    'cancer-pain',
    'complex-regional-pain-syndrome-crps',
    'herniated-discs',
    'neck-pain',
    'nerve-damage',
    'pain-after-surgery',
    'spinal-cord-injuries',
  ].map((slug) => `${DEMO_SITE_URL}/conditions/${slug}`),
  ...[...DEMO_OFFICES].sort().map((slug) => `${DEMO_SITE_URL}/locations/${slug}`),
  `${DEMO_SITE_URL}/`,
  `${DEMO_SITE_URL}/providers/anjum-bux`,
  `${DEMO_SITE_URL}/treatments/intrathecal-therapy`,
];

describe('GET /sitemap.xml', () => {
  const app = useTestApp(DEMO_SITE_ENV);

  it("lists the demo's published pages at their configured URLs, each with lastmod", async () => {
    const response = await app.http().get('/sitemap.xml');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(response.headers['cache-control']).toMatch(/^public, max-age=\d+/);
    expect(response.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<urlset xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">/);
    expect(locsOf(response.text)).toEqual(DEMO_PAGES);
    expect(response.text.match(/<lastmod>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z<\/lastmod>/g)).toHaveLength(DEMO_PAGES.length);
  });

  it('leaves out drafts, trashed and noindex pages, inactive providers and pages canonical elsewhere', async () => {
    await app.content.treatment({ title: 'Draft Treatment', status: DocumentStatus.DRAFT });
    await app.content.treatment({ title: 'Hidden Treatment', noindex: true });
    await app.content.treatment({ title: 'Trashed Treatment', deletedAt: new Date() });
    await app.content.treatment({ title: 'Syndicated Treatment', canonicalUrl: 'https://partner.example/syndicated' });
    await app.content.treatment({ title: 'Self Canonical Treatment', canonicalUrl: `${DEMO_SITE_URL}/treatments/self-canonical-treatment` });
    await app.content.provider({ firstName: 'Retired', lastName: 'Doctor', active: false });
    await app.content.condition({ name: 'New Condition', publishedAt: new Date('2026-03-04T05:06:07.890Z') });

    const response = await app.http().get('/sitemap.xml');
    const locs = locsOf(response.text);
    expect(locs).toEqual(expect.arrayContaining([`${DEMO_SITE_URL}/treatments/self-canonical-treatment`, `${DEMO_SITE_URL}/conditions/new-condition`]));
    for (const absent of ['draft-treatment', 'hidden-treatment', 'trashed-treatment', 'syndicated-treatment', 'retired-doctor'])
      expect(locs.filter((loc) => loc.includes(absent))).toEqual([]);
    expect(response.text).toContain(`<loc>${DEMO_SITE_URL}/conditions/new-condition</loc>\n    <lastmod>2026-03-04T05:06:07Z</lastmod>`);
  });
});

describe('GET /robots.txt', () => {
  const app = useTestApp(DEMO_SITE_ENV);

  it('allows crawling and names the sitemap on the site', async () => {
    const response = await app.http().get('/robots.txt');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(response.text).toBe(`User-agent: *\nAllow: /\n\nSitemap: ${DEMO_SITE_URL}/sitemap.xml\n`);
  });
});

describe('a sitemap past SITEMAP_MAX_URLS', () => {
  const app = useTestApp({ ...DEMO_SITE_ENV, SITEMAP_MAX_URLS: '5' });

  it('is an index of numbered files that together list every page once', async () => {
    const index = await app.http().get('/sitemap.xml');
    expect(index.status).toBe(200);
    expect(index.text).toContain('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    const files = locsOf(index.text);
    expect(files).toEqual([1, 2, 3].map((number) => `${DEMO_SITE_URL}/sitemap-${number}.xml`));
    expect(index.text.match(/<lastmod>/g)).toHaveLength(3);

    const pages: string[] = [];
    for (const file of files) {
      const response = await app.http().get(new URL(file).pathname);
      expect(response.status).toBe(200);
      expect(response.text).toContain('<urlset');
      expect(locsOf(response.text).length).toBeLessThanOrEqual(5);
      pages.push(...locsOf(response.text));
    }
    expect(pages).toEqual(DEMO_PAGES);
  });

  it('answers 404 for a file past the last one', async () => {
    expect((await app.http().get('/sitemap-4.xml')).status).toBe(404);
    expect((await app.http().get('/sitemap-0.xml')).status).toBe(404);
    expect((await app.http().get('/sitemap-x.xml')).status).toBe(404);
  });
});

describe('a sitemap without SITE_URL', () => {
  const app = useTestApp({ LOAD_DEMO_CONTENT: 'true' });

  it('is empty, and robots.txt names no sitemap', async () => {
    const sitemap = await app.http().get('/sitemap.xml');
    expect(sitemap.status).toBe(200);
    expect(locsOf(sitemap.text)).toEqual([]);
    expect((await app.http().get('/robots.txt')).text).toBe('User-agent: *\nAllow: /\n');
  });
});

describe('the cached sitemap', () => {
  const app = useTestApp({ ...DEMO_SITE_ENV, RESPONSE_CACHE: 'on' });

  it('is served from the response cache until a page is published, then rebuilt', async () => {
    expect((await app.http().get('/sitemap.xml')).headers['x-cache']).toBe('MISS');
    const hit = await app.http().get('/sitemap.xml');
    expect(hit.headers['x-cache']).toBe('HIT');
    expect(locsOf(hit.text)).toEqual(DEMO_PAGES);
    const notModified = await app.http().get('/sitemap.xml').set('If-None-Match', hit.headers.etag);
    expect(notModified.status).toBe(304);

    const editor = await signedInClient(app, Role.EDITOR);
    const created = await editor.createTreatment({ title: 'Spinal Cord Stimulation', summary: 'A device eases pain.' });
    expect((await app.http().get('/sitemap.xml')).headers['x-cache']).toBe('HIT');
    await editor.publish('Treatment', created);

    const rebuilt = await app.http().get('/sitemap.xml');
    expect(rebuilt.headers['x-cache']).toBe('MISS');
    expect(locsOf(rebuilt.text)).toContain(`${DEMO_SITE_URL}/treatments/spinal-cord-stimulation`);
  });

  it('is not kept for a request with a credential', async () => {
    const editor = await signedInClient(app, Role.EDITOR);
    await app.http().get('/sitemap.xml');
    const response = await app.http().get('/sitemap.xml').set(editor.headers);
    expect(response.status).toBe(200);
    expect(response.headers['x-cache']).toBeUndefined();
  });
});

describe('XML escaping', () => {
  it('escapes the five characters XML reserves', () => {
    expect(escapeXml(`https://example.com/a?b=1&c='2'<"3">`)).toBe('https://example.com/a?b=1&amp;c=&apos;2&apos;&lt;&quot;3&quot;&gt;');
  });
});

describe('sitemap limits', () => {
  const app = useTestApp({ ...DEMO_SITE_ENV, TRUST_PROXY: 'loopback', RATE_LIMIT_ANONYMOUS_PER_MINUTE: '3' });

  it("spend from the client's anonymous budget like every public read", async () => {
    const statuses: number[] = [];
    for (const path of ['/sitemap.xml', '/robots.txt', '/sitemap-1.xml', '/sitemap.xml'])
      statuses.push((await app.http().get(path).set('X-Forwarded-For', '203.0.113.77')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});
