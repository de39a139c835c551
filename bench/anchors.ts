import { type ChildProcess, spawnSync } from 'node:child_process';
import { startBuiltApp, stopApps } from './app-process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createBenchDatabase } from './bench-database';
import { ensureSharedDataset, loadSharedDataset } from './shared-dataset';

/**
 * `npm run bench:anchors`: measures this project against the anchors of the shared harness
 * (../shared/bench: PostGraphile 4.14 and a hand-written one-statement server) on the same data
 * set, in one run. Two instances of the built app take part: one with the response cache off
 * (`cms`) and one with it on (`cms-cached`). The harness prints its table; this script adds the
 * ratios and writes them to bench/results/anchors-latest.json.
 *
 * `npm run bench` runs it after its own measurements; BENCH_ANCHORS=0 skips it.
 * Settings (environment): BENCH_SCALE (20), BENCH_ROUNDS (3), BENCH_SECONDS (15), BENCH_WARMUP (5),
 * BENCH_CONNECTIONS (32), BENCH_SHARED (../shared/bench), BENCH_CACHE (~/.cache/cms-bench).
 * BENCH_GRAPHQL_JS=1 adds a third instance, uncached with compiled execution off
 * (`cms-graphql-js`, GRAPHQL_COMPILED_MAX=0), to compare compiled and graphql-js execution in one run.
 */
const ROOT = join(__dirname, '..', '..');
const SHARED = resolve(process.env.BENCH_SHARED ?? join(ROOT, '..', 'shared', 'bench'));
const CACHE = process.env.BENCH_CACHE ?? join(process.env.HOME ?? '/root', '.cache', 'cms-bench');
const SCALE = Number(process.env.BENCH_SCALE ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const COMPARE_GRAPHQL_JS = process.env.BENCH_GRAPHQL_JS === '1';

interface Row {
  target: string;
  op: string;
  rps: number;
  p50: number;
  p99: number;
  serverCpuMs: number | null;
  postgresCpuMs: number | null;
  statements: number | null;
}

/** The median rows of the harness's results.tsv, by target and operation. */
function readResults(directory: string): Row[] {
  const lines = readFileSync(join(directory, 'results.tsv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'));
  const groups = new Map<string, string[][]>();
  for (const line of lines) groups.set(`${line[1]}\t${line[2]}`, [...(groups.get(`${line[1]}\t${line[2]}`) ?? []), line]);
  const median = (values: number[]) => {
    const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
    if (sorted.length === 0) return null;
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  };
  return [...groups.entries()].map(([key, rows]) => {
    const [target, op] = key.split('\t');
    const column = (index: number) => median(rows.map((row) => Number(row[index])));
    return {
      target,
      op,
      rps: column(3) ?? 0,
      p50: column(4) ?? 0,
      p99: column(5) ?? 0,
      serverCpuMs: column(8),
      postgresCpuMs: column(9),
      statements: column(12),
    };
  });
}

async function main() {
  if (process.env.BENCH_ANCHORS === '0') return;
  if (!existsSync(join(SHARED, 'run.sh'))) throw new Error(`The shared harness is not at ${SHARED} (set BENCH_SHARED)`);
  ensureSharedDataset(SCALE, SHARED);
  const database = await createBenchDatabase();
  const apps: ChildProcess[] = [];
  try {
    const uncached = await startBuiltApp(3401, database.url, { RESPONSE_CACHE: 'off' });
    apps.push(uncached);
    console.log('loaded', await loadSharedDataset(database.url, SCALE));
    const cached = await startBuiltApp(3402, database.url, { RESPONSE_CACHE: 'on' });
    apps.push(cached);
    const graphqlJs = COMPARE_GRAPHQL_JS ? await startBuiltApp(3403, database.url, { RESPONSE_CACHE: 'off', GRAPHQL_COMPILED_MAX: '0' }) : null;
    if (graphqlJs) apps.push(graphqlJs);
    const queries = join(SHARED, 'queries', 'project.graphql');
    const before = new Set(existsSync(join(CACHE, 'results')) ? readdirSync(join(CACHE, 'results')) : []);
    const run = spawnSync(
      'bash',
      [
        join(SHARED, 'run.sh'),
        '-s',
        String(SCALE),
        '-r',
        String(ROUNDS),
        '-d',
        String(SECONDS),
        '-w',
        String(WARMUP),
        '-c',
        String(CONNECTIONS),
        '-t',
        `cms|http://127.0.0.1:3401/graphql|${queries}|${uncached.pid}`,
        '-t',
        `cms-cached|http://127.0.0.1:3402/graphql|${queries}|${cached.pid}`,
        ...(graphqlJs ? ['-t', `cms-graphql-js|http://127.0.0.1:3403/graphql|${queries}|${graphqlJs.pid}`] : []),
      ],
      { stdio: 'inherit', env: { ...process.env, BENCH_CACHE: CACHE } },
    );
    if (run.status !== 0) throw new Error('the shared harness failed');
    const stamp = readdirSync(join(CACHE, 'results'))
      .filter((name) => !before.has(name))
      .sort()
      .pop();
    if (!stamp) throw new Error('the harness wrote no results');
    const rows = readResults(join(CACHE, 'results', stamp));
    const find = (target: string, op: string) => rows.find((row) => row.target === target && row.op === op);
    const ratios: Record<string, unknown> = {};
    for (const op of ['TreatmentPage', 'TreatmentList']) {
      const postgraphile = find('postgraphile', op);
      const raw = find('raw-limit', op);
      for (const target of ['cms', 'cms-cached', ...(graphqlJs ? ['cms-graphql-js'] : [])]) {
        const row = find(target, op);
        if (!row || !postgraphile || !raw) continue;
        ratios[`${target} ${op}`] = {
          rps: row.rps,
          vsPostgraphile: Math.round((row.rps / postgraphile.rps) * 100) / 100,
          vsHandWritten: Math.round((row.rps / raw.rps) * 100) / 100,
          p99Ms: row.p99,
          p99VsHandWritten: Math.round((row.p99 / raw.p99) * 100) / 100,
          serverCpuMsPerRequest: row.serverCpuMs,
          postgresCpuMsPerRequest: row.postgresCpuMs,
          statementsPerRequest: row.statements,
        };
      }
    }
    console.log('\nRatios (medians of the rounds):');
    console.table(ratios);
    const results = {
      date: new Date().toISOString(),
      node: process.version,
      scale: SCALE,
      rounds: ROUNDS,
      seconds: SECONDS,
      connections: CONNECTIONS,
      harnessResults: join(CACHE, 'results', stamp),
      rows,
      ratios,
    };
    mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench', 'results', `anchors-s${SCALE}-latest.json`), `${JSON.stringify(results, null, 2)}\n`);
  } finally {
    await stopApps(apps);
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
