import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../../src/database/embedded-postgres';

/** Inodes of the TCP sockets this process listens on (Linux: /proc/net/tcp* joined with /proc/self/fd). */
function listeningTcpSocketsOfThisProcess(): Set<string> {
  const listening = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const columns = line.trim().split(/\s+/);
      // Column 3 is the state (0A = LISTEN), column 9 the socket's inode.
      if (columns[3] === '0A') listening.add(columns[9]);
    }
  }
  const own = new Set<string>();
  for (const fd of readdirSync('/proc/self/fd')) {
    let target: string;
    try {
      target = readlinkSync(join('/proc/self/fd', fd));
    } catch {
      continue;
    }
    const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
    if (inode && listening.has(inode)) own.add(inode);
  }
  return own;
}

const describeOnLinux = process.platform === 'linux' ? describe : describe.skip;
const NOBODY = 65534;

describeOnLinux('the embedded database', () => {
  let parent: string;
  let dataDir: string;
  let embedded: EmbeddedPostgres;
  let listeningBefore: Set<string>;

  beforeAll(async () => {
    // A directory anyone may enter, as a home or /srv would be: only DATA_DIR itself keeps others out.
    parent = mkdtempSync(join(tmpdir(), 'cms-embedded-access-'));
    chmodSync(parent, 0o755);
    dataDir = join(parent, 'data');
    listeningBefore = listeningTcpSocketsOfThisProcess();
    embedded = await startEmbeddedPostgres({ dataDir });
  });

  afterAll(async () => {
    await embedded?.stop();
    rmSync(parent, { recursive: true, force: true });
  });

  it('creates DATA_DIR and its database directory readable by their owner only (0700)', () => {
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dataDir, 'pglite')).mode & 0o777).toBe(0o700);
    expect(embedded.socketDirectory).toBe(dataDir);
  });

  it('opens no TCP port: the app reaches it through a Unix socket in DATA_DIR', async () => {
    const opened = [...listeningTcpSocketsOfThisProcess()].filter((inode) => !listeningBefore.has(inode));
    expect(opened).toEqual([]);
    expect(statSync(join(dataDir, '.s.PGSQL.5432')).isSocket()).toBe(true);

    const client = new Client({ connectionString: embedded.url });
    await client.connect();
    try {
      const result = await client.query<{ answer: number }>('SELECT 1 AS answer');
      expect(result.rows).toEqual([{ answer: 1 }]);
    } finally {
      await client.end();
    }
  });

  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0 ? it : it.skip;
  asRoot('refuses a connection from another local user', () => {
    // Another OS user (nobody) with the same URL, as a local process or psql would try.
    const script = `
      const { Client } = require('pg');
      const client = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 5000 });
      client.connect().then(
        () => client.query('SELECT email FROM users').then(() => { console.log('CONNECTED'); return client.end(); }),
        (error) => { console.log('REFUSED ' + error.code); },
      );`;
    const child = spawnSync(process.execPath, ['-e', script, embedded.url], {
      uid: NOBODY,
      gid: NOBODY,
      cwd: process.cwd(),
      env: { PATH: process.env.PATH, NODE_PATH: join(process.cwd(), 'node_modules') },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(child.stdout.trim()).toBe('REFUSED EACCES');
  });
});
