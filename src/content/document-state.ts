import { EntityManager } from 'typeorm';
import { DocumentEntity } from '../common/documents/document.entity';
import { DocumentState } from './content-type';
import { ContentType } from './document-descriptor';

/** Plain JSON of the editable fields of a row (what snapshots and the audit log hold). */
export function fieldsOf(contentType: ContentType, row: DocumentEntity): Record<string, unknown> {
  const record = row as unknown as Record<string, unknown>;
  return Object.fromEntries(contentType.fields.map((field) => [field, record[field] ?? null]));
}

/** The live state of a document: its row's fields and its owned join rows, in order. */
export async function readLiveState(manager: EntityManager, contentType: ContentType, row: DocumentEntity): Promise<DocumentState> {
  const state: DocumentState = { fields: fieldsOf(contentType, row), relations: {}, primary: {} };
  for (const slot of contentType.relations) {
    const fixed = Object.entries(slot.fixedColumns ?? {});
    const conditions = [`${slot.ownerColumn} = $1`, ...fixed.map(([column], index) => `${column} = $${index + 2}`)];
    const rows: { target: string; is_primary?: boolean }[] = await manager.query(
      `SELECT ${slot.targetColumn} AS target${slot.primary ? ', is_primary' : ''} FROM ${slot.joinTable} WHERE ${conditions.join(' AND ')} ORDER BY position, ${slot.targetColumn}`,
      [row.id, ...fixed.map(([, value]) => value)],
    );
    state.relations[slot.name] = rows.map((link) => link.target);
    if (slot.primary) state.primary[slot.name] = rows.find((link) => link.is_primary)?.target ?? null;
  }
  return state;
}

/** The state after a change: given fields replace, given relations replace whole lists. */
export function mergeState(contentType: ContentType, state: DocumentState, change: DocumentState): DocumentState {
  const merged: DocumentState = {
    fields: { ...state.fields, ...change.fields },
    relations: { ...state.relations, ...change.relations },
    primary: { ...state.primary, ...change.primary },
  };
  for (const slot of contentType.relations) {
    merged.relations[slot.name] ??= [];
    if (!slot.primary) continue;
    const ids = merged.relations[slot.name];
    // The primary must be one of the linked targets; it defaults to the first.
    const primary = merged.primary[slot.name];
    merged.primary[slot.name] = primary && ids.includes(primary) ? primary : (ids[0] ?? null);
  }
  return merged;
}

/** Writes a state to the document's row and replaces its owned join rows. */
export async function applyState(manager: EntityManager, contentType: ContentType, id: string, state: DocumentState, extra: Partial<DocumentEntity>): Promise<void> {
  const values: Record<string, unknown> = {};
  for (const field of contentType.fields) if (field in state.fields) values[field] = state.fields[field];
  await manager.update(contentType.entity, { id }, { ...values, ...extra } as never);
  for (const slot of contentType.relations) {
    const fixed = Object.entries(slot.fixedColumns ?? {});
    await manager.query(
      `DELETE FROM ${slot.joinTable} WHERE ${[`${slot.ownerColumn} = $1`, ...fixed.map(([column], index) => `${column} = $${index + 2}`)].join(' AND ')}`,
      [id, ...fixed.map(([, value]) => value)],
    );
    const targets = state.relations[slot.name] ?? [];
    if (targets.length === 0) continue;
    const columns = [slot.ownerColumn, slot.targetColumn, 'position', ...fixed.map(([column]) => column), ...(slot.primary ? ['is_primary'] : [])];
    const parameters: unknown[] = [];
    const rows = targets.map((target, position) => {
      const row = [id, target, position, ...fixed.map(([, value]) => value), ...(slot.primary ? [state.primary[slot.name] === target] : [])];
      return `(${row.map((value) => `$${parameters.push(value)}`).join(', ')})`;
    });
    await manager.query(`INSERT INTO ${slot.joinTable} (${columns.join(', ')}) VALUES ${rows.join(', ')}`, parameters);
  }
}
