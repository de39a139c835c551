import { closeSync, openSync, readFileSync, rmSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The lock file's name inside DATA_DIR. */
export const LOCK_FILE = 'cms.lock';
/** An empty lock file younger than this is being written by a starting process, not left by a dead one. */
const FRESH_LOCK_MS = 5000;

/** Thrown when another live process holds DATA_DIR's lock; the message is one line saying what to do. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    /** Null while the holder is still writing its PID. */
    readonly pid: number | null,
    readonly holder: string,
    advice: string,
  ) {
    super(
      `The embedded database in ${shownPath(dataDir)} is in use by ${pid === null ? 'another process that is starting' : `process ${pid}`}${holder && pid !== null ? ` (${holder})` : ''}. ${advice}`,
    );
    this.name = 'DataDirInUseError';
  }
}

/**
 * The processes that open DATA_DIR: how another process names each when refused, and what the
 * refused one's user should do instead (the end of its one-line error).
 */
export const DATA_DIR_USERS = {
  server: {
    holder: 'the server',
    inUseAdvice: 'Stop it first, or start this server with another DATA_DIR, or set DATABASE_URL to use a PostgreSQL server.',
  },
  seed: {
    holder: 'npm run seed',
    inUseAdvice:
      'Stop it, then run `npm run seed` again (the server itself loads the demo into an empty database), or set DATABASE_URL to seed a PostgreSQL server.',
  },
  userCreate: {
    holder: 'npm run user:create',
    inUseAdvice:
      'Stop it, then run `npm run user:create` again; or, with the server running, sign in as an admin and call the `createUser` mutation; or set DATABASE_URL to use a PostgreSQL server.',
  },
  sync: {
    holder: 'npm run sync',
    inUseAdvice:
      'Stop it, then run `npm run sync` again; or, with the server running, call `syncProviders` with an API key; or set DATABASE_URL to use a PostgreSQL server.',
  },
} as const;

export interface DataDirLock {
  release(): void;
}

function shownPath(dataDir: string): string {
  const fromHere = relative(process.cwd(), dataDir);
  return fromHere && !fromHere.startsWith('..') ? `./${fromHere}` : dataDir;
}

/** Whether a process with this id exists (EPERM: it does, but belongs to another user). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function modifiedAt(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function readHolder(path: string): { pid: number; holder: string } | null {
  try {
    const [pidLine, holder = ''] = readFileSync(path, 'utf8').split('\n');
    const pid = Number(pidLine);
    return Number.isInteger(pid) && pid > 0 ? { pid, holder: holder.trim() } : null;
  } catch {
    return null;
  }
}

/**
 * Takes DATA_DIR's lock for this process: PGlite's files support one process at a time, and a
 * second one would corrupt them or hang. The file holds the PID and what the process is ("the
 * server", "npm run seed"); it is created exclusively (`wx`), so of two processes starting at once
 * one wins. A lock whose process is gone (killed, crashed) is taken over. `advice` ends the error
 * a refused process prints: what its user should do instead.
 */
export function lockDataDir(dataDir: string, holder: string, advice: string): DataDirLock {
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const current = readHolder(path);
      if (current && current.pid !== process.pid && isAlive(current.pid)) throw new DataDirInUseError(dataDir, current.pid, current.holder, advice);
      if (current?.pid === process.pid) throw new DataDirInUseError(dataDir, current.pid, current.holder || 'this process', advice);
      // Empty and fresh: another process has just created it and is writing its PID.
      if (!current && Date.now() - modifiedAt(path) < FRESH_LOCK_MS) throw new DataDirInUseError(dataDir, null, 'starting', advice);
      // Stale (its process is gone) or unreadable (a process died while writing it): take it over.
      rmSync(path, { force: true });
      continue;
    }
    writeSync(fd, `${process.pid}\n${holder}\n`);
    closeSync(fd);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      process.off('exit', release);
      // Only our own lock: a process that found it stale may have replaced it meanwhile.
      if (readHolder(path)?.pid === process.pid) unlinkSync(path);
    };
    // An exit without stop() (process.exit after an error) still frees the directory.
    process.on('exit', release);
    return { release };
  }
  throw new Error(`Could not take the lock ${path}: other processes keep replacing it`);
}
