import { Client } from 'pg';
import { generateApiKey } from '../src/api-keys/api-key-secret';
import { isValidNpi } from '../src/common/validation/identifiers';

/** Tables a provider sync may write; the run log (sync_runs, audit_log) is counted apart. */
const CONTENT_TABLES = [
  'providers',
  'provider_external_ids',
  'provider_locations',
  'locations',
  'location_external_ids',
  'revisions',
  'outbox_events',
  'slug_history',
];
const LOG_TABLES = ['sync_runs', 'audit_log'];
const PROVIDERS = 1000;
const OFFICES = 10;

export interface SyncScenarioResult {
  /** Wall time of the HTTP request, as an integration sees it. */
  requestMs: number;
  /** The server's own measure (SyncReport.durationMs). */
  serverMs: number;
  /** SQL statements the request ran (x-sql-statements): flat in the batch size, never one per record. */
  statements: number;
  counts: Record<string, number>;
  /** Row versions created (inserted or updated) in content tables, per table. */
  contentRowsWritten: Record<string, number>;
  /** Rows the run log added (one sync_runs row and one audit entry per run). */
  logRowsWritten: number;
}

const MUTATION = `mutation Sync($input: SyncProvidersInput!) {
  syncProviders(input: $input) { status durationMs counts { received created updated unchanged deactivated failed } locationCounts { created unchanged } }
}`;

function npi(seed: number): string {
  const base = String(160_000_000 + seed);
  for (let digit = 0; digit < 10; digit++) if (isValidNpi(`${base}${digit}`)) return `${base}${digit}`;
  throw new Error('unreachable');
}

function batch(changedEvery = 0) {
  const locations = Array.from({ length: OFFICES }, (_, index) => ({
    externalId: `BENCH-SITE-${index + 1}`,
    name: `Bench Office ${index + 1}`,
    addressLine1: `${100 + index} Main Street`,
    city: 'Lexington',
    state: 'KY',
    postalCode: '40503',
    phone: `(859) 555-01${String(10 + index).padStart(2, '0')}`,
  }));
  const records = Array.from({ length: PROVIDERS }, (_, index) => ({
    externalId: `BENCH-${index + 1}`,
    npi: npi(index),
    firstName: 'Jordan',
    middleName: 'Q',
    lastName: `Benchmark ${String(index + 1).padStart(4, '0')}`,
    credentials: ['MD'],
    specialties: ['208VP0014X', '207L00000X'],
    languages: ['en', 'es'],
    acceptingNewPatients: changedEvery > 0 && index % changedEvery === 0 ? false : true,
    locations: [{ externalId: `BENCH-SITE-${(index % OFFICES) + 1}` }, { externalId: `BENCH-SITE-${((index + 1) % OFFICES) + 1}` }],
  }));
  return { locations, records };
}

/**
 * A row's version: xmin and a hash of the row. Outbox events are written once; the webhook
 * dispatcher then marks them processed, which is not a write of the sync's: they are identified
 * by id and content.
 */
function rowVersion(table: string): string {
  return table === 'outbox_events' ? `id::text || '@' || md5(t.payload::text)` : `xmin::text || '@' || md5(t::text)`;
}

async function rowVersions(client: Client, tables: string[]): Promise<Map<string, Set<string>>> {
  const versions = new Map<string, Set<string>>();
  for (const table of tables) {
    const rows: { row: string }[] = (await client.query(`SELECT ${rowVersion(table)} AS row FROM ${table} t`)).rows;
    versions.set(table, new Set(rows.map((row) => row.row)));
  }
  return versions;
}

function written(before: Map<string, Set<string>>, after: Map<string, Set<string>>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [table, rows] of after) counts[table] = [...rows].filter((row) => !before.get(table)!.has(row)).length;
  return counts;
}

/**
 * Provider sync against the running app over HTTP, as an integration calls it: 1,000 new
 * providers (with 10 offices), the same 1,000 again (nothing to change), and the same with one
 * in ten changed. Rows written are counted from row versions (xmin) before and after.
 */
export async function runSyncBenchmark(baseUrl: string, databaseUrl: string): Promise<Record<string, SyncScenarioResult>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const key = generateApiKey();
    await client.query(`INSERT INTO api_keys (name, prefix, key_hash, scopes) VALUES ('bench sync', $1, $2, '{providers:sync}')`, [key.prefix, key.hash]);
    const scenarios: [string, ReturnType<typeof batch>][] = [
      ['1,000 new providers', batch()],
      ['the same 1,000 unchanged', batch()],
      ['1,000 with 100 changed', batch(10)],
    ];
    const results: Record<string, SyncScenarioResult> = {};
    for (const [name, input] of scenarios) {
      const before = await rowVersions(client, [...CONTENT_TABLES, ...LOG_TABLES]);
      const started = performance.now();
      const response = await fetch(`${baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key.secret },
        body: JSON.stringify({ query: MUTATION, variables: { input: { source: 'bench-credentialing', ...input } } }),
      });
      const body = (await response.json()) as { data?: { syncProviders: { durationMs: number; counts: Record<string, number> } }; errors?: unknown };
      const requestMs = Math.round(performance.now() - started);
      if (!body.data) throw new Error(`sync failed: ${JSON.stringify(body.errors)}`);
      const after = await rowVersions(client, [...CONTENT_TABLES, ...LOG_TABLES]);
      const counts = written(before, after);
      const contentRowsWritten = Object.fromEntries(CONTENT_TABLES.map((table) => [table, counts[table]]));
      results[name] = {
        requestMs,
        serverMs: body.data.syncProviders.durationMs,
        statements: Number(response.headers.get('x-sql-statements')),
        counts: body.data.syncProviders.counts,
        contentRowsWritten,
        logRowsWritten: LOG_TABLES.reduce((sum, table) => sum + counts[table], 0),
      };
    }
    return results;
  } finally {
    await client.end();
  }
}

/** One line per scenario for the console. */
export function describeSyncResult(name: string, result: SyncScenarioResult): string {
  const total = Object.values(result.contentRowsWritten).reduce((sum, count) => sum + count, 0);
  const { created, updated, unchanged } = result.counts;
  return `sync ${name}: ${result.requestMs} ms over HTTP (${result.serverMs} ms in the service, ${result.statements} SQL statements); ${created} created, ${updated} updated, ${unchanged} unchanged; ${total} content rows written ${JSON.stringify(result.contentRowsWritten)}; ${result.logRowsWritten} run-log rows`;
}
