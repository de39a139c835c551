import { join } from 'node:path';
import { type DataSourceOptions, type Logger } from 'typeorm';
import { type AppConfig } from '../config/app-config';
import { ENTITIES } from './entities';
import { SnakeNamingStrategy } from './naming-strategy';

export interface DatabaseConnectionOptions {
  url: string;
  poolSize: number;
  logger?: Logger;
  /** The app's timeouts; the CLI scripts (migrations, seed, sync, user:create) run without them. */
  timeouts?: DatabaseTimeouts;
}

/** Milliseconds; 0 leaves a setting to the server (PostgreSQL's own default is no timeout). */
export interface DatabaseTimeouts {
  statementTimeoutMs: number;
  lockTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
  /** Waiting for a free pooled connection, or for a new one to connect. */
  poolAcquireTimeoutMs: number;
}

/** The app's database timeouts, from its configuration. */
export function databaseTimeouts(config: AppConfig): DatabaseTimeouts {
  return {
    statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
    lockTimeoutMs: config.DB_LOCK_TIMEOUT_MS,
    idleInTransactionTimeoutMs: config.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    poolAcquireTimeoutMs: config.DB_POOL_ACQUIRE_TIMEOUT_MS,
  };
}

/**
 * pg sends the three PostgreSQL settings (and jit=off, in `options`) as startup parameters of every connection it opens, so
 * every pooled session has them from its first statement; the acquire timeout is pg-pool's own.
 * (Behind PgBouncer, list them in `ignore_startup_parameters` or set them on the role instead.)
 */
function timeoutOptions(timeouts: DatabaseTimeouts | undefined): Record<string, number | string> {
  if (!timeouts) return {};
  return {
    statement_timeout: timeouts.statementTimeoutMs,
    lock_timeout: timeouts.lockTimeoutMs,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionTimeoutMs,
    // JIT compiling pays off for long analytic queries, not for this app's: PostgreSQL compiled the
    // search correction statement (its estimate crosses jit_above_cost) in 10 to 100 ms to run it in 2.
    options: '-c jit=off',
    connectionTimeoutMillis: timeouts.poolAcquireTimeoutMs,
  };
}

/**
 * The one description of our database used by the app, the CLI (migrations) and the tests.
 * The schema only ever comes from migrations.
 */
export function buildDataSourceOptions(options: DatabaseConnectionOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    entities: ENTITIES,
    migrations: [join(__dirname, '..', '..', 'migrations', '*.{js,ts}').replace(/\\/g, '/')],
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    // gen_random_uuid() is core PostgreSQL; uuid-ossp is not available on PGlite.
    uuidExtension: 'pgcrypto',
    extra: { max: options.poolSize, ...timeoutOptions(options.timeouts) },
    logger: options.logger,
    logging: options.logger ? ['query', 'error'] : false,
  };
}
