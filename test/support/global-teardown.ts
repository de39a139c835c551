import { Client } from 'pg';
import { stopWorkerEmbeddedDatabases } from './embedded-test-database';
import { removeEmbeddedTemplate } from './global-setup';
import { testDatabasePrefix, testDatabaseServerUrl } from './test-database';

/** Drops this run's template and the test databases left behind by files that crashed before their own cleanup. */
export default async function globalTeardown() {
  removeEmbeddedTemplate();
  stopWorkerEmbeddedDatabases(testDatabasePrefix());
  const url = testDatabaseServerUrl();
  if (!url) return;
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [testDatabasePrefix()]);
    for (const row of rows) await client.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`).catch(() => undefined);
  } finally {
    await client.end();
  }
}
