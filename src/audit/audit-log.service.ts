import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../auth/actor';
import { currentRequestContext } from '../common/request-context';
import { RowInsert } from '../database/insert-together';
import { AuditEntry } from './audit-entry.entity';

export interface AuditRecord {
  action: string;
  documentType?: string | null;
  documentId?: string | null;
  /** Any JSON: a document's state, or the fields a change concerns. */
  before?: object | null;
  after?: object | null;
}

/** Writes audit entries inside the caller's transaction, so an entry exists exactly when the change does. */
@Injectable()
export class AuditLogService {
  async record(manager: EntityManager, actor: Actor, record: AuditRecord): Promise<void> {
    await manager.insert(AuditEntry, this.entry(actor, record).values);
  }

  /** The row `record` writes, for a caller that inserts it together with its own rows (`insertTogether`). */
  entry(actor: Actor, record: AuditRecord): RowInsert<AuditEntry> {
    const context = currentRequestContext();
    return {
      target: AuditEntry,
      values: {
        actorKind: actor.kind,
        actorId: actor.id,
        actorLabel: actor.label,
        action: record.action,
        documentType: record.documentType ?? null,
        documentId: record.documentId ?? null,
        before: record.before ?? null,
        after: record.after ?? null,
        requestId: context?.requestId ?? null,
        ipAddress: context?.clientIp?.slice(0, 64) ?? null,
      },
    };
  }
}
