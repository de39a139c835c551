import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AppError } from '../errors/app-error';
import { ConnectionShape } from './connection.model';

/** One column of a sort: an SQL expression over the query's alias, and how its value round-trips a cursor. */
export interface SortKey {
  expression: string;
  /** Values come back from SQL as text or numbers; cursors keep them as JSON strings or numbers. */
  kind: 'text' | 'number' | 'timestamp';
}

export interface KeysetSort {
  keys: SortKey[];
  direction: 'ASC' | 'DESC';
}

export interface PageRequest {
  first: number;
  after?: string | null;
}

/** The page of entities with the raw sort values, for edge types that expose computed values. */
export interface KeysetPage<T> extends ConnectionShape<T> {
  sortValues: Map<T, unknown[]>;
}

function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, keyCount: number): unknown[] {
  const invalid = () => AppError.badInput([{ path: 'after', message: 'is not a valid cursor for this list and order' }]);
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(values) || values.length !== keyCount + 1) throw invalid();
  if (!values.every((value) => typeof value === 'string' || typeof value === 'number')) throw invalid();
  const id = values[keyCount];
  if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) throw invalid();
  return values;
}

function normalize(value: unknown, kind: SortKey['kind']): string | number {
  if (kind === 'number') return Number(value);
  return String(value);
}

/**
 * Keyset (seek) pagination for any list query: orders by the sort keys then id, continues strictly
 * after the cursor's values, and counts the filtered total. Two statements, whatever the page.
 * Sort expressions must never be NULL (wrap them in COALESCE).
 */
export async function paginateByKeyset<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  page: PageRequest,
  sort: KeysetSort,
): Promise<KeysetPage<T>> {
  const alias = query.alias;
  const keys = [...sort.keys, { expression: `${alias}.id`, kind: 'text' as const }];
  const totalCount = await query.clone().getCount();

  const pageQuery = query.clone();
  // Timestamps travel as text: a JS Date would drop PostgreSQL's microseconds and repeat rows.
  keys.forEach((key, index) => pageQuery.addSelect(key.kind === 'timestamp' ? `(${key.expression})::text` : key.expression, `__sort_${index}`));
  if (page.after) {
    const values = decodeCursor(page.after, sort.keys.length);
    const operator = sort.direction === 'ASC' ? '>' : '<';
    const casts = keys.map((key) => (key.kind === 'number' ? '::double precision' : key.kind === 'timestamp' ? '::timestamptz' : key.expression.endsWith('.id') ? '::uuid' : '::text'));
    const left = keys.map((key) => key.expression).join(', ');
    const right = keys.map((_, index) => `:__cursor_${index}${casts[index]}`).join(', ');
    pageQuery.andWhere(`(${left}) ${operator} (${right})`, Object.fromEntries(values.map((value, index) => [`__cursor_${index}`, value])));
  }
  keys.forEach((key, index) => (index === 0 ? pageQuery.orderBy(key.expression, sort.direction) : pageQuery.addOrderBy(key.expression, sort.direction)));
  pageQuery.limit(page.first + 1);

  const { entities, raw } = page.first === 0 ? { entities: [] as T[], raw: [] as Record<string, unknown>[] } : await pageQuery.getRawAndEntities();
  const rawById = new Map(raw.map((row) => [String(row[`${alias}_id`]), row]));
  const hasNextPage = entities.length > page.first;
  const sortValues = new Map<T, unknown[]>();
  const edges = entities.slice(0, page.first).map((node) => {
    const row = rawById.get(String(node.id)) ?? {};
    const values = keys.map((key, index) => normalize(row[`__sort_${index}`], key.kind));
    sortValues.set(node, values);
    return { cursor: encodeCursor(values), node };
  });
  return {
    edges,
    totalCount,
    sortValues,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: Boolean(page.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
