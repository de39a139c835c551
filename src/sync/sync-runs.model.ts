import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { ActorKind } from '../audit/audit-entry.model';
import { ConnectionOf } from '../common/pagination/connection.model';
import { SyncCounts, SyncReport, reportFromJson } from './sync-report';
import { SyncRun } from './sync-run.entity';
import { SyncApplyMode, SyncFormat, SyncMode, SyncRunStatus } from './sync.enums';

@ObjectType('SyncRun', { description: 'One provider sync as it ran: who, when, with which options, the counts and the full report.' })
export class SyncRunModel {
  @Field(() => ID, { description: 'The run (the `runId` of its report).' })
  id: string;

  @Field(() => String, { description: 'The source.' })
  source: string;

  @Field(() => SyncFormat, { description: 'The format of the batch.' })
  format: SyncFormat;

  @Field(() => SyncMode, { description: 'UPSERT or FULL.' })
  mode: SyncMode;

  @Field(() => SyncApplyMode, { description: "Where changes went (the source's setting at the time)." })
  applyMode: SyncApplyMode;

  @Field(() => Boolean, { description: 'Whether it was a dry run.' })
  dryRun: boolean;

  @Field(() => Boolean, { description: 'Whether it was all or nothing.' })
  atomic: boolean;

  @Field(() => Boolean, { description: 'Whether the FULL-mode safety limit was overridden.' })
  force: boolean;

  @Field(() => SyncRunStatus, { description: 'APPLIED, DRY_RUN or REJECTED.' })
  status: SyncRunStatus;

  @Field(() => String, { nullable: true, description: 'The idempotency key it was sent with.' })
  idempotencyKey: string | null;

  @Field(() => ActorKind, { description: 'The kind of credential that ran it (SYSTEM for the command line).' })
  actorKind: ActorKind;

  @Field(() => ID, { nullable: true, description: 'The user or API key that ran it; null for the command line.' })
  actorId: string | null;

  @Field(() => String, { description: 'Who ran it, as named then: an email, an API key\'s name, "sync CLI".' })
  actorLabel: string;

  @Field(() => GraphQLISODateTime, { description: 'When it started.' })
  startedAt: Date;

  @Field(() => Int, { description: 'How long it took, in milliseconds.' })
  durationMs: number;

  @Field(() => SyncCounts, { description: 'Provider records by outcome, and deactivations.' })
  counts: SyncCounts;

  @Field(() => SyncReport, { description: 'The report returned to the caller, per record.' })
  report: SyncReport;
}

export const { Connection: SyncRunConnection } = ConnectionOf(SyncRunModel, 'SyncRun', 'sync run');

export function syncRunModel(run: SyncRun): SyncRunModel {
  return {
    ...run,
    actorKind: run.actorKind as ActorKind,
    counts: { received: run.received, created: run.created, updated: run.updated, unchanged: run.unchanged, deactivated: run.deactivated, failed: run.failed },
    report: reportFromJson(run.report),
  };
}

@ObjectType('SyncFieldPriority', { description: "A source's priority for one field." })
export class SyncFieldPriorityModel {
  @Field(() => String, { description: 'The field ("specialties").' })
  field: string;

  @Field(() => Int, { description: 'Its priority for this field (higher wins).' })
  priority: number;
}

@ObjectType('SyncSource', { description: 'Settings of one integration source of provider sync.' })
export class SyncSourceModel {
  @Field(() => String, { description: 'The source name (the system of its external ids).' })
  name: string;

  @Field(() => SyncApplyMode, { description: 'Where its changes go: LIVE (default) or DRAFT.' })
  applyMode: SyncApplyMode;

  @Field(() => Float, { description: 'The largest share (0 to 1) of its active providers one FULL run may deactivate without `force`.' })
  maxDeactivationShare: number;

  @Field(() => Int, { description: 'Precedence among sources (higher wins): lower-priority sources never overwrite the fields this one wrote last.' })
  priority: number;

  @Field(() => [SyncFieldPriorityModel], { description: 'Priorities for single fields, over `priority`.' })
  fieldPriorities: SyncFieldPriorityModel[];

  @Field(() => GraphQLISODateTime, { description: 'When the settings were last changed.' })
  updatedAt: Date;

  @Field(() => String, { nullable: true, description: 'Who last changed them.' })
  updatedByLabel: string | null;
}
