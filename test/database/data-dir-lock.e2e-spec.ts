import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATA_DIR_USERS, DataDirInUseError, LOCK_FILE } from '../../src/database/data-dir-lock';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';

/**
 * One process at a time may open an embedded DATA_DIR: the one that holds DATA_DIR/cms.lock (its
 * PID and what it is). Another start there fails at once with one line naming that PID and what
 * to do, instead of corrupting PGlite's files; a lock left by a process that died is taken over.
 */
describe('the embedded database lock', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = join(mkdtempSync(join(tmpdir(), 'cms-lock-')), 'data');
  });

  afterEach(() => rmSync(join(dataDir, '..'), { recursive: true, force: true }));

  // Each start of PGlite on a new data directory runs initdb (seconds on a busy machine): the tests start as few as they can.
  it('holds DATA_DIR/cms.lock with its PID while it runs, refuses a second start in the same process, and removes the lock when it stops', async () => {
    const embedded = await startEmbeddedPostgres({ dataDir, ...DATA_DIR_USERS.server });
    try {
      expect(readFileSync(join(dataDir, LOCK_FILE), 'utf8')).toBe(`${process.pid}\nthe server\n`);
      // One PGlite per data directory, in this process too.
      await expect(startEmbeddedPostgres({ dataDir, ...DATA_DIR_USERS.seed })).rejects.toThrow(`is in use by process ${process.pid} (the server)`);
    } finally {
      await embedded.stop();
    }
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
  });

  it('refuses a second start on the same DATA_DIR with one line naming the PID that holds it and what to do', async () => {
    // Another process holding the lock, as a running server does.
    const holder: ChildProcess = spawn(
      process.execPath,
      [
        '-e',
        `const fs = require('fs');
         fs.mkdirSync(process.argv[1], { recursive: true, mode: 0o700 });
         fs.writeFileSync(process.argv[1] + '/${LOCK_FILE}', process.pid + '\\nthe server\\n', { flag: 'wx' });
         console.log('locked');
         process.stdin.on('end', () => process.exit(0));
         process.stdin.resume();`,
        dataDir,
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout!.once('data', () => resolve());
        holder.once('exit', () => reject(new Error('the lock holder exited')));
      });
      // What `npm run user:create` and `npm run seed` print (their `Could not…:`/`Seeding failed:` before it).
      const userCreate = startEmbeddedPostgres({ dataDir, ...DATA_DIR_USERS.userCreate });
      await expect(userCreate).rejects.toThrow(DataDirInUseError);
      await expect(userCreate).rejects.toThrow(
        `The embedded database in ${dataDir} is in use by process ${holder.pid} (the server). Stop it, then run \`npm run user:create\` again; ` +
          'or, with the server running, sign in as an admin and call the `createUser` mutation; or set DATABASE_URL to use a PostgreSQL server.',
      );
      await expect(startEmbeddedPostgres({ dataDir, ...DATA_DIR_USERS.seed })).rejects.toThrow(
        `The embedded database in ${dataDir} is in use by process ${holder.pid} (the server). Stop it, then run \`npm run seed\` again`,
      );
      // And a second server.
      await expect(startEmbeddedPostgres({ dataDir, ...DATA_DIR_USERS.server })).rejects.toThrow(
        `is in use by process ${holder.pid} (the server). Stop it first, or start this server with another DATA_DIR, or set DATABASE_URL`,
      );
      // The holder's lock is left alone.
      expect(readFileSync(join(dataDir, LOCK_FILE), 'utf8')).toBe(`${holder.pid}\nthe server\n`);
    } finally {
      holder.stdin!.end();
      await new Promise((resolve) => holder.once('exit', resolve));
    }
  });

  it('takes over a lock whose process is gone (killed, crashed)', async () => {
    // A PID that existed and has exited: its process cannot hold anything any more.
    const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    const deadPid = Number(dead.stdout.trim());
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(join(dataDir, LOCK_FILE), `${deadPid}\nthe server\n`);

    const embedded = await startEmbeddedPostgres({ dataDir, ...DATA_DIR_USERS.seed });
    try {
      expect(readFileSync(join(dataDir, LOCK_FILE), 'utf8')).toBe(`${process.pid}\nnpm run seed\n`);
    } finally {
      await embedded.stop();
    }
  });
});
