import { loadConfig } from '../../src/config/app-config';
import { ContentFactory } from '../factories/content.factory';
import { startTestApp, type TestApp } from '../support/test-app';

describe('absolute URLs come from PUBLIC_URL', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ PUBLIC_URL: 'https://api.practice.example/cms/' });
    const factory = new ContentFactory(app.dataSource);
    await factory.practice({ name: 'Bluegrass Pain Associates' });
    await factory.provider({ firstName: 'Ada', lastName: 'Okafor' });
  });

  afterAll(() => app.close());

  it('builds FHIR fullUrls from PUBLIC_URL, whatever Host and X-Forwarded-Proto say', async () => {
    const response = await app.http().get('/fhir/Bundle').set('host', 'evil.example').set('x-forwarded-proto', 'http').expect(200);
    expect(response.text).not.toContain('evil.example');
    const fullUrls: string[] = response.body.entry.map((entry: { fullUrl: string }) => entry.fullUrl);
    expect(fullUrls.length).toBeGreaterThan(0);
    for (const fullUrl of fullUrls)
      expect(fullUrl).toMatch(/^https:\/\/api\.practice\.example\/cms\/fhir\/(Organization|Practitioner|PractitionerRole)\/[0-9a-f-]{36}$/);
    // The answer no longer depends on the Host, so caches need not keep one copy per Host.
    expect(response.headers.vary ?? '').not.toMatch(/host/i);
  });

  it('answers a database error on /fhir/Bundle with private, no-store', async () => {
    await app.dataSource.query('ALTER TABLE practice RENAME TO practice_away');
    try {
      const failed = await app.http().get('/fhir/Bundle').set('host', 'evil.example');
      expect(failed.status).toBe(500);
      expect(failed.headers['cache-control']).toBe('private, no-store');
      expect(failed.text).not.toContain('evil.example');
      expect(failed.text).not.toContain('practice_away');
    } finally {
      await app.dataSource.query('ALTER TABLE practice_away RENAME TO practice');
    }
  });

  it('answers any error status with private, no-store, outside GraphQL too', async () => {
    const missing = await app.http().get('/fhir/Nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.headers['cache-control']).toBe('private, no-store');
  });
});

describe('PUBLIC_URL', () => {
  it('defaults to http://localhost:PORT', () => {
    expect(loadConfig({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
  });

  it('is refused when it is not an http(s) URL without query or fragment, naming the variable', () => {
    expect(() => loadConfig({ PUBLIC_URL: 'ftp://api.example.com' })).toThrow(/^Invalid configuration: PUBLIC_URL must be an http:\/\/ or https:\/\/ URL/);
    expect(() => loadConfig({ PUBLIC_URL: 'https://api.example.com/?x=1' })).toThrow(/PUBLIC_URL/);
    expect(loadConfig({ PUBLIC_URL: 'https://api.example.com/' }).publicUrl).toBe('https://api.example.com');
  });
});
