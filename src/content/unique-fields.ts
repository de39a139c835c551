import { EntityManager } from 'typeorm';
import { ContentType } from './document-descriptor';

/**
 * Whether another document of the type already has `value` in `field`: live rows (trashed ones
 * too, since the unique index covers them) and pending drafts, which would clash at publish.
 */
export async function fieldValueTaken(manager: EntityManager, contentType: ContentType, field: string, value: unknown, exceptId: string | null): Promise<boolean> {
  const column = manager.connection.getMetadata(contentType.entity).findColumnWithPropertyName(field);
  if (!column) throw new Error(`${contentType.name} has no field ${field}`);
  const [row] = await manager.query(
    `SELECT 1 FROM ${contentType.table} WHERE ${column.databaseName}::text = $1 AND id IS DISTINCT FROM $2
     UNION ALL
     SELECT 1 FROM revisions WHERE kind = 'DRAFT' AND document_type = $3 AND snapshot->'fields'->>$4 = $1 AND document_id IS DISTINCT FROM $2
     LIMIT 1`,
    [String(value), exceptId, contentType.type, field],
  );
  return Boolean(row);
}
