// One in-memory embedded PostgreSQL (PGlite) on a local socket, started from the PGlite data
// directory dump given as the first argument; prints its URL, and exits when its parent (a Jest
// worker) closes stdin. Plain JavaScript: it runs in Node, outside Jest, for as long as the worker.
// Its startup mirrors src/database/embedded-postgres.ts.
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';

const db = await PGlite.create({ loadDataDir: new Blob([readFileSync(process.argv[2])]), extensions: { pg_trgm, unaccent } });
const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
await server.start();
process.stdout.write(`postgres://postgres@${server.getServerConn()}/postgres\n`);
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
