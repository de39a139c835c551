import { type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { startBuiltApp, stopApps } from './app-process';
import { createBenchDatabase } from './bench-database';
import { keepAlivePoster, type LoadResult, runLoad } from './load';
import { ensureSharedDataset, loadSharedDataset } from './shared-dataset';

/**
 * `npm run bench:search` (and the end of `npm run bench`; BENCH_SEARCH=0 skips it): site search
 * latency on the shared data set (../shared/bench gen-data.mjs) at BENCH_SEARCH_SCALE (100: 5,000
 * treatments, 12,000 conditions, 60,000 FAQs, 4,000 providers, 800 offices). Loads it into a fresh
 * database (the triggers fill search_documents), starts the built app with the response cache off
 * and sends each search one request at a time for BENCH_SEARCH_SECONDS (5): latency, not
 * throughput. BENCH_SEARCH_DATABASE_URL reuses a database the set is already loaded into.
 *
 * Target: p50 under 20 ms for the searches a visitor types (title words, names, a misspelling).
 * "pain management" is two words of the generator's body vocabulary, in a third of all documents:
 * it ranks 25,000 matches and is printed as the worst case, not held to the target.
 */
const ROOT = join(__dirname, '..', '..');
const SHARED = resolve(process.env.BENCH_SHARED ?? join(ROOT, '..', 'shared', 'bench'));
const SCALE = Number(process.env.BENCH_SEARCH_SCALE ?? 100);
const SECONDS = Number(process.env.BENCH_SEARCH_SECONDS ?? 5);
const TARGET_P50_MS = 20;
const PORT = 20000 + Math.floor(Math.random() * 20000);

const SEARCH = `query Search($query: String!) {
  search(query: $query, first: 10) {
    totalCount searchedFor
    pageInfo { hasNextPage endCursor }
    edges {
      score snippet
      node {
        __typename
        ... on Treatment { slug title }
        ... on Condition { slug name }
        ... on Faq { slug question }
        ... on Provider { slug displayName }
        ... on Location { slug name }
      }
    }
  }
}`;

/** The searches measured: [what it is, query, held to the target]. */
const SEARCHES: [string, string, boolean][] = [
  ['two title words', 'knee injection', true],
  ['a condition, words also common in bodies', 'chronic back pain', true],
  ['one title word (~800 matches)', 'sinus', true],
  ['a misspelling (tendinitis), corrected', 'shoulder tendinits', true],
  ['a provider by name', 'Priya Patel', true],
  ['common body words only (~25,000 matches)', 'pain management', false],
];

async function main() {
  if (process.env.BENCH_SEARCH === '0') return;
  let database: { url: string; drop(): Promise<void> } | undefined;
  let url = process.env.BENCH_SEARCH_DATABASE_URL;
  const apps: ChildProcess[] = [];
  try {
    if (!url) {
      ensureSharedDataset(SCALE, SHARED);
      database = await createBenchDatabase();
      url = database.url;
      // The app migrates the new database (pg_trgm, unaccent, search_documents) before the load.
      apps.push(await startBuiltApp(PORT, url, { RESPONSE_CACHE: 'off' }));
      const started = Date.now();
      console.log('loaded', await loadSharedDataset(url, SCALE), `in ${Math.round((Date.now() - started) / 1000)} s`);
      // As autovacuum would soon after a bulk load: until then every search also reads the GIN
      // indexes' pending lists (up to 4 MB each), which made corrected searches ten times slower.
      const admin = new Client({ connectionString: url });
      await admin.connect();
      await admin.query('VACUUM ANALYZE search_documents, search_words');
      await admin.end();
    } else {
      apps.push(await startBuiltApp(PORT, url, { RESPONSE_CACHE: 'off' }));
    }
    const client = new Client({ connectionString: url });
    await client.connect();
    const [{ count }] = (await client.query('SELECT count(*)::int AS count FROM search_documents')).rows;
    await client.end();
    console.log(`search_documents: ${count} rows`);

    const results: Record<string, LoadResult & { query: string; results: number; searchedFor: string | null }> = {};
    const failures: string[] = [];
    for (const [name, query, held] of SEARCHES) {
      const body = JSON.stringify({ query: SEARCH, variables: { query } });
      const check = (await (
        await fetch(`http://127.0.0.1:${PORT}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
      ).json()) as {
        data?: { search: { totalCount: number; searchedFor: string | null } };
        errors?: unknown;
      };
      if (!check.data || check.errors || check.data.search.totalCount === 0) throw new Error(`"${query}" found nothing or failed: ${JSON.stringify(check)}`);
      const send = keepAlivePoster(`http://127.0.0.1:${PORT}/graphql`, body);
      await runLoad(send, { concurrency: 1, durationMs: 1000, maxRequests: 50 });
      const result = await runLoad(send, { concurrency: 1, durationMs: SECONDS * 1000, maxRequests: 5000 });
      results[name] = { query, results: check.data.search.totalCount, searchedFor: check.data.search.searchedFor, ...result };
      console.log(
        `search "${query}" (${name}): ${check.data.search.totalCount} results${check.data.search.searchedFor ? ` as "${check.data.search.searchedFor}"` : ''}, p50 ${result.p50Ms} ms, p95 ${result.p95Ms} ms, ${result.errors} errors`,
      );
      if (result.errors > 0) failures.push(`"${query}" had ${result.errors} errors`);
      if (held && result.p50Ms >= TARGET_P50_MS) failures.push(`"${query}" p50 ${result.p50Ms} ms is over the ${TARGET_P50_MS} ms target`);
    }
    mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(
      join(ROOT, 'bench', 'results', `search-s${SCALE}-latest.json`),
      `${JSON.stringify({ date: new Date().toISOString(), node: process.version, scale: SCALE, documents: count, targetP50Ms: TARGET_P50_MS, results }, null, 2)}\n`,
    );
    for (const failure of failures) console.error(failure);
    if (failures.length > 0) process.exitCode = 1;
  } finally {
    await stopApps(apps);
    await database?.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
