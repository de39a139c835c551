import { type EntityManager } from 'typeorm';
import { type DocumentEntity } from './documents/document.entity';
import { type DocumentState } from './content-type';
import { type ContentType } from './document-descriptor';

/** Plain JSON of the editable fields of a row (what snapshots and the audit log hold). */
export function fieldsOf(contentType: ContentType, row: DocumentEntity): Record<string, unknown> {
  return Object.fromEntries(contentType.fields.map((field) => [field, Reflect.get(row, field) ?? null]));
}

/** The live states of documents (their rows' fields and owned join rows, in order), set-based. */
export async function readLiveStates(manager: EntityManager, contentType: ContentType, rows: DocumentEntity[]): Promise<Map<string, DocumentState>> {
  const states = new Map<string, DocumentState>();
  if (rows.length === 0) return states;
  const ids = rows.map((row) => row.id);
  for (const row of rows) states.set(row.id, { fields: fieldsOf(contentType, row), relations: {}, primary: {} });
  for (const relation of contentType.relations) {
    const fixed = Object.entries(relation.fixedColumns ?? {});
    const links: { owner: string; target: string; is_primary?: boolean }[] = await manager.query(
      `SELECT ${relation.ownerColumn} AS owner, ${relation.targetColumn} AS target${relation.primary ? ', is_primary' : ''} FROM ${relation.joinTable}
       WHERE ${[`${relation.ownerColumn} = ANY($1::uuid[])`, ...fixed.map(([column], index) => `${column} = $${index + 2}`)].join(' AND ')}
       ORDER BY ${relation.ownerColumn}, position, ${relation.targetColumn}`,
      [ids, ...fixed.map(([, value]) => value)],
    );
    for (const state of states.values()) {
      state.relations[relation.name] = [];
      if (relation.primary) state.primary[relation.name] = null;
    }
    for (const link of links) {
      const state = states.get(link.owner);
      if (!state) continue;
      state.relations[relation.name].push(link.target);
      if (link.is_primary) state.primary[relation.name] = link.target;
    }
  }
  return states;
}

/** The live state of one document. */
export async function readLiveState(manager: EntityManager, contentType: ContentType, row: DocumentEntity): Promise<DocumentState> {
  return (await readLiveStates(manager, contentType, [row])).get(row.id)!;
}

/**
 * The state after a change: given fields replace, given relation lists replace whole lists. A
 * relation with a primary keeps it when it is still listed, else takes the first target.
 */
export function mergeState(contentType: ContentType, state: DocumentState, change: DocumentState): DocumentState {
  const merged: DocumentState = {
    fields: { ...state.fields, ...change.fields },
    relations: { ...state.relations, ...change.relations },
    primary: { ...state.primary, ...change.primary },
  };
  for (const relation of contentType.relations) {
    merged.relations[relation.name] ??= [];
    if (!relation.primary) continue;
    const ids = merged.relations[relation.name];
    const primary = merged.primary[relation.name];
    merged.primary[relation.name] = primary && ids.includes(primary) ? primary : (ids[0] ?? null);
  }
  return merged;
}
