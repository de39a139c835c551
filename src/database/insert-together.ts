import { type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { type QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/** One row for one entity's table, as `manager.insert` would take it. */
export interface RowInsert<T extends ObjectLiteral = ObjectLiteral> {
  target: EntityTarget<T>;
  values: QueryDeepPartialEntity<T>;
}

/**
 * Inserts rows into several tables in one statement: every insert but the last becomes a
 * data-modifying WITH, which PostgreSQL runs to completion whether or not it is read. Columns,
 * defaults and value conversions are TypeORM's own (each insert is built by its query builder);
 * only the placeholders are renumbered into one list. A run's log row, its audit entry and its
 * outbox event cost one round trip instead of three.
 */
export async function insertTogether(manager: EntityManager, inserts: RowInsert[]): Promise<void> {
  if (inserts.length === 0) return;
  const parameters: unknown[] = [];
  const statements = inserts.map(({ target, values }) => {
    const [sql, own] = manager.createQueryBuilder().insert().into(target).values(values).updateEntity(false).getQueryAndParameters();
    const offset = parameters.length;
    parameters.push(...own);
    return offset === 0 ? sql : sql.replace(/\$(\d+)\b/g, (_, index: string) => `$${Number(index) + offset}`);
  });
  const last = statements.pop()!;
  const withs = statements.map((sql, index) => `inserted_${index} AS (${sql})`);
  await manager.query(withs.length > 0 ? `WITH ${withs.join(',\n')}\n${last}` : last, parameters);
}
