import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { FieldError } from '../common/errors/app-error';
import { JSONScalar } from '../common/graphql/json.scalar';
import { SyncApplyMode, SyncFormat, SyncMode, SyncOutcome, SyncRunStatus } from './sync.enums';

@ObjectType('SyncFieldChange', { description: 'One source-owned field a sync changed (or, in a dry run, would change).' })
export class SyncFieldChange {
  @Field(() => String, {
    description: 'The field, as named on Provider or Location ("credentials", "acceptingNewPatients", "locations", "primaryLocation", "externalId").',
  })
  field: string;

  @Field(() => JSONScalar, { nullable: true, description: 'The value before (null for a new document). Locations are given as ids.' })
  oldValue: unknown;

  @Field(() => JSONScalar, { nullable: true, description: 'The value after.' })
  newValue: unknown;
}

@ObjectType('SyncFieldError', { description: 'Why a record failed: the field (relative to the record) and what is wrong with it.' })
export class SyncFieldError implements FieldError {
  @Field(() => String, { description: 'Path of the field within the record ("npi", "locations[1]"), or "record" for the record as a whole.' })
  path: string;

  @Field(() => String, { description: 'What is wrong, in words.' })
  message: string;
}

@ObjectType('SyncFieldWarning', {
  description: 'A detail of a record that could not be kept (a contact field that fails validation): it was left out, and the record still synced.',
})
export class SyncFieldWarning {
  @Field(() => String, { description: 'Path of the field within the record ("phone", "telecoms[1]").' })
  path: string;

  @Field(() => String, { nullable: true, description: 'The value the source sent, as text.' })
  value: string | null;

  @Field(() => String, { description: 'Why it was left out.' })
  message: string;
}

@ObjectType('SyncRecordResult', { description: 'What a sync did with one provider record of the batch.' })
export class SyncRecordResult {
  @Field(() => Int, { description: 'Position of the record in the batch (0-based); for FHIR and NPPES, in the order of the Practitioners / results.' })
  index: number;

  @Field(() => String, {
    nullable: true,
    description: 'Where the record came from in the original format ("Practitioner/prac-1", "results[3]"); null for JSON batches.',
  })
  sourceRef: string | null;

  @Field(() => String, { nullable: true, description: "The record's external id in the source." })
  externalId: string | null;

  @Field(() => String, { nullable: true, description: "The record's NPI, when it has one." })
  npi: string | null;

  @Field(() => SyncOutcome, { description: 'Created, updated, unchanged or failed.' })
  outcome: SyncOutcome;

  @Field(() => ID, {
    nullable: true,
    description: 'The provider the record created or matched; null when it failed before matching, or for a creation in a dry run.',
  })
  providerId: string | null;

  @Field(() => Boolean, {
    description:
      "True when the change went into a draft: in DRAFT mode (the provider's pending draft, or a new provider created as a draft), or in LIVE mode when an editor's pending draft got the synced fields too.",
  })
  draft: boolean;

  @Field(() => [SyncFieldChange], { description: 'The source-owned fields that changed, old and new values.' })
  changes: SyncFieldChange[];

  @Field(() => [SyncFieldError], { description: 'Why the record failed; empty otherwise.' })
  errors: SyncFieldError[];

  @Field(() => [SyncFieldWarning], { description: 'Details left out because they failed validation; the record synced without them.' })
  warnings: SyncFieldWarning[];
}

@ObjectType('SyncLocationResult', { description: 'What a sync did with one office of the batch.' })
export class SyncLocationResult {
  @Field(() => Int, { description: "Position of the office in the batch's locations (0-based)." })
  index: number;

  @Field(() => String, { nullable: true, description: 'Where it came from in the original format ("Location/loc-1"); null for JSON batches.' })
  sourceRef: string | null;

  @Field(() => String, { nullable: true, description: "The office's external id in the source." })
  externalId: string | null;

  @Field(() => SyncOutcome, { description: 'Created, updated, unchanged or failed.' })
  outcome: SyncOutcome;

  @Field(() => ID, { nullable: true, description: 'The location created or matched; null when it failed, or for a creation in a dry run.' })
  locationId: string | null;

  @Field(() => Boolean, { description: "True when the change went into a draft (DRAFT mode, or an editor's pending draft in LIVE mode)." })
  draft: boolean;

  @Field(() => [SyncFieldChange], { description: 'The source-owned fields that changed.' })
  changes: SyncFieldChange[];

  @Field(() => [SyncFieldError], { description: 'Why the office failed; empty otherwise.' })
  errors: SyncFieldError[];

  @Field(() => [SyncFieldWarning], { description: 'Details left out because they failed validation; the office synced without them.' })
  warnings: SyncFieldWarning[];
}

@ObjectType('SyncDeactivation', { description: 'A provider of the source that a FULL sync deactivated because the batch did not list it.' })
export class SyncDeactivation {
  @Field(() => ID, { description: 'The provider.' })
  providerId: string;

  @Field(() => String, { description: 'Its external id in the source.' })
  externalId: string;

  @Field(() => String, { description: 'Its name, for people reading the report.' })
  name: string;

  @Field(() => Boolean, { description: 'True when the deactivation went into its draft (DRAFT mode) rather than live.' })
  draft: boolean;
}

@ObjectType('SyncCounts', { description: 'How many records ended each way.' })
export class SyncCounts {
  @Field(() => Int, { description: 'Records in the batch.' })
  received: number;

  @Field(() => Int, { description: 'Created.' })
  created: number;

  @Field(() => Int, { description: 'Updated.' })
  updated: number;

  @Field(() => Int, { description: 'Matched and already up to date.' })
  unchanged: number;

  @Field(() => Int, { description: 'Deactivated because a FULL batch did not list them (always 0 for locations).' })
  deactivated: number;

  @Field(() => Int, { description: 'Invalid or ambiguous, not applied.' })
  failed: number;
}

@ObjectType('SyncReport', { description: 'The outcome of a provider sync, per record, with counts. A dry run returns the same report and writes nothing.' })
export class SyncReport {
  @Field(() => ID, { description: 'The run, as listed by `syncRuns` (for a replayed request: the original run).' })
  runId: string;

  @Field(() => String, { description: 'The source.' })
  source: string;

  @Field(() => SyncFormat, { description: 'The format of the batch.' })
  format: SyncFormat;

  @Field(() => SyncMode, { description: 'UPSERT or FULL.' })
  mode: SyncMode;

  @Field(() => SyncApplyMode, { description: "Where changes went, from the source's settings: LIVE or DRAFT." })
  applyMode: SyncApplyMode;

  @Field(() => Boolean, { description: 'Whether this was a dry run.' })
  dryRun: boolean;

  @Field(() => Boolean, { description: 'Whether the run was all or nothing.' })
  atomic: boolean;

  @Field(() => SyncRunStatus, { description: 'APPLIED, DRY_RUN or REJECTED (atomic with failures: nothing written).' })
  status: SyncRunStatus;

  @Field(() => Boolean, { description: 'True when this is the stored report of an earlier run with the same idempotency key; nothing was done this time.' })
  replayed: boolean;

  @Field(() => GraphQLISODateTime, { description: 'When the run started.' })
  startedAt: Date;

  @Field(() => Int, { description: 'How long it took, in milliseconds.' })
  durationMs: number;

  @Field(() => SyncCounts, { description: 'Provider records by outcome, and deactivations.' })
  counts: SyncCounts;

  @Field(() => SyncCounts, { description: 'Offices by outcome.' })
  locationCounts: SyncCounts;

  @Field(() => [SyncRecordResult], { description: 'One result per provider record, in batch order.' })
  records: SyncRecordResult[];

  @Field(() => [SyncLocationResult], { description: 'One result per office of the batch, in batch order.' })
  locations: SyncLocationResult[];

  @Field(() => [SyncDeactivation], { description: 'Providers a FULL run deactivated.' })
  deactivations: SyncDeactivation[];

  @Field(() => [String], {
    description:
      'Things in the input that were skipped or could not be mapped, but did not fail a record (a FHIR resource of another type, an NPPES organization).',
  })
  warnings: string[];
}

export function emptyCounts(received = 0): SyncCounts {
  return { received, created: 0, updated: 0, unchanged: 0, deactivated: 0, failed: 0 };
}

/** Counts the outcomes of a list of results. */
export function countOutcomes(results: { outcome: SyncOutcome }[], deactivated = 0): SyncCounts {
  const counts = emptyCounts(results.length);
  for (const result of results) {
    if (result.outcome === SyncOutcome.CREATED) counts.created++;
    else if (result.outcome === SyncOutcome.UPDATED) counts.updated++;
    else if (result.outcome === SyncOutcome.UNCHANGED) counts.unchanged++;
    else counts.failed++;
  }
  counts.deactivated = deactivated;
  return counts;
}

/** A stored report (JSON) as the GraphQL type expects it: dates as Date objects. */
export function reportFromJson(json: Record<string, unknown>, overrides: Partial<SyncReport> = {}): SyncReport {
  const report = json as unknown as SyncReport;
  return { ...report, startedAt: new Date(report.startedAt as unknown as string), ...overrides };
}

/** The one-paragraph summary the CLI prints and the audit entry holds. */
export function summarizeReport(report: SyncReport): string {
  const { counts, locationCounts } = report;
  const providers = `${counts.received} provider record(s): ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.deactivated} deactivated, ${counts.failed} failed`;
  const offices =
    locationCounts.received > 0
      ? `; ${locationCounts.received} office(s): ${locationCounts.created} created, ${locationCounts.updated} updated, ${locationCounts.unchanged} unchanged, ${locationCounts.failed} failed`
      : '';
  const how = report.replayed
    ? ' (replayed from the idempotency key)'
    : report.status === SyncRunStatus.DRY_RUN
      ? ' (dry run: nothing written)'
      : report.status === SyncRunStatus.REJECTED
        ? ' (rejected: atomic run with failures, nothing written)'
        : '';
  return `Sync ${report.runId} of ${report.source} (${report.format}, ${report.mode}, ${report.applyMode}) ${report.status}${how}: ${providers}${offices}. ${report.durationMs} ms.`;
}
