import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/** Name of this run's migrated template database on the test server (made by global setup). */
export function templateDatabaseName(): string {
  return `${testDatabasePrefix()}template`;
}

/** Where global setup leaves this run's migrated embedded database, as a PGlite data directory dump. */
export function embeddedTemplatePath(): string {
  return join(tmpdir(), `cms-e2e-${process.env.CMS_TEST_RUN_ID ?? 'adhoc'}-template.tar`);
}

/** The migrated embedded database to start test apps from, when global setup made one. */
export function embeddedTemplate(): Blob | undefined {
  const path = embeddedTemplatePath();
  return existsSync(path) ? new Blob([readFileSync(path)]) : undefined;
}

/**
 * A new database on the test server for one test file: a copy of the run's migrated template (a
 * file copy, well under a second), or empty when the test is about migrations themselves.
 */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const serverUrl = testDatabaseServerUrl();
  if (!serverUrl) return { url: undefined, drop: async () => undefined };
  const name = `${testDatabasePrefix()}${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const template = options.empty || !process.env.CMS_TEST_TEMPLATE ? '' : ` TEMPLATE "${templateDatabaseName()}"`;
    await admin.query(`CREATE DATABASE "${name}"${template}`);
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
export async function createSharedTestDatabase(options: { empty?: boolean } = {}): Promise<SharedTestDatabase> {
  const database = await createTestDatabase(options);
  if (database.url) return { url: database.url, drop: () => database.drop() };
  const embedded = await startEmbeddedPostgres({ initialData: options.empty ? undefined : embeddedTemplate() });
  return { url: embedded.url, poolSize: 1, drop: () => embedded.stop() };
}
