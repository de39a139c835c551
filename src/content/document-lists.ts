import { Brackets, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { textSearchCondition, textSearchParameters } from './documents/text-search';
import { type KeysetSort, type SortKey } from '../common/pagination/keyset-pagination';
import { OrderDirection } from '../common/pagination/order-direction';
import { type ContentType } from './document-descriptor';

/** Order fields that sort a list by its type's name-like column (the enums name it as the type does). */
const NAME_FIELDS = new Set(['NAME', 'TITLE', 'QUESTION']);

/**
 * The sort keys every document list offers, the same way for every type: by name (TITLE, NAME or
 * QUESTION: the descriptor's sortName), publish time or last change. Null for a field of the
 * type's own (a location's CITY, a FAQ's POSITION), which its service sorts itself.
 */
export function documentSortKeys(contentType: ContentType, alias: string, field: string): SortKey[] | null {
  if (NAME_FIELDS.has(field)) return [{ expression: contentType.sortName(alias), kind: 'text' }];
  if (field === 'PUBLISHED_AT') return [{ expression: `coalesce(${alias}.published_at, ${alias}.created_at)`, kind: 'timestamp' }];
  if (field === 'UPDATED_AT') return [{ expression: `${alias}.updated_at`, kind: 'timestamp' }];
  return null;
}

export function keysetSort(keys: SortKey[], direction: OrderDirection | undefined): KeysetSort {
  return { keys, direction: direction === OrderDirection.DESC ? 'DESC' : 'ASC' };
}

/** Narrows a list to documents whose text matches `text`, over the columns the descriptor names. */
export function whereTextMatches<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, contentType: ContentType, text: string): void {
  const search = contentType.search;
  if (!search) throw new Error(`${contentType.name} lists have no text search`);
  query.andWhere(
    new Brackets((where) =>
      where.where(textSearchCondition(search.titles(query.alias), search.bodies(query.alias), 'text'), textSearchParameters('text', text)),
    ),
  );
}
