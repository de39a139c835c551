import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options';

/**
 * DataSource for the TypeORM CLI (migration:run / migration:revert / migration:generate).
 * It reads DATABASE_URL; against the embedded database, run the app instead (it migrates on start).
 */
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set: the migration commands need a PostgreSQL server (e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres).');
  process.exit(1);
}

export default new DataSource(buildDataSourceOptions({ url, poolSize: 2 }));
