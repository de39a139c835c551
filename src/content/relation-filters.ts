import { type EntityManager, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { CacheTags, recordRead } from '../common/cache-tags';
import { AppError, type FieldError } from '../common/errors/app-error';
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

/** A list filter on a related document's slug (`filter.location: "lexington-office"`), remembered so an unknown slug can be named. */
export interface RelatedSlugFilter {
  relation: Relation;
  slug: string;
  /** The argument path to name in an error, "filter.location". */
  path: string;
}

/** Adds the filter to `query` (aliased as the listed type) and returns it for `refuseUnknownSlugs`. */
export function whereRelatedSlug(query: SelectQueryBuilder<ObjectLiteral>, relation: Relation, slug: string, path: string): RelatedSlugFilter {
  const parameter = `related_${path.replace(/\W/g, '_')}`;
  query.andWhere(relatedSlugCondition(relation, query.alias, parameter), { [parameter]: slug });
  return { relation, slug, path };
}

/**
 * Run when a filtered list came back empty: an empty list is the right answer for a slug that
 * exists (even unpublished or in the trash: it may come back), but a typo ("lexington" for "lexington-office") would look the same, so a slug that no
 * document has is BAD_USER_INPUT naming the filter, a former slug names the current one, and a
 * similar slug is suggested.
 */
export async function refuseUnknownSlugs(manager: EntityManager, filters: readonly RelatedSlugFilter[]): Promise<void> {
  const errors: FieldError[] = [];
  for (const filter of filters) {
    const contentType = contentTypeOf(filter.relation.targetType);
    const rows: { kind: 'current' | 'former' | 'similar'; slug: string }[] = await manager.query(
      `SELECT 'current' AS kind, d.slug FROM ${contentType.table} d WHERE d.slug = $1
       UNION ALL
       SELECT 'former', d.slug FROM slug_history h JOIN ${contentType.table} d ON d.id = h.document_id
         WHERE h.document_type = $2 AND h.slug = $1
       UNION ALL
       (SELECT 'similar', d.slug FROM ${contentType.table} d
         WHERE ${publicVisibility('d')} AND length($1) >= 3 AND (d.slug LIKE $1 || '%' OR $1 LIKE d.slug || '%' OR d.slug LIKE '%' || $1 || '%')
         ORDER BY length(d.slug), d.slug LIMIT 1)`,
      [filter.slug, contentType.type],
    );
    if (rows.some((row) => row.kind === 'current')) continue;
    const typeName = contentType.type.charAt(0) + contentType.type.slice(1).toLowerCase();
    const former = rows.find((row) => row.kind === 'former');
    const similar = rows.find((row) => row.kind === 'similar');
    errors.push({
      path: filter.path,
      message: former
        ? `"${filter.slug}" is a former slug: that ${typeName} is now "${former.slug}"`
        : `no ${typeName} has the slug "${filter.slug}"${similar ? ` (did you mean "${similar.slug}"?)` : ''}`,
    });
  }
  if (errors.length > 0) throw AppError.badInput(errors);
}

/** `whereRelatedSlug` for each filter given a value: `{ 'filter.location': [PROVIDER_LOCATIONS, filter.location] }`. */
export function whereRelatedSlugs(
  query: SelectQueryBuilder<ObjectLiteral>,
  filters: Record<string, [Relation, string | null | undefined]>,
): RelatedSlugFilter[] {
  return Object.entries(filters).flatMap(([path, [relation, slug]]) => (slug ? [whereRelatedSlug(query, relation, slug, path)] : []));
}
