import { type EntityManager, type ObjectLiteral } from 'typeorm';
import { type DocumentState } from '../content-type';
import { draftViewOfDocument } from './draft-view';

/** Overlays pending drafts on rows read for editors, in one statement for all of them. */
export async function overlayDrafts<T extends ObjectLiteral>(manager: EntityManager, rows: T[]): Promise<T[]> {
  if (rows.length === 0) return rows;
  const drafts: { document_id: string; snapshot: DocumentState; version: number; created_at: Date }[] = await manager.query(
    "SELECT document_id, snapshot, version, created_at FROM revisions WHERE kind = 'DRAFT' AND document_id = ANY($1::uuid[])",
    [rows.map((row) => row.id)],
  );
  const draftById = new Map(drafts.map((draft) => [draft.document_id, { snapshot: draft.snapshot, version: draft.version, createdAt: draft.created_at }]));
  return rows.map((row) => draftViewOfDocument(row, draftById.get(row.id) ?? null));
}
