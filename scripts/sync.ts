import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { DataSource } from 'typeorm';
import { AuditLogService } from '../src/audit/audit-log.service';
import { type Actor } from '../src/auth/actor';
import { Permission } from '../src/auth/permissions';
import { HttpCaching } from '../src/cache/http-caching';
import { AppError, type FieldError } from '../src/common/errors/app-error';
import { createRootLogger } from '../src/common/logging';
import { loadConfig } from '../src/config/app-config';
import { FhirIdentifierSystems } from '../src/fhir/fhir-systems';
import { ContentChanges } from '../src/content/content-changes';
import { buildDataSourceOptions } from '../src/database/data-source-options';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { DATA_DIR_USERS } from '../src/database/data-dir-lock';
import { runMigrationsUnderLock } from '../src/database/migrations';
import { mapFhirBundle } from '../src/sync/formats/fhir-import.mapper';
import { mapNppesResponse } from '../src/sync/formats/nppes-import.mapper';
import { RedisConnection } from '../src/redis/redis-connection';
import { type MappedBatch } from '../src/sync/sync-records';
import { summarizeReport, type SyncReport } from '../src/sync/sync-report';
import { SyncService } from '../src/sync/sync.service';
import { SyncFormat, SyncMode, SyncRunStatus } from '../src/sync/sync.enums';
import { SOURCE_NAME_PATTERN } from '../src/sync/sync.inputs';

const USAGE = `Usage: npm run sync -- --format fhir|nppes|json --source NAME --file PATH [--mode UPSERT|FULL] [--dry-run] [--atomic] [--force] [--idempotency-key KEY] [--create-offices]

--create-offices (nppes only): the results' practice addresses become offices, matched to existing ones by address.

Syncs providers from a file into the database at DATABASE_URL (else the embedded database under
DATA_DIR; stop the app first). Exit code 0: applied with no failed record; 2: some records failed
or an atomic run was rejected (see the report); 1: the run was refused or could not start.`;

interface Options {
  format: SyncFormat;
  source: string;
  file: string;
  mode: SyncMode;
  dryRun: boolean;
  atomic: boolean;
  force: boolean;
  idempotencyKey: string | null;
  createOffices: boolean;
}

class UsageError extends Error {}

function parseArguments(argv: string[]): Options {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (['--dry-run', '--atomic', '--force', '--create-offices'].includes(argument)) flags.add(argument);
    else if (['--format', '--source', '--file', '--mode', '--idempotency-key'].includes(argument) && argv[index + 1] !== undefined)
      values.set(argument, argv[++index]);
    else if (argument === '--help' || argument === '-h') throw new UsageError('');
    else throw new UsageError(`Unknown or incomplete argument: ${argument}`);
  }
  const format = (values.get('--format') ?? '').toUpperCase();
  if (!(format in SyncFormat)) throw new UsageError('--format must be fhir, nppes or json');
  const source = values.get('--source') ?? '';
  if (!SOURCE_NAME_PATTERN.test(source)) throw new UsageError('--source must be a name such as "credentialing" or a URI (letters, digits, . _ : / -)');
  const file = values.get('--file');
  if (!file) throw new UsageError('--file is required');
  const mode = (values.get('--mode') ?? 'UPSERT').toUpperCase();
  if (!(mode in SyncMode)) throw new UsageError('--mode must be UPSERT or FULL');
  return {
    format: format as SyncFormat,
    source,
    file,
    mode: mode as SyncMode,
    dryRun: flags.has('--dry-run'),
    atomic: flags.has('--atomic'),
    force: flags.has('--force'),
    idempotencyKey: values.get('--idempotency-key') ?? null,
    createOffices: flags.has('--create-offices'),
  };
}

/** The file as a batch: a FHIR Bundle, an NPPES response, or `{ records, locations }` (or a bare list of records). */
function readBatch(options: Options, identifierSystems: FhirIdentifierSystems): MappedBatch {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(options.file, 'utf8'));
  } catch (error) {
    throw new UsageError(`Cannot read ${options.file} as JSON: ${(error as Error).message}`);
  }
  if (options.format === SyncFormat.FHIR) return mapFhirBundle(data, options.source, identifierSystems);
  if (options.format === SyncFormat.NPPES) return mapNppesResponse(data, { createOffices: options.createOffices });
  const body = Array.isArray(data) ? { records: data } : (data as { records?: unknown; locations?: unknown });
  if (!Array.isArray(body?.records)) throw new UsageError('A json file holds { "records": [...], "locations": [...] } or a list of records');
  return { records: body.records, locations: Array.isArray(body.locations) ? body.locations : [], warnings: [] };
}

function printReport(report: SyncReport): void {
  console.log(summarizeReport(report));
  for (const record of report.records.filter((item) => item.errors.length > 0)) {
    console.log(
      `  failed record ${record.index}${record.sourceRef ? ` (${record.sourceRef})` : ''} ${record.externalId ?? ''}: ${describeErrors(record.errors)}`,
    );
  }
  for (const location of report.locations.filter((item) => item.errors.length > 0)) {
    console.log(
      `  failed location ${location.index}${location.sourceRef ? ` (${location.sourceRef})` : ''} ${location.externalId ?? ''}: ${describeErrors(location.errors)}`,
    );
  }
  for (const deactivation of report.deactivations) console.log(`  deactivated ${deactivation.name} (${deactivation.externalId})`);
  for (const warning of report.warnings) console.log(`  note: ${warning}`);
}

const describeErrors = (errors: FieldError[]) => errors.map((error) => `${error.path} ${error.message}`).join('; ');

async function main(): Promise<number> {
  const options = parseArguments(process.argv.slice(2));
  const config = loadConfig();
  const batch = readBatch(options, new FhirIdentifierSystems(config));
  let embedded: EmbeddedPostgres | undefined;
  let url = config.DATABASE_URL;
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir: config.DATA_DIR, ...DATA_DIR_USERS.sync });
    url = embedded.url;
  }
  // One connection: all a script needs, and the most the embedded database allows.
  const dataSource = new DataSource(buildDataSourceOptions({ url, poolSize: 1 }));
  // Running instances that share a Redis response cache drop what the sync changes.
  const logger = createRootLogger('warn');
  const redis = config.REDIS_URL && config.RESPONSE_CACHE === 'on' ? await RedisConnection.connect(config.REDIS_URL, config.REDIS_KEY_PREFIX, logger) : null;
  const changes = new ContentChanges(dataSource);
  if (redis) HttpCaching.create(config, redis, logger).invalidateOn(changes);
  try {
    await dataSource.initialize();
    await runMigrationsUnderLock(dataSource);
    const actor: Actor = { kind: 'SYSTEM', id: null, label: `sync CLI (${userInfo().username})`, permissions: [Permission.PROVIDERS_SYNC] };
    const report = await new SyncService(dataSource, new AuditLogService(), changes).sync(actor, {
      source: options.source,
      format: options.format,
      mode: options.mode,
      dryRun: options.dryRun,
      atomic: options.atomic,
      force: options.force,
      idempotencyKey: options.idempotencyKey,
      batch,
      action: 'syncProvidersCli',
      inputPath: options.file,
    });
    printReport(report);
    const failed = report.counts.failed + report.locationCounts.failed > 0 || report.status === SyncRunStatus.REJECTED;
    return failed ? 2 : 0;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    await redis?.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    if (error instanceof UsageError && !error.message) {
      console.log(USAGE);
      process.exit(0);
    }
    if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
    else if (error instanceof AppError) {
      const fields = (error.extensions.fields as FieldError[] | undefined) ?? [];
      console.error(`Sync refused: ${error.message}${fields.length > 0 && !error.message.includes(fields[0].message) ? `\n  ${describeErrors(fields)}` : ''}`);
    } else console.error(`Sync failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
