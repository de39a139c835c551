import { type DataSource } from 'typeorm';
import { MigrationExecutor } from 'typeorm/migration/MigrationExecutor';

/** Arbitrary, fixed: every instance of this app contends for the same advisory lock. */
const MIGRATION_LOCK_KEY = 724_310_991;

/**
 * Applies pending migrations while holding a session-level advisory lock, so two instances
 * starting together run them once. Lock, migrations and unlock share one connection: with the
 * embedded database's pool of one, a second connection would wait forever.
 */
export async function runMigrationsUnderLock(dataSource: DataSource): Promise<string[]> {
  const queryRunner = dataSource.createQueryRunner();
  try {
    await queryRunner.connect();
    // Migrations may rewrite big tables, and another instance may hold the lock while it migrates:
    // this session waits and works without the pool's statement and lock timeouts, then gets them back.
    await queryRunner.query('SET statement_timeout = 0; SET lock_timeout = 0; SET idle_in_transaction_session_timeout = 0');
    await queryRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const executor = new MigrationExecutor(dataSource, queryRunner);
      executor.transaction = 'each';
      const applied = await executor.executePendingMigrations();
      return applied.map((migration) => migration.name);
    } finally {
      await queryRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
      await queryRunner.query('RESET statement_timeout; RESET lock_timeout; RESET idle_in_transaction_session_timeout');
    }
  } finally {
    await queryRunner.release();
  }
}
