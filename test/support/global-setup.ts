import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { runMigrationsUnderLock } from '../../src/database/migrations';
import { embeddedTemplatePath, tablesOf, templateDatabaseName, testDatabaseServerUrl } from './test-database';

/** Applies every migration to the database at `url`; returns its tables (`tablesOf`). */
async function migrate(url: string): Promise<string> {
  const dataSource = new DataSource(buildDataSourceOptions({ url, poolSize: 1 }));
  await dataSource.initialize();
  try {
    await runMigrationsUnderLock(dataSource);
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return await tablesOf(client);
    } finally {
      await client.end();
    }
  } finally {
    await dataSource.destroy();
  }
}

/**
 * Fails fast with a clear message when the configured test database server is unreachable, and
 * migrates one template database for the run, so that each test file's fresh database is a copy
 * (a server database made `TEMPLATE` it, or an embedded one loaded from its dump) instead of a
 * migration run of its own.
 */
export default async function globalSetup() {
  // Workers inherit the environment: their databases carry this run's id.
  process.env.CMS_TEST_RUN_ID = randomBytes(4).toString('hex');
  const started = Date.now();
  const url = testDatabaseServerUrl();
  if (!url) {
    const embedded = await startEmbeddedPostgres();
    try {
      process.env.CMS_TEST_TEMPLATE_TABLES = await migrate(embedded.url);
      const dump = await embedded.dumpDataDir();
      writeFileSync(embeddedTemplatePath(), Buffer.from(await dump.arrayBuffer()));
    } finally {
      await embedded.stop();
    }
    process.env.CMS_TEST_TEMPLATE = embeddedTemplatePath();
    console.log(
      `\nTests use the embedded PostgreSQL (PGlite), each Jest worker's test files on one started from a migrated dump (${Date.now() - started} ms to make) and emptied between files; set TEST_DATABASE_URL to use a server.`,
    );
    return;
  }
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new Error(`Cannot reach the test database at ${new URL(url).host}: ${(error as Error).message}`);
  }
  try {
    await client.query(`CREATE DATABASE "${templateDatabaseName()}"`);
  } finally {
    await client.end();
  }
  const templateUrl = new URL(url);
  templateUrl.pathname = `/${templateDatabaseName()}`;
  // Workers compare a reused database's tables with these (test-database.ts).
  process.env.CMS_TEST_TEMPLATE_TABLES = await migrate(templateUrl.toString());
  process.env.CMS_TEST_TEMPLATE = templateDatabaseName();
  console.log(
    `\nTests use PostgreSQL at ${new URL(url).host}: test files on copies of a migrated template (${Date.now() - started} ms to make), each Jest worker's copy emptied between its files.`,
  );
}

/** Removes the embedded template dump (the server template is dropped with the run's databases). */
export function removeEmbeddedTemplate(): void {
  rmSync(embeddedTemplatePath(), { force: true });
}
