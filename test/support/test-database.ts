import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';

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

/** A database several apps of one test file start on in turn or side by side (restarts, two instances). */
export interface SharedTestDatabase {
  url: string;
  /** Connections each app may open: one on the embedded database, whose socket serves a single session. */
  poolSize?: number;
  drop(): Promise<void>;
}

/**
 * A fresh database on the test server, or an in-memory embedded PostgreSQL served from this test
 * process, that outlives the apps started on it (`startTestApp(env, { database })`) until `drop`.
 */
export async function createSharedTestDatabase(): Promise<SharedTestDatabase> {
  const database = await createTestDatabase();
  if (database.url) return { url: database.url, drop: () => database.drop() };
  const embedded = await startEmbeddedPostgres();
  return { url: embedded.url, poolSize: 1, drop: () => embedded.stop() };
}
