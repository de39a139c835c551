import { CacheTags, recordRead } from '../common/cache-tags';
import { publicVisibility } from './documents/visibility';
import { contentTypeOf } from './document-descriptor';
import { type Relation } from './relations';

/**
 * SQL that holds when the document aliased `alias` is related (through `relation`, seen from its
 * side) to a visible document with the slug in parameter `parameter`: exactly when the relation
 * field would list that document, so the relation's own condition applies too.
 */
export function relatedSlugCondition(relation: Relation, alias: string, parameter: string): string {
  const table = contentTypeOf(relation.targetType).table;
  // Which documents pass the filter changes with writes to the related type too.
  recordRead(CacheTags.list(table));
  return `EXISTS (SELECT 1 FROM ${relation.joinTable} j JOIN ${table} t ON t.id = j.${relation.targetColumn}
    WHERE j.${relation.ownerColumn} = ${alias}.id AND t.slug = :${parameter} AND ${publicVisibility('t')} AND (${relation.joinCondition ?? 'TRUE'}))`;
}
