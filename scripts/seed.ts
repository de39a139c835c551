import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/app-config';
import { buildDataSourceOptions } from '../src/database/data-source-options';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { DATA_DIR_USERS } from '../src/database/data-dir-lock';
import { runMigrationsUnderLock } from '../src/database/migrations';
import { DemoContentLoader, type UpsertCounts } from '../src/demo/demo-content.loader';
import { databaseLocationOf } from '../src/database/database-url';

/**
 * `npm run seed`: migrates the database and inserts or updates the demo practice, in one
 * transaction; running it again changes nothing, and documents someone edited are never
 * overwritten (the output lists them). Uses DATABASE_URL, else the embedded database
 * under DATA_DIR (stop the app first: a running server holds DATA_DIR's lock, and this says so).
 */
async function main() {
  const config = loadConfig();
  let embedded: EmbeddedPostgres | undefined;
  let url = config.DATABASE_URL;
  let where: string;
  if (url) {
    where = `PostgreSQL at ${databaseLocationOf(url)}`;
  } else {
    embedded = await startEmbeddedPostgres({ dataDir: config.DATA_DIR, ...DATA_DIR_USERS.seed });
    url = embedded.url;
    where = `the embedded PostgreSQL at ${embedded.location}`;
  }
  // One connection is all a script running one statement at a time needs, and the most the embedded database allows.
  const dataSource = new DataSource(buildDataSourceOptions({ url, poolSize: 1 }));
  try {
    await dataSource.initialize();
    const migrations = await runMigrationsUnderLock(dataSource);
    const summary = await new DemoContentLoader(dataSource).upsert();
    console.log(
      `Seeded the demo practice into ${where}: documents ${describe(summary.documents)}; relations ${describe(summary.links)}; ${migrations.length} migration(s) applied.`,
    );
    if (summary.skipped.length > 0) {
      console.log(`Left as they are, because someone edited them since the demo wrote them (with their relations): ${summary.skipped.join(', ')}.`);
    }
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
  }
}

function describe(counts: UpsertCounts): string {
  return `${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged`;
}

main().catch((error) => {
  console.error(`Seeding failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
