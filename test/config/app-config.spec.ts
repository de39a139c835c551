import { loadConfig } from '../../src/config/app-config';

describe('configuration', () => {
  it('has working defaults: port 3000, embedded database, demo content', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.usesEmbeddedDatabase).toBe(true);
    expect(config.shouldLoadDemoContent).toBe(true);
  });

  it('uses a PostgreSQL server given in DATABASE_URL, without demo content unless asked', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://user:secret@db:5432/cms' });
    expect(config.usesEmbeddedDatabase).toBe(false);
    expect(config.shouldLoadDemoContent).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/cms', LOAD_DEMO_CONTENT: 'true' }).shouldLoadDemoContent).toBe(true);
  });

  it('stops on a wrong PORT with one line naming the variable and the value', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/^Invalid configuration: PORT must be an integer between 0 and 65535 \(got "abc"\)$/);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
  });

  it('stops on a wrong DATABASE_URL naming the variable, without echoing the URL (it may hold a password)', () => {
    let message = '';
    try {
      loadConfig({ DATABASE_URL: 'mysql://root:hunter2@db/cms' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe('Invalid configuration: DATABASE_URL must be a postgres:// or postgresql:// URL');
    expect(message).not.toContain('hunter2');
  });

  it('refuses a placeholder JWT_SECRET copied from an example', () => {
    for (const placeholder of ['change-me-to-a-long-random-secret-of-32-chars-or-more', 'replace-me-with-a-secret-of-at-least-32-characters']) {
      expect(() => loadConfig({ JWT_SECRET: placeholder })).toThrow('Invalid configuration: JWT_SECRET is a placeholder from an example');
    }
  });

  it('listens on this machine only unless HOST says otherwise', () => {
    expect(loadConfig({}).HOST).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
  });

  it('refuses a short JWT_SECRET', () => {
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/^Invalid configuration: JWT_SECRET/);
  });

  it("takes the site's address and a path with {slug} for every type but the practice", () => {
    const config = loadConfig({ SITE_URL: 'https://www.example.com/', SITE_PATHS: 'TREATMENT=/treatments/{slug},PRACTICE=/' });
    expect(config.siteUrl).toBe('https://www.example.com');
    expect(config.sitePaths).toEqual(
      new Map([
        ['TREATMENT', '/treatments/{slug}'],
        ['PRACTICE', '/'],
      ]),
    );
    expect(loadConfig({}).siteUrl).toBeNull();
    expect(() => loadConfig({ SITE_URL: 'www.example.com' })).toThrow(/^Invalid configuration: SITE_URL must be an http:\/\/ or https:\/\/ URL/);
    expect(() => loadConfig({ SITE_URL: 'https://www.example.com/?a=1' })).toThrow(/SITE_URL/);
    expect(() => loadConfig({ SITE_PATHS: 'TREATMENT=/treatments,PRACTICE=/' })).toThrow(
      /^Invalid configuration: SITE_PATHS must give every type but PRACTICE a path with \{slug\}/,
    );
  });
});
