import { type EntityManager } from 'typeorm';
import { type DocumentEntity } from './documents/document.entity';
import { DocumentStatus } from './documents/document-status';
import { AppError } from '../common/errors/app-error';
import { Revision, RevisionKind } from './revisions/revision.entity';
import { type DocumentState } from './content-type';
import { type ContentType } from './document-descriptor';
import { fieldsOf, readLiveState } from './document-state';

/** A document locked for change, with its pending draft if it has one. */
export interface LockedDocument {
  row: DocumentEntity;
  draft: Revision | null;
  /** The version an editor must name: the draft's when there is one, else the row's. */
  version: number;
}

/**
 * Loads a document for a change, holding its row lock until the transaction ends, so two
 * editors' changes to one document run one after the other and the version check is exact.
 */
export async function lockDocument(
  manager: EntityManager,
  contentType: ContentType,
  id: string,
  options: { allowTrashed?: boolean } = {},
): Promise<LockedDocument> {
  const row = await manager.getRepository(contentType.entity).createQueryBuilder('d').setLock('pessimistic_write').where('d.id = :id', { id }).getOne();
  if (!row) throw AppError.notFound(`${contentType.name} ${id}`);
  if (row.deletedAt && !options.allowTrashed) {
    throw AppError.conflict(`${contentType.label(row)} is in the trash; restore it first`, { documentId: id });
  }
  const draft = await manager.findOne(Revision, { where: { documentType: contentType.type, documentId: id, kind: RevisionKind.DRAFT } });
  return { row, draft, version: draft?.version ?? row.version };
}

/** Refuses a change based on an old version, telling the editor the current one. */
export function assertVersion(contentType: ContentType, locked: LockedDocument, expected: number): void {
  if (expected !== locked.version) {
    throw AppError.conflict(
      `${contentType.label(locked.row)} was changed by someone else (you edited version ${expected}, the current version is ${locked.version}); reload it and apply your change again`,
      { currentVersion: locked.version, yourVersion: expected },
    );
  }
}

/** The state an editor works on: the pending draft, or the row itself. */
export async function editableState(manager: EntityManager, contentType: ContentType, locked: LockedDocument): Promise<DocumentState> {
  if (locked.draft) return locked.draft.snapshot;
  return readLiveState(manager, contentType, locked.row);
}

export function isLive(row: DocumentEntity): boolean {
  return row.status === DocumentStatus.PUBLISHED && !row.deletedAt;
}

export { fieldsOf };
