import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { KeysetPage, PageRequest, paginateByKeyset } from '../common/pagination/keyset-pagination';
import { AuditEntry } from './audit-entry.entity';

/** Criteria for reading the log; `from` is inclusive, `to` exclusive. */
export interface AuditLogCriteria {
  actorId?: string | null;
  actorKind?: string | null;
  action?: string | null;
  documentType?: string | null;
  documentId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

const EQUALITY_COLUMNS = { actorId: 'actor_id', actorKind: 'actor_kind', action: 'action', documentType: 'document_type', documentId: 'document_id' } as const;

/** Reads of the audit log (writes go through AuditLogService, inside each change's transaction). */
@Injectable()
export class AuditLogQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** A page of the entries that match, newest first. */
  list(page: PageRequest, criteria: AuditLogCriteria): Promise<KeysetPage<AuditEntry>> {
    const query = this.dataSource.getRepository(AuditEntry).createQueryBuilder('entry').where('TRUE');
    for (const [criterion, column] of Object.entries(EQUALITY_COLUMNS) as [keyof typeof EQUALITY_COLUMNS, string][]) {
      const value = criteria[criterion];
      if (value !== undefined && value !== null) query.andWhere(`entry.${column} = :${criterion}`, { [criterion]: value });
    }
    if (criteria.from) query.andWhere('entry.created_at >= :from', { from: criteria.from });
    if (criteria.to) query.andWhere('entry.created_at < :to', { to: criteria.to });
    return paginateByKeyset(query, page, { keys: [{ expression: 'entry.created_at', kind: 'timestamp' }], direction: 'DESC' });
  }
}
