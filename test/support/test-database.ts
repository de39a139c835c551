import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The server tests run against: TEST_DATABASE_URL, else DATABASE_URL, else none (embedded). */
export function testDatabaseServerUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

/**
 * Databases of one `npm test` run share a prefix with the run's id (set by global setup), so the
 * teardown drops its own leftovers and never those of another run on the same server.
 */
export function testDatabasePrefix(): string {
  return `cms_e2e_${process.env.CMS_TEST_RUN_ID ?? 'adhoc'}_`;
}

export interface TestDatabase {
  /** URL of the fresh database, or undefined for the embedded one. */
  url?: string;
  drop(): Promise<void>;
}

/** A new, empty database on the test server for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = testDatabaseServerUrl();
  if (!serverUrl) return { url: undefined, drop: async () => undefined };
  const name = `${testDatabasePrefix()}${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
