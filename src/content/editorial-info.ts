import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DocumentEntity } from '../common/documents/document.entity';
import { Revision, RevisionKind } from '../revisions/revision.entity';
import { ContentType } from './document-descriptor';
import { readLiveState } from './document-state';
import { EditorialInfo } from './editorial.models';
import { PublishingService } from './publishing.service';
import { ScheduledAction, ScheduledActionStatus } from './scheduled-action.entity';

/** Workflow facts about one document for editors: draft, trash, hidden links, schedule. */
@Injectable()
export class EditorialInfoService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly publishing: PublishingService,
  ) {}

  async infoFor(contentType: ContentType, document: DocumentEntity): Promise<EditorialInfo> {
    const manager = this.dataSource.manager;
    const draft = await manager.findOne(Revision, { where: { documentType: contentType.type, documentId: document.id, kind: RevisionKind.DRAFT } });
    const row = await manager.getRepository(contentType.entity).findOneBy({ id: document.id } as never);
    const state = draft ? (draft.snapshot) : row ? await readLiveState(manager, contentType, row as DocumentEntity) : null;
    const scheduledActions = await manager.find(ScheduledAction, {
      where: { documentType: contentType.type, documentId: document.id, status: ScheduledActionStatus.PENDING },
      order: { runAt: 'ASC' },
    });
    return {
      hasPendingDraft: Boolean(draft),
      trashedAt: (row as DocumentEntity | null)?.deletedAt ?? null,
      unpublishedDependencies: state ? await this.publishing.unpublishedDependencies(manager, contentType, state) : [],
      scheduledActions,
    };
  }
}
