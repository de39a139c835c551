import { chmodSync, mkdirSync, mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type DataDirLock, lockDataDir } from './data-dir-lock';

export interface EmbeddedPostgres {
  /** A postgres:// URL that the pg driver connects to (through the Unix socket). */
  url: string;
  /** Where the data lives, or 'memory' for a throwaway database. */
  location: string;
  /** The private directory holding the Unix socket (mode 0700). */
  socketDirectory: string;
  /** The data directory as a tarball, to start another embedded database from (tests). */
  dumpDataDir(): Promise<Blob>;
  stop(): Promise<void>;
}

/** The port pg puts in the socket's file name (`<dir>/.s.PGSQL.<port>`); nothing listens on it over TCP. */
const SOCKET_PORT = 5432;
/** sun_path holds 108 bytes on Linux (104 on macOS): a longer socket path cannot be bound. */
const MAX_SOCKET_PATH = 100;

/** Creates `path` (and its parents) readable by the owner only, and tightens it if it already existed. */
export function makePrivateDirectory(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  chmodSync(path, 0o700);
}

export interface EmbeddedPostgresOptions {
  /** Where the data lives; without it, a throwaway in-memory database. */
  dataDir?: string;
  /** The throwaway database's starting data (tests). */
  initialData?: Blob;
  /** What this process is, as another process refused the data directory names it ("the server"). */
  holder?: string;
  /** What to do instead when another process holds the data directory (ends that error). */
  inUseAdvice?: string;
}

const DEFAULT_IN_USE_ADVICE = 'Stop it first, or give this process another DATA_DIR, or set DATABASE_URL to use a PostgreSQL server.';

/**
 * The contrib extensions the migrations create (site search: pg_trgm, unaccent). PGlite ships each
 * as a separate module that must be handed over when the instance is made, not at CREATE EXTENSION.
 */
export async function embeddedExtensions() {
  const [{ pg_trgm }, { unaccent }] = await Promise.all([import('@electric-sql/pglite/contrib/pg_trgm'), import('@electric-sql/pglite/contrib/unaccent')]);
  return { pg_trgm, unaccent };
}

/**
 * Runs PGlite (PostgreSQL compiled to WebAssembly) behind a Unix socket so that TypeORM's pg
 * driver talks to it like to any server. PGlite accepts any user without a password, so the
 * socket is the only gate: it sits in a directory only this OS user may enter (DATA_DIR, or a
 * fresh temporary directory for a throwaway database), and no TCP port is opened at all.
 * The socket multiplexes every client into one Postgres session, so callers must keep their pool
 * at one connection: two pooled connections would interleave their transactions. Only one process
 * may open a DATA_DIR: it takes DATA_DIR/cms.lock (data-dir-lock.ts) until it stops.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  // Loaded lazily: installs that always use DATABASE_URL never pay for the WebAssembly module.
  const { PGlite } = await import('@electric-sql/pglite');
  const extensions = await embeddedExtensions();
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  let location = 'memory';
  let db;
  let socketDirectory: string;
  let temporarySocketDirectory = false;
  let lock: DataDirLock | undefined;
  if (options.dataDir) {
    const dataDir = resolve(options.dataDir);
    makePrivateDirectory(dataDir);
    lock = lockDataDir(dataDir, options.holder ?? `process ${process.argv.slice(1, 2).join(' ')}`.trim(), options.inUseAdvice ?? DEFAULT_IN_USE_ADVICE);
    location = join(dataDir, 'pglite');
    makePrivateDirectory(location);
    try {
      db = await PGlite.create(location, { extensions });
    } catch (error) {
      lock.release();
      throw error;
    }
    socketDirectory = dataDir;
  } else {
    // A throwaway database, optionally starting from a dump (tests start from a migrated one).
    db = await PGlite.create(options.initialData ? { loadDataDir: options.initialData, extensions } : { extensions });
    socketDirectory = '';
  }
  if (!socketDirectory || join(socketDirectory, `.s.PGSQL.${SOCKET_PORT}`).length > MAX_SOCKET_PATH) {
    // mkdtemp creates the directory with mode 0700.
    socketDirectory = mkdtempSync(join(tmpdir(), 'cms-pglite-'));
    temporarySocketDirectory = true;
  }
  const socketPath = join(socketDirectory, `.s.PGSQL.${SOCKET_PORT}`);
  // A socket file left by a process that was killed would make listen() fail with EADDRINUSE.
  rmSync(socketPath, { force: true });
  const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 4 });
  await server.start();
  return {
    url: `postgres://postgres@/postgres?host=${encodeURIComponent(socketDirectory)}&port=${SOCKET_PORT}`,
    location,
    socketDirectory,
    dumpDataDir: () => db.dumpDataDir('none'),
    async stop() {
      await server.stop();
      await db.close();
      lock?.release();
      if (temporarySocketDirectory) rmSync(socketDirectory, { recursive: true, force: true });
      else {
        try {
          unlinkSync(socketPath);
        } catch {
          // Node removes the socket file when the server closes; nothing left to do.
        }
      }
    },
  };
}
