import { Client } from 'pg';
import { randomBytes } from 'node:crypto';
import { testDatabaseServerUrl } from './test-database';

/** Fails fast with a clear message when the configured test database server is unreachable. */
export default async function globalSetup() {
  // Workers inherit the environment: their databases carry this run's id.
  process.env.CMS_TEST_RUN_ID = randomBytes(4).toString('hex');
  const url = testDatabaseServerUrl();
  if (!url) {
    console.log('\nTests use the embedded PostgreSQL (PGlite); set TEST_DATABASE_URL to use a server.');
    return;
  }
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(`Cannot reach the test database at ${new URL(url).host}: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
  console.log(`\nTests use PostgreSQL at ${new URL(url).host}: one fresh database per test file.`);
}
