import { createHash } from 'node:crypto';
import { type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { AppError } from '../errors/app-error';
import { type ConnectionShape } from './connection.model';

/** One column of a sort: an SQL expression over the query's alias, and how its value round-trips a cursor. */
export interface SortKey {
  expression: string;
  /** Values come back from SQL as text or numbers; cursors keep them as JSON strings or numbers. */
  kind: 'text' | 'number' | 'timestamp' | 'uuid';
}

export interface KeysetSort {
  keys: SortKey[];
  direction: 'ASC' | 'DESC';
}

export interface PageRequest {
  first: number;
  after?: string | null;
}

/**
 * Reads each node as one SQL expression (JSON with its relations, see ReadPlanner) instead of
 * the entity's columns: `select` is written over the query's alias.
 */
export interface NodeProjection<T> {
  select: string;
  hydrate(value: Record<string, unknown>): T;
  /** Runs the page statement (the read path's prepared statements). */
  run(sql: string, parameters: unknown[]): Promise<Record<string, unknown>[]>;
}

const NODE_MARKER = '__node_expression__';

/** The page of entities with the raw sort values, for edge types that expose computed values. */
export interface KeysetPage<T> extends ConnectionShape<T> {
  sortValues: Map<T, unknown[]>;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The text PostgreSQL gives for a timestamptz: `2024-05-01 12:30:00.123456+00`. */
const TIMESTAMP_PATTERN = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/;

/** Whether PostgreSQL will read the text back as a timestamp (a real date and time of day). */
function isTimestampText(value: string): boolean {
  const match = TIMESTAMP_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second
  );
}

/**
 * Names the list and order a cursor belongs to, so that a cursor from another list or order is
 * refused instead of being compared with values of another type (which PostgreSQL would reject).
 */
function sortSignature(keys: SortKey[], direction: KeysetSort['direction']): string {
  const described = JSON.stringify([keys.map((key) => [key.expression, key.kind]), direction]);
  let signature = signatures.get(described);
  if (!signature) {
    signature = createHash('sha256').update(described).digest('base64url').slice(0, 12);
    signatures.set(described, signature);
  }
  return signature;
}

/** Signatures by sort description: a service has a handful of sorts, hashed once each. */
const signatures = new Map<string, string>();

function encodeCursor(signature: string, values: unknown[]): string {
  return Buffer.from(JSON.stringify([signature, ...values]), 'utf8').toString('base64url');
}

function isValidValue(value: unknown, kind: SortKey['kind']): boolean {
  if (kind === 'number') return typeof value === 'number' && Number.isFinite(value);
  if (kind === 'timestamp') return typeof value === 'string' && isTimestampText(value);
  if (kind === 'uuid') return typeof value === 'string' && UUID_PATTERN.test(value);
  // PostgreSQL text cannot hold NUL: a forged cursor with one would fail in the database.
  return typeof value === 'string' && !value.includes('\u0000');
}

/** The sort values of a cursor, checked against the list's keys (the last key is the id). */
function decodeCursor(cursor: string, signature: string, keys: SortKey[]): unknown[] {
  const invalid = () => AppError.badInput([{ path: 'after', message: 'is not a valid cursor for this list and order' }]);
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(decoded) || decoded.length !== keys.length + 1 || decoded[0] !== signature) throw invalid();
  const values = decoded.slice(1);
  if (!keys.every((key, index) => isValidValue(values[index], key.kind))) throw invalid();
  return values;
}

/**
 * Cursors for a list that pages with its own SQL (search results ordered by relevance): the same
 * encoding and checks as paginateByKeyset's, for values the caller reads and compares itself.
 */
export function keysetCursors(keys: SortKey[], direction: KeysetSort['direction']): { encode(values: unknown[]): string; decode(cursor: string): unknown[] } {
  const signature = sortSignature(keys, direction);
  return { encode: (values) => encodeCursor(signature, values), decode: (cursor) => decodeCursor(cursor, signature, keys) };
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
  projection?: NodeProjection<T>,
): Promise<KeysetPage<T>> {
  const alias = query.alias;
  const keys: SortKey[] = [...sort.keys, { expression: `${alias}.id`, kind: 'uuid' }];
  const signature = sortSignature(keys, sort.direction);
  // Counted only when the query asks for totalCount: GraphQL awaits the thenable, nothing else does.
  const countQuery = query.clone();
  let counted: Promise<number> | undefined;
  const count = async () => {
    if (!projection) return countQuery.getCount();
    const [sql, parameters] = countQuery.select('COUNT(*)', 'count').getQueryAndParameters();
    const [row] = await projection.run(sql, parameters);
    return Number(row.count);
  };
  const totalCount: PromiseLike<number> = { then: (resolve, reject) => (counted ??= count()).then(resolve, reject) };

  const pageQuery = query.clone();
  // The node expression is long: TypeORM would scan it for property names at every request, so a
  // marker stands in for it until the SQL text is built.
  if (projection) pageQuery.select(`'${NODE_MARKER}'`, '__node');
  // Timestamps travel as text: a JS Date would drop PostgreSQL's microseconds and repeat rows.
  // Parentheses keep TypeORM from taking `alias.id` for the entity's own column and renaming it.
  // CAST rather than `::`: TypeORM would read `::text` as a parameter named `text`.
  keys.forEach((key, index) => pageQuery.addSelect(key.kind === 'timestamp' ? `CAST((${key.expression}) AS text)` : `(${key.expression})`, `__sort_${index}`));
  if (page.after) {
    const values = decodeCursor(page.after, signature, keys);
    const operator = sort.direction === 'ASC' ? '>' : '<';
    const types = { number: 'double precision', timestamp: 'timestamptz', uuid: 'uuid', text: 'text' };
    const left = keys.map((key) => key.expression).join(', ');
    const right = keys.map((key, index) => `CAST(:__cursor_${index} AS ${types[key.kind]})`).join(', ');
    pageQuery.andWhere(`(${left}) ${operator} (${right})`, Object.fromEntries(values.map((value, index) => [`__cursor_${index}`, value])));
  }
  keys.forEach((key, index) => (index === 0 ? pageQuery.orderBy(key.expression, sort.direction) : pageQuery.addOrderBy(key.expression, sort.direction)));
  pageQuery.limit(page.first + 1);

  // Even `first: 0` reads one row, so that hasNextPage tells whether anything follows.
  let rows: { node: T; raw: Record<string, unknown> }[];
  if (projection) {
    const [sql, parameters] = pageQuery.getQueryAndParameters();
    rows = (await projection.run(sql.replace(`'${NODE_MARKER}'`, projection.select), parameters)).map((raw) => ({
      node: projection.hydrate(raw.__node as Record<string, unknown>),
      raw,
    }));
  } else {
    const { entities, raw } = await pageQuery.getRawAndEntities();
    const rawById = new Map(raw.map((row) => [String(row[`${alias}_id`]), row]));
    rows = entities.map((node) => ({ node, raw: rawById.get(String(node.id)) ?? {} }));
  }
  const hasNextPage = rows.length > page.first;
  const sortValues = new Map<T, unknown[]>();
  const edges = rows.slice(0, page.first).map(({ node, raw: row }) => {
    const values = keys.map((key, index) => normalize(row[`__sort_${index}`], key.kind));
    sortValues.set(node, values);
    // Encoded when a query asks for it: most pages only ask for the last one (pageInfo).
    return {
      get cursor() {
        return encodeCursor(signature, values);
      },
      node,
    };
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
