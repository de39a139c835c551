import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { createBenchDatabase } from './bench-database';
import { keepAlivePoster, runLoad } from './load';
import { describeSyncResult, runSyncBenchmark } from './sync';
import { checkWebhookResult, runWebhookBenchmark } from './webhooks';

/**
 * `npm run bench`: starts the built app against a fresh PostgreSQL database with the demo
 * practice plus generated content, counts the SQL statements of the main page queries at two
 * sizes, and load-tests them over HTTP from this process. Bounded in time; loopback only.
 * Results: printed as a table and written to bench/results/latest.json.
 */
const ROOT = join(__dirname, '..', '..');
/** The compiled app next to this compiled script (dist/src/main.js). */
const MAIN = join(__dirname, '..', 'src', 'main.js');
const PORT = 20000 + Math.floor(Math.random() * 20000);
const BASE = `http://127.0.0.1:${PORT}`;
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 8000);
/** The most SQL statements a public page may run, whatever the number of items it shows. */
const STATEMENT_CEILING = 4;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

const TREATMENT_PAGE = `query Page($slug: String!) {
  treatment(slug: $slug) {
    title summary body { html } procedure { setting anesthesia recovery { html } }
    conditions { slug name } faqs { question answer { html } }
    providers { displayName yearsOfExperience locations { name address { city } } }
    locations { name openNow }
  }
}`;
const TREATMENT_LIST = `{ treatments(first: 20) { totalCount edges { node { slug title conditions { name } faqs { question } providers { displayName locations { name } } } } } }`;
const LOCATIONS_NEAR = `{ locations(filter: { near: { latitude: 38.05, longitude: -84.5, radiusKm: 200 } }) { edges { distanceKm node { name openStatus { label } providers { displayName } } } } }`;
const PROVIDERS = `{ providers(first: 20, filter: { acceptingNewPatients: true }) { totalCount edges { node { displayName specialties { name } primaryLocation { name } treatments { title } } } } }`;

async function graphql(query: string, variables: Record<string, unknown> = {}): Promise<{ ok: boolean; statements: number; body: any }> {
  const response = await fetch(`${BASE}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { errors?: unknown };
  return { ok: response.ok && !body.errors, statements: Number(response.headers.get('x-sql-statements')), body };
}

async function waitForHealth(server: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 120; attempt++) {
    if (server.exitCode !== null) throw new Error('the app exited during start');
    try {
      if ((await fetch(`${BASE}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the app did not become healthy within 60 s');
}

/** Generated content: `treatments` treatments, each linked to `fanOut` conditions, FAQs, providers and locations. */
export async function seedGeneratedContent(url: string, treatments: number, fanOut: number, prefix: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const published = "'PUBLISHED', now(), now()";
  await client.query(`INSERT INTO conditions (slug, name, summary, status, published_at, first_published_at)
    SELECT '${prefix}-condition-' || g, 'Condition ' || g, 'Summary ' || g, ${published} FROM generate_series(1, ${fanOut}) g`);
  await client.query(`INSERT INTO faqs (slug, question, answer, status, published_at, first_published_at)
    SELECT '${prefix}-faq-' || g, 'Question ' || g || '?', 'Answer **' || g || '**.', ${published} FROM generate_series(1, ${fanOut}) g`);
  await client.query(`INSERT INTO locations (slug, name, city, state, latitude, longitude, status, published_at, first_published_at)
    SELECT '${prefix}-office-' || g, 'Office ' || g, 'Lexington', 'KY', 38 + g / 100.0, -84.5, ${published} FROM generate_series(1, ${fanOut}) g`);
  await client.query(`INSERT INTO providers (slug, first_name, last_name, credentials, practice_start_year, status, published_at, first_published_at)
    SELECT '${prefix}-provider-' || g, 'Pat', 'Doe' || g, '{MD}', 2000, ${published} FROM generate_series(1, ${fanOut}) g`);
  await client.query(`INSERT INTO treatments (slug, title, summary, body, status, published_at, first_published_at)
    SELECT '${prefix}-treatment-' || g, 'Treatment ' || g, 'Summary', '## About\n\nText with a [link](https://example.com).', ${published} FROM generate_series(1, ${treatments}) g`);
  const link = (table: string, column: string, targetTable: string) =>
    client.query(`INSERT INTO ${table} (treatment_id, ${column}, position)
      SELECT t.id, x.id, row_number() OVER (PARTITION BY t.id ORDER BY x.slug) FROM treatments t CROSS JOIN ${targetTable} x
      WHERE t.slug LIKE '${prefix}-treatment-%' AND x.slug LIKE '${prefix}-%'`);
  await link('treatment_conditions', 'condition_id', 'conditions');
  await link('treatment_providers', 'provider_id', 'providers');
  await link('treatment_locations', 'location_id', 'locations');
  await client.query(`INSERT INTO faq_placements (faq_id, owner_type, owner_id, position)
    SELECT f.id, 'TREATMENT', t.id, row_number() OVER (PARTITION BY t.id ORDER BY f.slug) FROM treatments t CROSS JOIN faqs f
    WHERE t.slug LIKE '${prefix}-treatment-%' AND f.slug LIKE '${prefix}-faq-%'`);
  // Each provider sees patients at two offices, as in a real group practice.
  await client.query(`INSERT INTO provider_locations (provider_id, location_id, is_primary, position)
    SELECT p.id, l.id, l.slug = '${prefix}-office-' || p.n, (l.slug <> '${prefix}-office-' || p.n)::int
    FROM (SELECT id, substring(slug from '[0-9]+$')::int AS n FROM providers WHERE slug LIKE '${prefix}-provider-%') p
    JOIN locations l ON l.slug IN ('${prefix}-office-' || p.n, '${prefix}-office-' || (p.n % ${fanOut} + 1))
    WHERE l.slug LIKE '${prefix}-office-%'`);
  await client.end();
}

async function main() {
  const database = await createBenchDatabase();
  const server = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      LOAD_DEMO_CONTENT: 'true',
      DATABASE_POOL_SIZE: '10',
      RATE_LIMIT_ALLOW: '127.0.0.1,::1',
      RESPONSE_CACHE: 'off',
      // The webhook benchmark's receiver is plain http on loopback.
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitForHealth(server);
    await seedGeneratedContent(database.url, 1, 1, 'small');
    await seedGeneratedContent(database.url, 50, 50, 'large');

    const statements = {
      treatmentPage_1Related: (await graphql(TREATMENT_PAGE, { slug: 'small-treatment-1' })).statements,
      treatmentPage_50Related: (await graphql(TREATMENT_PAGE, { slug: 'large-treatment-1' })).statements,
      treatmentList_20x50Related: (await graphql(TREATMENT_LIST)).statements,
      locationsNear: (await graphql(LOCATIONS_NEAR)).statements,
      providers: (await graphql(PROVIDERS)).statements,
    };
    console.log('SQL statements per request:', statements);

    const scenarios: [string, string, Record<string, unknown>][] = [
      ['treatment page (demo: Intrathecal Therapy)', TREATMENT_PAGE, { slug: 'intrathecal-therapy' }],
      ['treatment page (50 of each relation)', TREATMENT_PAGE, { slug: 'large-treatment-1' }],
      ['treatment list (20 items, nested relations)', TREATMENT_LIST, {}],
      ['locations near a point with hours', LOCATIONS_NEAR, {}],
    ];
    const load: Record<string, unknown> = {};
    for (const [name, query, variables] of scenarios) {
      const body = JSON.stringify({ query, variables });
      const result = await runLoad(keepAlivePoster(`${BASE}/graphql`, body), { concurrency: CONCURRENCY, durationMs: DURATION_MS, maxRequests: 200_000 });
      load[name] = result;
      console.log(
        `${name}: ${result.requestsPerSecond} req/s, p50 ${result.p50Ms} ms, p95 ${result.p95Ms} ms, p99 ${result.p99Ms} ms, ${result.errors} errors`,
      );
    }

    const sync = await runSyncBenchmark(BASE, database.url);
    for (const [name, result] of Object.entries(sync)) console.log(describeSyncResult(name, result));

    const webhooks = await runWebhookBenchmark(BASE, database.url);
    const webhookFailures = checkWebhookResult(webhooks);

    const results = {
      date: new Date().toISOString(),
      node: process.version,
      concurrency: CONCURRENCY,
      durationMs: DURATION_MS,
      statements,
      load,
      sync,
      webhooks,
    };
    mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench', 'results', 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
    if (statements.treatmentPage_1Related !== statements.treatmentPage_50Related) {
      console.error('The treatment page runs more statements with more related items: an N+1 crept in.');
      process.exitCode = 1;
    }
    for (const [query, count] of Object.entries(statements)) {
      if (count > STATEMENT_CEILING) {
        console.error(`${query} runs ${count} SQL statements; public pages must run at most ${STATEMENT_CEILING}.`);
        process.exitCode = 1;
      }
    }
    for (const failure of webhookFailures) {
      console.error(failure);
      process.exitCode = 1;
    }
    if (Object.values(sync['the same 1,000 unchanged'].contentRowsWritten).some((count) => count > 0)) {
      console.error('Re-syncing unchanged providers wrote rows: the sync must write nothing when nothing changed.');
      process.exitCode = 1;
    }
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    await database.drop();
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
