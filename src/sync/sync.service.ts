import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AuditLogService } from '../audit/audit-log.service';
import { insertTogether, RowInsert } from '../database/insert-together';
import { Actor } from '../auth/actor';
import { DocumentType } from '../content/documents/document-status';
import { AppError, FieldError } from '../common/errors/app-error';
import { currentRequestContext } from '../common/request-context';
import { ChangedDocuments, ContentChanges } from '../content/content-changes';
import { isLive } from '../content/document-store';
import { Location } from '../locations/location.entity';
import { Provider } from '../providers/provider.entity';
import { SyncWriter } from './sync-apply';
import { DocumentPlan, draftLinks, Existing, LOCATION_KIND, planDocument, plansWrite, PROVIDER_KIND, SyncKind } from './sync-diff';
import {
  BatchLocations,
  Candidates,
  duplicatesInBatch,
  Links,
  loadDrafts,
  loadLocationCandidates,
  loadProviderCandidates,
  loadRoster,
  LocationCandidates,
  matchLocation,
  matchProvider,
  ProviderCandidates,
  resolveLocationRefs,
} from './sync-matching';
import { checkLocationRecord, checkProviderRecord, InvalidRecord, isInvalid, LocationRecord, MappedBatch, ProviderRecord } from './sync-records';
import {
  countOutcomes,
  reportFromJson,
  SyncDeactivation,
  SyncFieldChange,
  SyncFieldWarning,
  SyncLocationResult,
  SyncRecordResult,
  SyncReport,
} from './sync-report';
import { Precedence } from './sync-precedence';
import { SyncRun } from './sync-run.entity';
import { SourceSettings, SyncSourcesService } from './sync-sources.service';
import { SyncApplyMode, SyncFormat, SyncMode, SyncOutcome, SyncRunStatus } from './sync.enums';
import { MAX_SYNC_RECORDS } from './sync.inputs';
import { valueTakenMessage } from '../content/document-writer';
import { OutboxEvent } from '../content/outbox-event.entity';

/** A sync as the mutations and the CLI ask for it: options plus a batch already in the JSON format. */
export interface SyncRequest {
  source: string;
  format: SyncFormat;
  mode: SyncMode;
  dryRun: boolean;
  idempotencyKey?: string | null;
  atomic: boolean;
  force: boolean;
  batch: MappedBatch;
  /** Named in the audit log: the mutation (or "sync CLI"). */
  action: string;
  /** Where the batch is in the request, for errors about the batch as a whole ("input.records"). */
  inputPath: string;
}

/** Two syncs of one source run one after the other (first key of pg_advisory_xact_lock). */
const SYNC_LOCK_CLASS = 40_417;
const ATTEMPTS = 3;

/** Documents changed between planning and locking: plan again. */
class StaleCandidates extends Error {}

interface ProviderOutcome {
  result: SyncRecordResult;
  plan: DocumentPlan | null;
  /** Fields this source becomes the last writer of. */
  claims?: string[];
}

interface LocationOutcome {
  result: SyncLocationResult;
  plan: DocumentPlan | null;
  claims?: string[];
}

interface RunPlan {
  settings: SourceSettings;
  providers: ProviderOutcome[];
  locations: LocationOutcome[];
  deactivations: { entry: SyncDeactivation; plan: DocumentPlan }[];
  providerCandidates: Candidates<Provider>;
  locationCandidates: Candidates<Location>;
  providerPrecedence: Precedence;
  locationPrecedence: Precedence;
}

/**
 * Provider sync: validates a batch record by record, matches it against what the CMS holds in a
 * few set-based reads, diffs in memory and writes only what changed, in bulk, in one transaction.
 * Takes the actor first, so the CLI runs it exactly as the mutations do.
 */
@Injectable()
export class SyncService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLogService,
    private readonly changes: ContentChanges,
  ) {}

  async sync(actor: Actor, request: SyncRequest): Promise<SyncReport> {
    const { batch } = request;
    if (batch.records.length > MAX_SYNC_RECORDS || batch.locations.length > MAX_SYNC_RECORDS) {
      const what =
        batch.records.length > MAX_SYNC_RECORDS
          ? `${batch.records.length.toLocaleString('en-US')} provider records`
          : `${batch.locations.length.toLocaleString('en-US')} locations`;
      throw AppError.badInput([
        {
          path: request.inputPath,
          message: `a batch holds at most ${MAX_SYNC_RECORDS.toLocaleString('en-US')} provider records and ${MAX_SYNC_RECORDS.toLocaleString('en-US')} locations (this one has ${what}); split it into several runs`,
        },
      ]);
    }
    const requestHash = hashRequest(request);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.runOnce(actor, request, requestHash);
      } catch (error) {
        // A concurrent edit or create slipped in between planning and writing: plan again on fresh data.
        const retryable = error instanceof StaleCandidates || (error instanceof QueryFailedError && (error.driverError as { code?: string })?.code === '23505');
        if (!retryable) throw error;
        if (attempt >= ATTEMPTS) throw AppError.conflict('Providers or locations of this batch kept changing while it was applied; send it again');
      }
    }
  }

  private async runOnce(actor: Actor, request: SyncRequest, requestHash: string): Promise<SyncReport> {
    const startedAt = new Date();
    const runId = randomUUID();
    let changes = new ChangedDocuments();
    const queryRunner = this.dataSource.createQueryRunner();
    await queryRunner.connect();
    let open = false;
    try {
      await queryRunner.startTransaction();
      open = true;
      const manager = queryRunner.manager;
      await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [SYNC_LOCK_CLASS, request.source]);

      if (request.idempotencyKey && !request.dryRun) {
        const stored = await manager.findOne(SyncRun, {
          where: { source: request.source, idempotencyKey: request.idempotencyKey, status: SyncRunStatus.APPLIED },
        });
        if (stored) {
          await queryRunner.rollbackTransaction();
          open = false;
          if (stored.requestHash !== requestHash) {
            throw AppError.conflict(
              `The idempotency key "${request.idempotencyKey}" was used for a different batch of ${request.source} (run ${stored.id}); use a new key for a new batch`,
              { runId: stored.id },
            );
          }
          return reportFromJson(stored.report, { replayed: true });
        }
      }

      const plan = await this.plan(manager, request);
      const failed =
        plan.providers.some((outcome) => outcome.result.outcome === SyncOutcome.FAILED) ||
        plan.locations.some((outcome) => outcome.result.outcome === SyncOutcome.FAILED);
      const status = request.dryRun ? SyncRunStatus.DRY_RUN : request.atomic && failed ? SyncRunStatus.REJECTED : SyncRunStatus.APPLIED;
      if (!(request.atomic && failed)) await this.write(manager, actor, request.source, plan, changes);

      const report = this.report(runId, request, plan, status, startedAt);
      if (request.dryRun) {
        // Undo everything, then log the run on the same connection (the embedded database has only one).
        await queryRunner.rollbackTransaction();
        await queryRunner.startTransaction();
        changes = new ChangedDocuments();
      }
      await this.logRun(manager, actor, request, report, requestHash);
      await changes.after(manager);
      await queryRunner.commitTransaction();
      open = false;
      await this.changes.notifyCommitted(changes);
      return report;
    } catch (error) {
      if (open) await queryRunner.rollbackTransaction();
      throw error;
    } finally {
      await queryRunner.release();
    }
  }

  /** Validates, matches and diffs the whole batch; reads only. */
  private async plan(manager: EntityManager, request: SyncRequest): Promise<RunPlan> {
    const { source, batch } = request;
    const { settings, priorities } = await SyncSourcesService.settingsFor(manager, source);
    const locationChecks = batch.locations.map((raw, index) => checkLocationRecord(raw, index, batch.locationRefs?.[index] ?? null));
    const recordChecks = batch.records.map((raw, index) => checkProviderRecord(raw, index, batch.recordRefs?.[index] ?? null));
    const validLocations = locationChecks.filter((check): check is LocationRecord => !isInvalid(check));

    // Offices first: provider records may point at offices the same batch creates.
    const duplicateLocations = duplicatesInBatch(locationChecks, 'locations');
    const validRecords = recordChecks.filter((check): check is ProviderRecord => !isInvalid(check));
    const locationCandidates = await loadLocationCandidates(manager, source, validLocations, validRecords, batch.locationMatch?.byAddress ?? false);
    const locationPrecedence = Precedence.of(LOCATION_KIND.contentType.type, source, priorities, locationCandidates.fieldOwners);
    const batchLocations: BatchLocations = new Map();
    const locations = locationChecks.map((check): LocationOutcome => {
      const errors = [...(isInvalid(check) ? check.errors : []), ...(duplicateLocations.get(check.index) ?? [])];
      let plan: DocumentPlan | null = null;
      let kept: SyncFieldWarning[] = [];
      let claims: string[] = [];
      if (errors.length === 0) {
        const location = check as LocationRecord;
        const match = matchLocation(location, locationCandidates, source);
        if ('errors' in match) errors.push(...match.errors);
        else {
          if (!match.locationId) {
            for (const required of ['name', 'city', 'state'])
              if (location.fields[required] === undefined) errors.push({ path: required, message: 'is required to create an office' });
          }
          if (errors.length === 0) {
            const given = { ...location.fields };
            // Fields the source only gives a new office (an office it found by address keeps its name).
            if (match.locationId) for (const field of batch.locationMatch?.createOnly ?? []) delete given[field];
            const allowed = locationPrecedence.filter(match.locationId, given);
            kept = allowed.kept;
            plan = planDocument({
              kind: LOCATION_KIND,
              applyMode: settings.applyMode,
              externalId: location.externalId,
              existing: existingOf(locationCandidates, match.locationId),
              newId: randomUUID(),
              linkExternalId: match.linkExternalId,
              desired: allowed.fields,
            });
            claims = locationPrecedence.claims(plan.id, Object.keys(allowed.fields));
          }
        }
      }
      if (check.externalId) batchLocations.set(check.externalId, plan ? { locationId: plan.id } : { failedIndex: check.index });
      const result = this.locationResult(check, plan, errors);
      return { plan, claims, result: { ...result, warnings: [...result.warnings, ...kept] } };
    });

    const duplicates = duplicatesInBatch(recordChecks, 'records');
    const candidates = await loadProviderCandidates(
      manager,
      source,
      validRecords.filter((record) => !duplicates.has(record.index)),
    );
    const providerPrecedence = Precedence.of(PROVIDER_KIND.contentType.type, source, priorities, candidates.fieldOwners);
    const providers = recordChecks.map((check): ProviderOutcome => {
      const errors: FieldError[] = [...(isInvalid(check) ? check.errors : []), ...(duplicates.get(check.index) ?? [])];
      if (errors.length > 0 || isInvalid(check)) return { plan: null, result: this.providerResult(check, null, errors) };
      const match = matchProvider(check, candidates, source);
      if ('errors' in match) return { plan: null, result: this.providerResult(check, null, match.errors) };
      const existing = existingOf(candidates, match.providerId);
      const desiredLinks = this.desiredLinks(check, existing, settings, candidates, locationCandidates, batchLocations, source, errors);
      if (errors.length > 0) return { plan: null, result: this.providerResult(check, null, errors) };
      const allowed = providerPrecedence.filter(match.providerId, check.fields);
      const plan = planDocument({
        kind: PROVIDER_KIND,
        applyMode: settings.applyMode,
        externalId: check.externalId,
        existing,
        newId: randomUUID(),
        linkExternalId: match.linkExternalId,
        desired: allowed.fields,
        desiredLinks,
      });
      const result = this.providerResult(check, plan, []);
      return {
        plan,
        claims: providerPrecedence.claims(plan.id, Object.keys(allowed.fields)),
        result: { ...result, warnings: [...result.warnings, ...allowed.kept] },
      };
    });

    // Two records that reach the same provider by different routes are ambiguous: neither is applied.
    const byProvider = new Map<string, ProviderOutcome[]>();
    for (const outcome of providers)
      if (outcome.plan && !outcome.plan.isNew) byProvider.set(outcome.plan.id, [...(byProvider.get(outcome.plan.id) ?? []), outcome]);
    for (const [providerId, outcomes] of byProvider) {
      if (outcomes.length < 2) continue;
      const indexes = outcomes.map((outcome) => outcome.result.index).join(', ');
      for (const outcome of outcomes) {
        outcome.plan = null;
        outcome.result = {
          ...outcome.result,
          outcome: SyncOutcome.FAILED,
          changes: [],
          draft: false,
          errors: [{ path: 'record', message: `records ${indexes} all match provider ${providerId}; not merged` }],
        };
      }
    }

    this.refuseTakenNpis(providers, candidates);
    const deactivations = request.mode === SyncMode.FULL ? await this.planDeactivations(manager, request, settings, recordChecks, providers, candidates) : [];
    return { settings, providers, locations, deactivations, providerCandidates: candidates, locationCandidates, providerPrecedence, locationPrecedence };
  }

  /**
   * An NPI a record would give its provider that another provider holds, in its live row or in
   * its pending draft, fails the record with the message editors get: otherwise publishing that
   * draft would later fail on the unique index, and no retry could fix it. The holders were read
   * with the candidates (matching by NPI uses the same read).
   */
  private refuseTakenNpis(outcomes: ProviderOutcome[], candidates: ProviderCandidates): void {
    for (const outcome of outcomes) {
      const npi = outcome.plan?.changes.find((change) => change.field === 'npi')?.newValue;
      if (typeof npi !== 'string') continue;
      const holder = candidates.npiHolders.get(npi)?.find((candidate) => candidate.documentId !== outcome.plan!.id);
      if (!holder) continue;
      outcome.plan = null;
      outcome.result = {
        ...outcome.result,
        outcome: SyncOutcome.FAILED,
        providerId: null,
        changes: [],
        draft: false,
        errors: [{ path: 'npi', message: valueTakenMessage(holder) }],
      };
    }
  }

  /** The offices (and primary) a record asks for, resolved; undefined when it names none. */
  private desiredLinks(
    record: ProviderRecord,
    existing: Existing | null,
    settings: SourceSettings,
    candidates: ProviderCandidates,
    locationCandidates: LocationCandidates,
    batchLocations: BatchLocations,
    source: string,
    errors: FieldError[],
  ): Links | undefined {
    if (record.locations === undefined && record.primaryLocation === undefined) return undefined;
    let ids: string[];
    if (record.locations !== undefined) ids = resolveLocationRefs(record.locations, batchLocations, locationCandidates, source, errors);
    else if (!existing) ids = [];
    else if (existing.draft && (settings.applyMode === SyncApplyMode.DRAFT || existing.row.status !== 'PUBLISHED'))
      ids = draftLinks(PROVIDER_KIND, existing.draft).ids;
    else ids = candidates.links.get(existing.row.id)?.ids ?? [];
    let primary = ids[0] ?? null;
    if (record.primaryLocation) {
      const [resolved] = resolveLocationRefs([record.primaryLocation], batchLocations, locationCandidates, source, errors);
      if (resolved && !ids.includes(resolved)) errors.push({ path: 'primaryLocation', message: "must be one of the provider's locations" });
      if (resolved) primary = resolved;
    }
    return { ids, primary };
  }

  /** FULL mode: the source's active providers the batch does not list, within the safety limit. */
  private async planDeactivations(
    manager: EntityManager,
    request: SyncRequest,
    settings: SourceSettings,
    checks: (ProviderRecord | InvalidRecord)[],
    outcomes: ProviderOutcome[],
    candidates: ProviderCandidates,
  ): Promise<RunPlan['deactivations']> {
    const roster = await loadRoster(manager, request.source);
    // Invalid records still count as listed: a typo in one record must not deactivate its provider.
    const listedExternalIds = new Set(checks.map((check) => check.externalId).filter(Boolean));
    const listedProviders = new Set(outcomes.map((outcome) => outcome.result.providerId ?? outcome.plan?.id).filter(Boolean));
    const activeProviders = new Set(roster.map((entry) => entry.providerId));
    const missing = new Map<string, string>();
    for (const entry of roster) {
      if (!listedExternalIds.has(entry.externalId) && !listedProviders.has(entry.providerId)) missing.set(entry.providerId, entry.externalId);
    }
    // A provider with a second external id the batch does list is not missing.
    for (const entry of roster) if (listedExternalIds.has(entry.externalId)) missing.delete(entry.providerId);
    if (missing.size === 0) return [];
    const share = missing.size / activeProviders.size;
    if (share > settings.maxDeactivationShare && !request.force) {
      throw AppError.conflict(
        `This FULL sync would deactivate ${missing.size} of the ${activeProviders.size} active providers of ${request.source} (${Math.round(share * 100)}%), more than the ${Math.round(settings.maxDeactivationShare * 100)}% allowed; check that the batch is complete, or send force: true`,
        { wouldDeactivate: missing.size, activeProviders: activeProviders.size, maxDeactivationShare: settings.maxDeactivationShare },
      );
    }
    // Their rows and drafts join the candidates, so that writing locks and checks them like the others.
    const ids = [...missing.keys()];
    const rows = await manager.getRepository(Provider).createQueryBuilder('p').where('p.id = ANY(:ids)', { ids }).getMany();
    for (const row of rows) candidates.rows.set(row.id, row);
    for (const [id, draft] of await loadDrafts(manager, DocumentType.PROVIDER, ids)) candidates.drafts.set(id, draft);
    const planned: RunPlan['deactivations'] = [];
    for (const row of rows.sort((a, b) => a.lastName.localeCompare(b.lastName) || a.firstName.localeCompare(b.firstName))) {
      const plan = planDocument({
        kind: PROVIDER_KIND,
        applyMode: settings.applyMode,
        externalId: missing.get(row.id)!,
        existing: existingOf(candidates, row.id),
        newId: row.id,
        linkExternalId: false,
        desired: { active: false },
      });
      if (!plansWrite(plan)) continue;
      planned.push({
        plan,
        entry: { providerId: row.id, externalId: missing.get(row.id)!, name: `${row.firstName} ${row.lastName}`, draft: plan.wentToDraft },
      });
    }
    return planned;
  }

  /** Locks what is about to change, checks nobody changed it since it was read, and writes. */
  private async write(manager: EntityManager, actor: Actor, source: string, plan: RunPlan, changes: ChangedDocuments): Promise<void> {
    const locationPlans = plan.locations.map((outcome) => outcome.plan).filter((item): item is DocumentPlan => item !== null && plansWrite(item));
    const providerPlans = [...plan.providers.map((outcome) => outcome.plan), ...plan.deactivations.map((item) => item.plan)].filter(
      (item): item is DocumentPlan => item !== null && plansWrite(item),
    );
    await this.lockUnchanged(manager, LOCATION_KIND, locationPlans, plan.locationCandidates);
    await this.lockUnchanged(manager, PROVIDER_KIND, providerPlans, plan.providerCandidates);
    for (const [kind, plans, candidates] of [
      [LOCATION_KIND, locationPlans, plan.locationCandidates],
      [PROVIDER_KIND, providerPlans, plan.providerCandidates],
    ] as const) {
      const live = liveChanges(plans, candidates);
      const created = new Set(plans.filter((item) => item.isNew).map((item) => item.id));
      await changes.before(
        manager,
        kind.contentType,
        live.filter((id) => !created.has(id)),
      );
      changes.created(
        kind.contentType,
        live.filter((id) => created.has(id)),
      );
    }
    await new SyncWriter(manager, actor, LOCATION_KIND, source, changes).apply(locationPlans, plan.locationCandidates.rows, plan.locationCandidates.drafts);
    await new SyncWriter(manager, actor, PROVIDER_KIND, source, changes).apply(providerPlans, plan.providerCandidates.rows, plan.providerCandidates.drafts);
    // This source is now the last writer of the fields it was allowed to set.
    const claimsOf = (outcomes: (ProviderOutcome | LocationOutcome)[]) =>
      outcomes.filter((outcome) => outcome.plan && outcome.claims?.length).map((outcome) => ({ documentId: outcome.plan!.id, fields: outcome.claims! }));
    await Precedence.write(manager, [plan.locationPrecedence.claimRows(claimsOf(plan.locations)), plan.providerPrecedence.claimRows(claimsOf(plan.providers))]);
  }

  /**
   * Row locks on the documents to change (only those: an unchanged re-sync writes nothing, not
   * even a lock), then a check that their versions are still the ones planned against.
   */
  private async lockUnchanged(manager: EntityManager, kind: SyncKind, plans: DocumentPlan[], candidates: Candidates<Provider | Location>): Promise<void> {
    const ids = plans.filter((item) => !item.isNew).map((item) => item.id);
    if (ids.length === 0) return;
    const rows: { id: string; version: number; draft_version: number | null }[] = await manager.query(
      `SELECT d.id, d.version, (SELECT r.version FROM revisions r WHERE r.kind = 'DRAFT' AND r.document_type = $2 AND r.document_id = d.id) AS draft_version
       FROM ${kind.contentType.table} d WHERE d.id = ANY($1::uuid[]) ORDER BY d.id FOR NO KEY UPDATE OF d`,
      [ids, kind.contentType.type],
    );
    for (const row of rows) {
      const planned = candidates.rows.get(row.id);
      if (!planned || planned.version !== row.version || (candidates.drafts.get(row.id)?.version ?? null) !== row.draft_version) throw new StaleCandidates();
    }
  }

  private providerResult(check: ProviderRecord | InvalidRecord, plan: DocumentPlan | null, errors: FieldError[]): SyncRecordResult {
    return {
      index: check.index,
      sourceRef: check.sourceRef,
      externalId: check.externalId,
      npi: check.npi,
      outcome: outcomeOf(plan, errors),
      providerId: plan?.id ?? null,
      draft: plan?.wentToDraft ?? false,
      changes: plan?.changes ?? [],
      errors,
      warnings: check.warnings,
    };
  }

  private locationResult(check: LocationRecord | InvalidRecord, plan: DocumentPlan | null, errors: FieldError[]): SyncLocationResult {
    return {
      index: check.index,
      sourceRef: check.sourceRef,
      externalId: check.externalId,
      outcome: outcomeOf(plan, errors),
      locationId: plan?.id ?? null,
      draft: plan?.wentToDraft ?? false,
      changes: plan?.changes ?? [],
      errors,
      warnings: check.warnings,
    };
  }

  private report(runId: string, request: SyncRequest, plan: RunPlan, status: SyncRunStatus, startedAt: Date): SyncReport {
    // Ids of documents a dry run or a rejected run did not create would point at nothing: null everywhere, changes included.
    const written = status === SyncRunStatus.APPLIED;
    const unwritten = new Set(written ? [] : [...plan.providers, ...plan.locations].filter(({ plan: item }) => item?.isNew).map(({ plan: item }) => item!.id));
    const records = plan.providers.map(({ result }) =>
      withoutIds({ ...result, providerId: unwritten.has(result.providerId ?? '') ? null : result.providerId }, unwritten),
    );
    const locations = plan.locations.map(({ result }) =>
      withoutIds({ ...result, locationId: unwritten.has(result.locationId ?? '') ? null : result.locationId }, unwritten),
    );
    return {
      runId,
      source: request.source,
      format: request.format,
      mode: request.mode,
      applyMode: plan.settings.applyMode,
      dryRun: request.dryRun,
      atomic: request.atomic,
      status,
      replayed: false,
      startedAt,
      durationMs: Date.now() - startedAt.getTime(),
      counts: countOutcomes(records, plan.deactivations.length),
      locationCounts: countOutcomes(locations),
      records,
      locations,
      deactivations: plan.deactivations.map((item) => item.entry),
      warnings: request.batch.warnings,
    };
  }

  /**
   * One sync_runs row and one audit entry per run, whatever it did, and for an applied run that
   * changed the directory one outbox event (webhooks: "sync.completed") beside the per-document
   * events its writes made; a run that changed nothing tells no one. All in one statement.
   */
  private async logRun(manager: EntityManager, actor: Actor, request: SyncRequest, report: SyncReport, requestHash: string): Promise<void> {
    const { counts } = report;
    const runRow: RowInsert<SyncRun> = {
      target: SyncRun,
      values: {
        id: report.runId,
        source: request.source,
        format: request.format,
        mode: request.mode,
        applyMode: report.applyMode,
        dryRun: request.dryRun,
        atomic: request.atomic,
        force: request.force,
        status: report.status,
        idempotencyKey: request.idempotencyKey ?? null,
        requestHash,
        actorKind: actor.kind,
        actorId: actor.id,
        actorLabel: actor.label,
        received: counts.received,
        created: counts.created,
        updated: counts.updated,
        unchanged: counts.unchanged,
        deactivated: counts.deactivated,
        failed: counts.failed,
        report: JSON.parse(JSON.stringify(report)),
        startedAt: report.startedAt,
        durationMs: report.durationMs,
        requestId: currentRequestContext()?.requestId ?? null,
      },
    };
    const auditRow = this.audit.entry(actor, {
      action: request.action,
      after: {
        runId: report.runId,
        source: report.source,
        format: report.format,
        mode: report.mode,
        applyMode: report.applyMode,
        dryRun: report.dryRun,
        status: report.status,
        counts: { ...counts },
        locationCounts: { ...report.locationCounts },
      },
    });
    const changedDirectory = report.status === SyncRunStatus.APPLIED && counts.created + counts.updated + counts.deactivated > 0;
    const eventRow: RowInsert<OutboxEvent> = {
      target: OutboxEvent,
      values: {
        eventType: 'sync.completed',
        documentType: 'SYNC_RUN',
        documentId: report.runId,
        payload: {
          details: {
            source: request.source,
            format: request.format,
            status: report.status,
            created: counts.created,
            updated: counts.updated,
            unchanged: counts.unchanged,
            deactivated: counts.deactivated,
            failed: counts.failed,
          },
        },
      },
    };
    await insertTogether(manager, changedDirectory ? [runRow, auditRow, eventRow] : [runRow, auditRow]);
  }
}

/** A result whose changes name no document of `unwritten` (their ids become null). */
function withoutIds<T extends { changes: SyncFieldChange[] }>(result: T, unwritten: Set<string>): T {
  if (unwritten.size === 0) return result;
  const scrub = (value: unknown): unknown => (typeof value === 'string' && unwritten.has(value) ? null : Array.isArray(value) ? value.map(scrub) : value);
  return { ...result, changes: result.changes.map((change) => ({ ...change, oldValue: scrub(change.oldValue), newValue: scrub(change.newValue) })) };
}

/** Documents whose live version a plan changes: a publish, or an external id added to a live document. */
function liveChanges(plans: DocumentPlan[], candidates: Candidates<Provider | Location>): string[] {
  return plans
    .filter((item) => {
      const row = candidates.rows.get(item.id);
      return item.publish || (item.linkExternalId && row !== undefined && isLive(row));
    })
    .map((item) => item.id);
}

function existingOf(candidates: Candidates<Provider | Location> | ProviderCandidates, id: string | null): Existing | null {
  if (!id) return null;
  return { row: candidates.rows.get(id)!, draft: candidates.drafts.get(id), links: 'links' in candidates ? candidates.links.get(id) : undefined };
}

function outcomeOf(plan: DocumentPlan | null, errors: FieldError[]): SyncOutcome {
  if (!plan || errors.length > 0) return SyncOutcome.FAILED;
  if (plan.isNew) return SyncOutcome.CREATED;
  return plan.changes.length > 0 ? SyncOutcome.UPDATED : SyncOutcome.UNCHANGED;
}

/** What makes two requests "the same batch" for an idempotency key. */
function hashRequest(request: SyncRequest): string {
  const { format, mode, atomic, force, batch } = request;
  return createHash('sha256')
    .update(JSON.stringify({ format, mode, atomic, force, records: batch.records, locations: batch.locations }))
    .digest('hex');
}
