import { join } from 'node:path';
import { DataSourceOptions, Logger } from 'typeorm';
import { ENTITIES } from './entities';
import { SnakeNamingStrategy } from './naming-strategy';

export interface DatabaseConnectionOptions {
  url: string;
  poolSize: number;
  logger?: Logger;
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
    extra: { max: options.poolSize },
    logger: options.logger,
    logging: options.logger ? ['query', 'error'] : false,
  };
}
