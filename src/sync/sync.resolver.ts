import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AppConfig } from '../config/app-config';
import { FhirIdentifierSystems } from '../fhir/fhir-systems';
import { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Permission, Requires } from '../auth/permissions';
import { mapFhirBundle } from './formats/fhir-import.mapper';
import { mapNppesResponse } from './formats/nppes-import.mapper';
import { SyncReport } from './sync-report';
import { SyncRunConnection, SyncSourceModel } from './sync-runs.model';
import { SyncRunsQueries } from './sync-runs.queries';
import { SyncRequest, SyncService } from './sync.service';
import { SyncSource } from './sync-source.entity';
import { fieldPriorityList, SyncSourcesService } from './sync-sources.service';
import { SyncFormat } from './sync.enums';
import {
  ConfigureSyncSourceInput,
  SyncOptionsInput,
  SyncProvidersFromFhirInput,
  SyncProvidersFromNppesInput,
  SyncProvidersInput,
  SyncRunsArgs,
} from './sync.inputs';

function options(input: SyncOptionsInput): Pick<SyncRequest, 'source' | 'mode' | 'dryRun' | 'idempotencyKey' | 'atomic' | 'force'> {
  return { source: input.source, mode: input.mode, dryRun: input.dryRun, idempotencyKey: input.idempotencyKey, atomic: input.atomic, force: input.force };
}

const SYNC_DESCRIPTION =
  "Records are matched by the source's external id, else by NPI (never by name); source-owned fields are updated, editorial ones never touched. " +
  'Invalid records are reported by index and the valid ones applied (none with `atomic`). Sending the same batch again changes nothing and writes nothing. Needs providers:sync.';

/** A source's settings as GraphQL shows them (per-field priorities as a list). */
function sourceModel(row: SyncSource): SyncSourceModel {
  return { ...row, fieldPriorities: fieldPriorityList(row.fieldPriorities) };
}

@Resolver()
export class SyncResolver {
  constructor(
    private readonly sync: SyncService,
    private readonly sources: SyncSourcesService,
    private readonly runs: SyncRunsQueries,
    config: AppConfig,
  ) {
    this.identifierSystems = new FhirIdentifierSystems(config);
  }

  private readonly identifierSystems: FhirIdentifierSystems;

  @Requires(Permission.PROVIDERS_SYNC)
  @Mutation(() => SyncReport, {
    description: `Create, update and (in FULL mode) deactivate providers from an integration's batch, in the CMS's JSON record format. ${SYNC_DESCRIPTION}`,
  })
  syncProviders(
    @Args('input', { type: () => SyncProvidersInput, description: 'The source, options and batch.' }) input: SyncProvidersInput,
    @CurrentActor() actor: Actor,
  ) {
    return this.sync.sync(actor, {
      ...options(input),
      format: SyncFormat.JSON,
      action: 'syncProviders',
      inputPath: 'input.records',
      batch: { records: input.records, locations: input.locations ?? [], warnings: [] },
    });
  }

  @Requires(Permission.PROVIDERS_SYNC)
  @Mutation(() => SyncReport, {
    description: `The same sync from a FHIR R4 Bundle (Practitioner, PractitionerRole, Location, Organization). ${SYNC_DESCRIPTION}`,
  })
  syncProvidersFromFhir(
    @Args('input', { type: () => SyncProvidersFromFhirInput, description: 'The source, options and Bundle.' }) input: SyncProvidersFromFhirInput,
    @CurrentActor() actor: Actor,
  ) {
    return this.sync.sync(actor, {
      ...options(input),
      format: SyncFormat.FHIR,
      action: 'syncProvidersFromFhir',
      inputPath: 'input.bundle',
      batch: mapFhirBundle(input.bundle, input.source, this.identifierSystems),
    });
  }

  @Requires(Permission.PROVIDERS_SYNC)
  @Mutation(() => SyncReport, {
    description: `The same sync from an NPI registry (NPPES API 2.1) response; each individual's NPI is its external id. ${SYNC_DESCRIPTION}`,
  })
  syncProvidersFromNppes(
    @Args('input', { type: () => SyncProvidersFromNppesInput, description: 'The source, options and registry response.' }) input: SyncProvidersFromNppesInput,
    @CurrentActor() actor: Actor,
  ) {
    return this.sync.sync(actor, {
      ...options(input),
      format: SyncFormat.NPPES,
      action: 'syncProvidersFromNppes',
      inputPath: 'input.response',
      batch: mapNppesResponse(input.response, { createOffices: input.createOffices }),
    });
  }

  // Configuring an integration is for those who manage integrations' keys: admins.
  @Requires(Permission.API_KEYS_MANAGE)
  @Mutation(() => SyncSourceModel, {
    description: 'Set how a sync source applies its changes (LIVE or DRAFT) and how much a FULL run may deactivate. Admins only.',
  })
  configureSyncSource(
    @Args('input', { type: () => ConfigureSyncSourceInput, description: 'The source and the settings to change.' }) input: ConfigureSyncSourceInput,
    @CurrentActor() actor: Actor,
  ) {
    return this.sources.configure(actor, input).then(sourceModel);
  }

  @Requires(Permission.PROVIDERS_SYNC, Permission.API_KEYS_MANAGE)
  @Query(() => [SyncSourceModel], {
    description: 'Sources with settings, by name (a source never configured syncs LIVE with a 20% deactivation limit). Needs providers:sync or an admin.',
  })
  syncSources() {
    return this.sources.list().then((rows) => rows.map(sourceModel));
  }

  @Requires(Permission.AUDIT_READ)
  @Query(() => SyncRunConnection, { description: 'Provider sync runs, newest first, with who ran them, their options, counts and full reports. Admins only.' })
  syncRuns(@Args() args: SyncRunsArgs) {
    return this.runs.list(args, args.filter ?? {});
  }
}
