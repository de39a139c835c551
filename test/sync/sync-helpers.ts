import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isValidNpi } from '../../src/common/validation/identifiers';
import { type AppUnderTest, type GraphQLResponse } from '../support/test-app';

export const REPORT = `
  runId source format mode applyMode dryRun atomic status replayed startedAt durationMs warnings
  counts { received created updated unchanged deactivated failed }
  locationCounts { received created updated unchanged deactivated failed }
  records { index sourceRef externalId npi outcome providerId draft changes { field oldValue newValue } errors { path message } warnings { path value message } }
  locations { index sourceRef externalId outcome locationId draft changes { field oldValue newValue } errors { path message } warnings { path value message } }
  deactivations { providerId externalId name draft }
`;

export const SYNC_PROVIDERS = `mutation Sync($input: SyncProvidersInput!) { syncProviders(input: $input) { ${REPORT} } }`;
export const SYNC_FROM_FHIR = `mutation Sync($input: SyncProvidersFromFhirInput!) { syncProvidersFromFhir(input: $input) { ${REPORT} } }`;
export const SYNC_FROM_NPPES = `mutation Sync($input: SyncProvidersFromNppesInput!) { syncProvidersFromNppes(input: $input) { ${REPORT} } }`;
export const CONFIGURE_SOURCE = `mutation Configure($input: ConfigureSyncSourceInput!) { configureSyncSource(input: $input) { name applyMode maxDeactivationShare updatedByLabel } }`;

export interface SyncBatch {
  records: Record<string, any>[];
  locations: Record<string, any>[];
}

export function fixture<T = any>(name: string): T {
  return JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', name), 'utf8'));
}

/** A fresh copy of the JSON batch fixture, to change freely in a test. */
export function jsonBatch(): SyncBatch {
  return fixture<SyncBatch>('provider-batch.json');
}

/** Runs a sync mutation and fails the test with the server's errors when it does not succeed. */
export async function sync(app: AppUnderTest, headers: Record<string, string>, input: Record<string, unknown>, mutation = SYNC_PROVIDERS): Promise<any> {
  const response = await app.graphql(mutation, { input }, headers);
  if (response.errors) throw new Error(`sync failed: ${JSON.stringify(response.errors)}`);
  return Object.values(response.data)[0];
}

export function attemptSync(
  app: AppUnderTest,
  headers: Record<string, string>,
  input: Record<string, unknown>,
  mutation = SYNC_PROVIDERS,
): Promise<GraphQLResponse> {
  return app.graphql(mutation, { input }, headers);
}

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

/**
 * Every row version (xmin and a hash of the row) of the content tables: equal snapshots mean no row was
 * inserted, updated or deleted in between (not even a touch of updated_at).
 */
export async function rowVersions(app: AppUnderTest): Promise<Record<string, string[]>> {
  const snapshot: Record<string, string[]> = {};
  for (const table of CONTENT_TABLES) {
    // Outbox events are written once; the webhook dispatcher marking them processed is not a write of the sync's.
    const version = table === 'outbox_events' ? `id::text || '@' || md5(t.payload::text)` : `xmin::text || '@' || md5(t::text)`;
    const rows: { row: string }[] = await app.dataSource.query(`SELECT ${version} AS row FROM ${table} t ORDER BY 1`);
    snapshot[table] = rows.map((row) => row.row);
  }
  return snapshot;
}

export function byExternalId(results: any[], externalId: string): any {
  const found = results.find((result) => result.externalId === externalId);
  if (!found) throw new Error(`no result for ${externalId}`);
  return found;
}

/** A valid, fictitious NPI for a number: 9 digits from the seed plus the check digit. */
export function validNpi(seed: number): string {
  const base = String(150_000_000 + seed);
  for (let digit = 0; digit < 10; digit++) if (isValidNpi(`${base}${digit}`)) return `${base}${digit}`;
  throw new Error('unreachable');
}

/** `count` minimal provider records "<prefix>-1"…, with valid NPIs from `seed`. */
export function generatedRecords(prefix: string, count: number, seed = 0): Record<string, any>[] {
  return Array.from({ length: count }, (_, index) => ({
    externalId: `${prefix}-${index + 1}`,
    npi: validNpi(seed + index),
    firstName: 'Casey',
    lastName: `${prefix} ${String(index + 1).padStart(4, '0')}`,
    credentials: ['MD'],
    specialties: ['208VP0014X'],
    languages: ['en'],
    acceptingNewPatients: true,
  }));
}
