import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLogService } from '../audit/audit-log.service';
import { Actor } from '../auth/actor';
import { ConfigureSyncSourceInput } from './sync.inputs';
import { DEFAULT_MAX_DEACTIVATION_SHARE, SyncSource } from './sync-source.entity';
import { SyncApplyMode } from './sync.enums';
import { OutboxEvent } from '../content/outbox-event.entity';
import { type SourcePriorities } from './sync-precedence';

/** The settings a sync runs with: the source's row, or the defaults for a source never configured. */
export interface SourceSettings {
  name: string;
  applyMode: SyncApplyMode;
  maxDeactivationShare: number;
}

/** The GraphQL form of the per-field priorities. */
export function fieldPriorityList(priorities: Record<string, number> | null | undefined): { field: string; priority: number }[] {
  return Object.entries(priorities ?? {})
    .map(([field, priority]) => ({ field, priority }))
    .sort((a, b) => a.field.localeCompare(b.field));
}

/** Per-source settings of provider sync (where changes go, how much a FULL run may deactivate). */
@Injectable()
export class SyncSourcesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLogService,
  ) {}

  /**
   * The running source's settings and every source's priorities, in one read inside the sync's
   * transaction; never writes, so an unchanged re-sync writes no row.
   */
  static async settingsFor(manager: EntityManager, name: string): Promise<{ settings: SourceSettings; priorities: Map<string, SourcePriorities> }> {
    const rows = await manager.find(SyncSource);
    const row = rows.find((source) => source.name === name);
    return {
      settings: { name, applyMode: row?.applyMode ?? SyncApplyMode.LIVE, maxDeactivationShare: row?.maxDeactivationShare ?? DEFAULT_MAX_DEACTIVATION_SHARE },
      priorities: new Map(rows.map((source) => [source.name, { priority: source.priority, fieldPriorities: source.fieldPriorities ?? {} }])),
    };
  }

  list(): Promise<SyncSource[]> {
    return this.dataSource.getRepository(SyncSource).find({ order: { name: 'ASC' } });
  }

  async configure(actor: Actor, input: ConfigureSyncSourceInput): Promise<SyncSource> {
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(SyncSource);
      const before = await repository.findOne({ where: { name: input.name }, lock: { mode: 'pessimistic_write' } });
      const after = repository.create({
        name: input.name,
        applyMode: input.applyMode ?? before?.applyMode ?? SyncApplyMode.LIVE,
        maxDeactivationShare: input.maxDeactivationShare ?? before?.maxDeactivationShare ?? DEFAULT_MAX_DEACTIVATION_SHARE,
        priority: input.priority ?? before?.priority ?? 0,
        fieldPriorities: input.fieldPriorities
          ? Object.fromEntries(input.fieldPriorities.map((entry) => [entry.field, entry.priority]))
          : (before?.fieldPriorities ?? {}),
        updatedByLabel: actor.label,
      });
      const saved = await repository.save(after);
      const settings = (source: SyncSource) => ({
        name: source.name,
        applyMode: source.applyMode,
        maxDeactivationShare: source.maxDeactivationShare,
        priority: source.priority,
        fieldPriorities: source.fieldPriorities,
      });
      await this.audit.record(manager, actor, { action: 'configureSyncSource', before: before ? settings(before) : null, after: settings(saved) });
      // Integrations that mirror the directory learn that a source's rules changed (webhooks: settings.changed).
      await manager.insert(OutboxEvent, {
        eventType: 'settings.changed',
        documentType: 'SYNC_SOURCE',
        documentId: syncSourceId(saved.name),
        payload: { details: { setting: 'syncSource', before: before ? settings(before) : null, after: settings(saved) } },
      });
      return saved;
    });
  }
}

/** A sync source is keyed by its name; events name it by a UUID made from the name, the same every time. */
export function syncSourceId(name: string): string {
  const hex = createHash('sha1').update(`sync-source:${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}
