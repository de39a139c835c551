import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

export interface EmbeddedPostgres {
  /** A postgres:// URL that the pg driver connects to. */
  url: string;
  /** Where the data lives, or 'memory' for a throwaway database. */
  location: string;
  /** The data directory as a tarball, to start another embedded database from (tests). */
  dumpDataDir(): Promise<Blob>;
  stop(): Promise<void>;
}

/**
 * Runs PGlite (PostgreSQL compiled to WebAssembly) behind a local socket so that TypeORM's pg
 * driver talks to it like to any server. The socket multiplexes every client into one Postgres
 * session, so callers must keep their pool at one connection: two pooled connections would
 * interleave their transactions.
 */
export async function startEmbeddedPostgres(options: { dataDir?: string; initialData?: Blob } = {}): Promise<EmbeddedPostgres> {
  // Loaded lazily: installs that always use DATABASE_URL never pay for the WebAssembly module.
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  let location = 'memory';
  let db;
  if (options.dataDir) {
    location = resolve(options.dataDir, 'pglite');
    mkdirSync(location, { recursive: true });
    db = await PGlite.create(location);
  } else {
    // A throwaway database, optionally starting from a dump (tests start from a migrated one).
    db = await PGlite.create(options.initialData ? { loadDataDir: options.initialData } : {});
  }
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
  await server.start();
  const url = `postgres://postgres@${server.getServerConn()}/postgres`;
  return {
    url,
    location,
    dumpDataDir: () => db.dumpDataDir('none'),
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
