import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DocumentEntity } from './documents/document.entity';
import { DocumentState } from './content-type';
import { unpublishedDependencies } from './dependencies';
import { ContentType } from './document-descriptor';
import { readLiveStates } from './document-state';
import { EditorialInfo } from './editorial.models';
import { ScheduledAction, ScheduledActionStatus } from './scheduled-action.entity';

/**
 * Workflow facts about documents for editors: draft, trash, hidden links, schedule. Read for a
 * whole page of documents at once (the `editorial` field batches through the request's
 * loaders): a fixed number of statements, however many documents the page shows.
 */
@Injectable()
export class EditorialInfoService {
  constructor(private readonly dataSource: DataSource) {}

  async infoForMany(contentType: ContentType, ids: readonly string[]): Promise<EditorialInfo[]> {
    const manager = this.dataSource.manager;
    const drafts: { document_id: string; snapshot: DocumentState }[] = await manager.query(
      `SELECT document_id, snapshot FROM revisions WHERE kind = 'DRAFT' AND document_type = $1 AND document_id = ANY($2::uuid[])`,
      [contentType.type, ids],
    );
    const draftOf = new Map(drafts.map((draft) => [draft.document_id, draft.snapshot]));
    const rows: DocumentEntity[] = await manager
      .getRepository(contentType.entity)
      .createQueryBuilder('d')
      .where('d.id = ANY(:ids)', { ids: [...ids] })
      .getMany();
    const rowOf = new Map(rows.map((row) => [row.id, row]));
    const live = await readLiveStates(
      manager,
      contentType,
      rows.filter((row) => !draftOf.has(row.id)),
    );
    const scheduled = await manager
      .getRepository(ScheduledAction)
      .createQueryBuilder('s')
      .where('s.document_type = :type AND s.document_id = ANY(:ids) AND s.status = :status', {
        type: contentType.type,
        ids: [...ids],
        status: ScheduledActionStatus.PENDING,
      })
      .orderBy('s.run_at')
      .addOrderBy('s.id')
      .getMany();
    const states = ids.map((id) => draftOf.get(id) ?? live.get(id) ?? { fields: {}, relations: {}, primary: {} });
    const dependencies = await unpublishedDependencies(manager, contentType, states);
    return ids.map((id, index) => ({
      hasPendingDraft: draftOf.has(id),
      trashedAt: rowOf.get(id)?.deletedAt ?? null,
      unpublishedDependencies: dependencies[index],
      scheduledActions: scheduled.filter((action) => action.documentId === id),
    }));
  }
}
