import { Client } from 'pg';
import { Role } from '../../src/auth/permissions';
import { type Treatment } from '../../src/treatments/treatment.entity';
import { dataOf, expectNoLeaks } from '../common/expectations';
import { type SignedInUser } from '../factories/accounts.factory';
import { type AppUnderTest, type GraphQLResponse } from '../support/test-app';
import { testDatabaseServerUrl } from '../support/test-database';
import { useTestApp } from '../support/use-test-app';

/**
 * PGlite cannot show any of this: it enforces none of statement_timeout, lock_timeout and
 * idle_in_transaction_session_timeout (they can be set but no timer fires), and its socket runs
 * every connection in one session, so no statement ever waits for another's lock.
 */
function describeOnServer(name: string, body: () => void): void {
  if (testDatabaseServerUrl()) {
    describe(name, body);
    return;
  }
  console.log(
    `Skipping "${name}": the embedded database (PGlite) enforces no statement, lock or idle-in-transaction timeout and runs every connection in one session, so nothing can wait for a lock; set TEST_DATABASE_URL to run it.`,
  );
  describe.skip(name, body);
}

const UPDATE = `mutation ($input: UpdateTreatmentInput!) { updateTreatment(input: $input) { summary version } }`;
const PUBLIC_READ = `{ treatment(slug: "intrathecal-therapy") { title summary } }`;
const DRAFT_READ = `{ treatment(slug: "intrathecal-therapy", stage: DRAFT) { summary } }`;

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** An outside session of the test's own, as a DBA's psql or a stuck job would be, holding a treatment's row lock. */
class RowLockHolder {
  private constructor(private readonly client: Client) {}

  static async lock(app: AppUnderTest, treatment: Treatment): Promise<RowLockHolder> {
    const client = new Client({ connectionString: (app.dataSource.options as { url: string }).url, application_name: 'test-lock-holder' });
    await client.connect();
    await client.query('BEGIN');
    await client.query('SELECT id FROM treatments WHERE id = $1 FOR UPDATE', [treatment.id]);
    return new RowLockHolder(client);
  }

  /** How many of the app's sessions wait for a lock right now. */
  async waiting(): Promise<number> {
    const result = await this.client.query(
      `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    return result.rows[0].waiting;
  }

  async release(): Promise<void> {
    await this.client.query('ROLLBACK');
    await this.client.end();
  }
}

function expectTimeout(response: GraphQLResponse, message: RegExp) {
  expectNoLeaks(response);
  expect(response.errors?.map((error) => error.extensions.code)).toEqual(['TIMEOUT']);
  expect(response.errors![0].message).toMatch(message);
}

describeOnServer('database and request timeouts', () => {
  describe('a row lock held outside the app, with more waiting updates than pooled connections', () => {
    const app = useTestApp({ DATABASE_POOL_SIZE: '2', DB_LOCK_TIMEOUT_MS: '300', DB_POOL_ACQUIRE_TIMEOUT_MS: '5000', HEALTH_TIMEOUT_MS: '1000' });
    let treatment: Treatment;
    let editor: SignedInUser;

    beforeAll(async () => {
      treatment = await app.content.treatment({ title: 'Intrathecal Therapy', slug: 'intrathecal-therapy', summary: 'Live summary.' });
      editor = await app.accounts.signedIn(Role.EDITOR);
    });

    it('sets the timeouts on every pooled connection, and turns JIT compiling off (it cost searches 10 to 100 ms a statement)', async () => {
      const connections = [app.dataSource.createQueryRunner(), app.dataSource.createQueryRunner()];
      try {
        for (const connection of connections) {
          const [settings] = await connection.query(
            `SELECT current_setting('statement_timeout') AS statement, current_setting('lock_timeout') AS lock, current_setting('idle_in_transaction_session_timeout') AS idle, current_setting('jit') AS jit`,
          );
          expect(settings).toEqual({ statement: '10s', lock: '300ms', idle: '30s', jit: 'off' });
        }
      } finally {
        for (const connection of connections) await connection.release();
      }
    });

    it('fails the waiting updates quickly with TIMEOUT, while public reads and /health are answered', async () => {
      const holder = await RowLockHolder.lock(app, treatment);
      try {
        const started = Date.now();
        const updates = Array.from({ length: 6 }, (_, index) =>
          app.graphql(UPDATE, { input: { id: treatment.id, version: treatment.version, summary: `Edit ${index}.` } }, editor.headers),
        );
        await until(async () => (await holder.waiting()) === 2, 'both pooled connections wait for the lock');

        const health = await app.http().get('/health');
        expect(health.status).toBe(200);
        expect(health.body).toEqual({ status: 'degraded', database: 'busy' });

        const read = await app.graphql(PUBLIC_READ);
        expect(dataOf(read).treatment).toEqual({ title: 'Intrathecal Therapy', summary: 'Live summary.' });

        const results = await Promise.all(updates);
        // Six updates over two connections: three rounds of 300 ms. Without lock_timeout they would wait as long as the lock is held.
        expect(Date.now() - started).toBeLessThan(5000);
        for (const result of results) expectTimeout(result, /lock timeout/);
      } finally {
        await holder.release();
      }
      expect((await app.http().get('/health')).body).toEqual({ status: 'ok', database: 'ok' });
      // Every refused update was rolled back: no draft holds any of their summaries.
      expect(dataOf(await app.graphql(DRAFT_READ, {}, editor.headers)).treatment.summary).toBe('Live summary.');
    });
  });

  describe('/health when the database refuses connections', () => {
    const app = useTestApp({ DATABASE_POOL_SIZE: '2', HEALTH_TIMEOUT_MS: '1000' });
    it('answers 503 unavailable within its timeout, and ok again once the database is back', async () => {
      expect((await app.http().get('/health')).body).toEqual({ status: 'ok', database: 'ok' });
      const database = new URL((app.dataSource.options as { url: string }).url).pathname.slice(1);
      // A DBA's session on the server's own database takes the app's database away: no new connection, existing ones ended.
      const dba = new Client({ connectionString: testDatabaseServerUrl() });
      await dba.connect();
      try {
        await dba.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS false`);
        await dba.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [database]);
        const started = Date.now();
        const health = await app.http().get('/health');
        expect(Date.now() - started).toBeLessThan(3000);
        expect(health.status).toBe(503);
        expect(health.body).toEqual({ status: 'unavailable', database: 'unreachable' });
      } finally {
        await dba.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`);
        await dba.end();
      }
      await until(async () => (await app.http().get('/health')).status === 200, '/health reports the database back');
      expect((await app.http().get('/health')).body).toEqual({ status: 'ok', database: 'ok' });
    });
  });

  describe('a statement past statement_timeout, and a request that finds no free connection', () => {
    const app = useTestApp({ DATABASE_POOL_SIZE: '2', DB_LOCK_TIMEOUT_MS: '0', DB_STATEMENT_TIMEOUT_MS: '1500', DB_POOL_ACQUIRE_TIMEOUT_MS: '300' });
    let treatment: Treatment;
    let editor: SignedInUser;

    beforeAll(async () => {
      // No lock timeout here, so the lock wait runs into the statement timeout.
      treatment = await app.content.treatment({ title: 'Intrathecal Therapy', slug: 'intrathecal-therapy' });
      editor = await app.accounts.signedIn(Role.EDITOR);
    });

    it('answers TIMEOUT for both, naming what ran out', async () => {
      const holder = await RowLockHolder.lock(app, treatment);
      try {
        const updates = [1, 2].map((index) =>
          app.graphql(UPDATE, { input: { id: treatment.id, version: treatment.version, summary: `Edit ${index}.` } }, editor.headers),
        );
        await until(async () => (await holder.waiting()) === 2, 'both pooled connections wait for the lock');

        const started = Date.now();
        const read = await app.graphql(PUBLIC_READ);
        expect(Date.now() - started).toBeLessThan(1500);
        expectTimeout(read, /No database connection became free in time/);

        for (const result of await Promise.all(updates)) expectTimeout(result, /statement timeout/);
      } finally {
        await holder.release();
      }
      dataOf(await app.graphql(PUBLIC_READ));
    });
  });

  describe('a request past REQUEST_TIMEOUT_MS', () => {
    const app = useTestApp({ DATABASE_POOL_SIZE: '2', DB_LOCK_TIMEOUT_MS: '10000', REQUEST_TIMEOUT_MS: '2000' });
    let treatment: Treatment;
    let editor: SignedInUser;

    beforeAll(async () => {
      // Long enough for the editor's sign-in (argon2) on a busy machine.
      treatment = await app.content.treatment({ title: 'Intrathecal Therapy', slug: 'intrathecal-therapy' });
      editor = await app.accounts.signedIn(Role.EDITOR);
    });

    it('is answered 503 with code TIMEOUT when the time is up, and the app keeps serving', async () => {
      const holder = await RowLockHolder.lock(app, treatment);
      try {
        const started = Date.now();
        const response = await app.graphql(UPDATE, { input: { id: treatment.id, version: treatment.version, summary: 'Late.' } }, editor.headers);
        expect(Date.now() - started).toBeLessThan(5000);
        expect(response.status).toBe(503);
        expect(response.headers['cache-control']).toBe('private, no-store');
        expect(response.errors).toEqual([{ message: 'The request did not finish within 2000 ms; try again', extensions: { code: 'TIMEOUT' } }]);
        dataOf(await app.graphql(PUBLIC_READ));
      } finally {
        await holder.release();
      }
      // The timed-out update goes on in the background until it has its lock; let it finish before the app closes.
      await until(async () => (await app.graphql(DRAFT_READ, {}, editor.headers)).data?.treatment.summary === 'Late.', 'the late update has saved its draft');
    });
  });
});
