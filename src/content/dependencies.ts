import { type EntityManager } from 'typeorm';
import { type DocumentEntity } from './documents/document.entity';
import { type DocumentStatus } from './documents/document-status';
import { type DocumentState } from './content-type';
import { type ContentType, contentTypeOf } from './document-descriptor';

/** A related document that is not live, so the published page does not show it yet. */
export interface UnpublishedDependency {
  type: string;
  id: string;
  label: string;
  status: DocumentStatus;
}

/**
 * The related documents of each state that are not live (drafts or trashed): hidden from the
 * public until published. One statement per owned relation, whatever the number of states.
 */
export async function unpublishedDependencies(manager: EntityManager, contentType: ContentType, states: DocumentState[]): Promise<UnpublishedDependency[][]> {
  const result = states.map((): UnpublishedDependency[] => []);
  for (const relation of contentType.relations) {
    const ids = [...new Set(states.flatMap((state) => state.relations[relation.name] ?? []))];
    if (ids.length === 0) continue;
    const target = contentTypeOf(relation.targetType);
    const rows: DocumentEntity[] = await manager
      .getRepository(target.entity)
      .createQueryBuilder('t')
      .where('t.id = ANY(:ids)', { ids })
      .andWhere("(t.status <> 'PUBLISHED' OR t.deleted_at IS NOT NULL)")
      .getMany();
    const hidden = new Map(rows.map((row) => [row.id, { type: target.type, id: row.id, label: target.label(row), status: row.status }]));
    states.forEach((state, index) => {
      for (const id of state.relations[relation.name] ?? []) {
        const dependency = hidden.get(id);
        if (dependency) result[index].push(dependency);
      }
    });
  }
  return result;
}
