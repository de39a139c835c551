import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { workerEmbeddedDatabase } from './embedded-test-database';

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
  /** URL of the database, or undefined for an embedded one the app starts itself. */
  url?: string;
  /** Connections each app may open: one on an embedded database, whose socket serves a single session. */
  poolSize?: number;
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
 * Databases a test file holds at the moment, by slot: a file that runs two apps side by side
 * needs two. Module state lives as long as the test file (Jest gives each file its own modules).
 */
const slotsInUse = new Set<number>();

function takeSlot(): number {
  let slot = 0;
  while (slotsInUse.has(slot)) slot += 1;
  slotsInUse.add(slot);
  return slot;
}

/**
 * A database on the test server for one test file, in the state of the run's migrated template,
 * or empty when the test is about migrations themselves.
 *
 * Each Jest worker keeps its databases (one per slot) from file to file and empties them on
 * reuse: deleting the rows of a few dozen small tables takes milliseconds, where
 * `CREATE DATABASE … TEMPLATE` and `DROP DATABASE` cost about a second per file on a busy
 * machine. A database whose tables differ from the template's (a test that renamed one and
 * failed before renaming it back), or that refuses connections, is made again from the template.
 * Global teardown drops them all.
 */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const serverUrl = testDatabaseServerUrl();
  const template = process.env.CMS_TEST_TEMPLATE;
  if (!serverUrl) {
    if (options.empty || !template) return { url: undefined, drop: async () => undefined };
    const slot = takeSlot();
    try {
      const url = await workerEmbeddedDatabase(`${testDatabasePrefix()}w${workerId()}_${slot}`, template, emptyToTemplate);
      return { url, poolSize: 1, drop: async () => void slotsInUse.delete(slot) };
    } catch (error) {
      slotsInUse.delete(slot);
      throw error;
    }
  }
  if (options.empty || !template) return createDatabase(serverUrl, '');
  const slot = takeSlot();
  try {
    const name = `${testDatabasePrefix()}w${workerId()}_${slot}`;
    const url = databaseUrl(serverUrl, name);
    if (!(await resetToTemplate(serverUrl, name, url))) {
      await withClient(serverUrl, async (admin) => {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${templateDatabaseName()}"`);
      });
    }
    return { url, drop: async () => void slotsInUse.delete(slot) };
  } catch (error) {
    slotsInUse.delete(slot);
    throw error;
  }
}

/** A database of its own for the caller, dropped by `drop`. */
async function createDatabase(serverUrl: string, template: string): Promise<TestDatabase> {
  const name = `${testDatabasePrefix()}${process.pid}_${randomBytes(4).toString('hex')}`;
  await withClient(serverUrl, (admin) => admin.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`));
  return {
    url: databaseUrl(serverUrl, name),
    drop: async () => {
      await withClient(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

/** The tables of a database, as one comparable string. */
export async function tablesOf(client: Client): Promise<string> {
  const { rows } = await client.query(`SELECT string_agg(tablename, ',' ORDER BY tablename) AS tables FROM pg_tables WHERE schemaname = 'public'`);
  return String(rows[0].tables);
}

function workerId(): string {
  return process.env.JEST_WORKER_ID ?? '0';
}

/** Empties the worker's server database `name`; false when there is no such database or it cannot be reused. */
async function resetToTemplate(serverUrl: string, name: string, url: string): Promise<boolean> {
  const usable = await withClient(serverUrl, async (admin) => {
    const { rows } = await admin.query('SELECT datallowconn FROM pg_database WHERE datname = $1', [name]);
    if (!rows[0]?.datallowconn) return false;
    // Connections a previous file left open would hold locks the reset waits for.
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
    return true;
  });
  return usable && emptyToTemplate(url);
}

/**
 * Empties the database at `url` back to the template's state (the template holds rows only in the
 * migrations table); false when its tables are not the template's.
 */
async function emptyToTemplate(url: string): Promise<boolean> {
  // Read by global setup: a connection to the template would fail other workers' CREATE DATABASE from it.
  const templateTables = process.env.CMS_TEST_TEMPLATE_TABLES;
  if (!templateTables) return false;
  return withClient(url, async (client) => {
    if ((await tablesOf(client)) !== templateTables) return false;
    const tables = templateTables.split(',').filter((table) => table !== MIGRATIONS_TABLE);
    // Replica mode skips foreign key triggers, so the tables empty in any order.
    await client.query(`BEGIN; SET LOCAL session_replication_role = replica; ${tables.map((table) => `DELETE FROM "${table}";`).join(' ')} COMMIT`);
    return true;
  });
}

/** The table TypeORM records applied migrations in (src/database/data-source-options.ts): kept on reset. */
const MIGRATIONS_TABLE = 'migrations';

function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withClient<T>(url: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
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
  if (database.url) return { url: database.url, poolSize: database.poolSize, drop: () => database.drop() };
  const embedded = await startEmbeddedPostgres({ initialData: options.empty ? undefined : embeddedTemplate() });
  return { url: embedded.url, poolSize: 1, drop: () => embedded.stop() };
}
