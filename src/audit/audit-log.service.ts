import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../auth/actor';
import { currentRequestContext } from '../common/request-context';
import { AuditEntry } from './audit-entry.entity';

export interface AuditRecord {
  action: string;
  documentType?: string | null;
  documentId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** Writes audit entries inside the caller's transaction, so an entry exists exactly when the change does. */
@Injectable()
export class AuditLogService {
  async record(manager: EntityManager, actor: Actor, record: AuditRecord): Promise<void> {
    await manager.insert(AuditEntry, {
      actorKind: actor.kind,
      actorId: actor.id,
      actorLabel: actor.label,
      action: record.action,
      documentType: record.documentType ?? null,
      documentId: record.documentId ?? null,
      // jsonb columns: TypeORM's deep-partial type cannot describe arbitrary JSON.
      before: (record.before ?? null) as never,
      after: (record.after ?? null) as never,
      requestId: currentRequestContext()?.requestId ?? null,
    });
  }
}
