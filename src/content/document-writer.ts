import { type EntityManager } from 'typeorm';
import { type ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { type Actor } from '../auth/actor';
import { type DocumentEntity } from './documents/document.entity';
import { type DocumentStatus } from './documents/document-status';
import { slugify } from '../common/slugify';
import { type DocumentState } from './content-type';
import { type ContentType } from './document-descriptor';
import { type OwnedRelation } from './relations';

/** A new document: its id, slug, status and the values of its fields (property names). */
export interface NewDocument {
  id: string;
  slug: string;
  status: DocumentStatus;
  fields: Record<string, unknown>;
}

/** A change to a document's row: fields to set (property names) and its new version. */
export interface RowChange {
  id: string;
  fields: Record<string, unknown>;
  version: number;
  /** A new status (publish, unpublish). */
  status?: DocumentStatus;
  /** The row becomes (or stays) the live version now: published_at moves on. */
  publish?: boolean;
}

/** An owner's targets of an owned relation, in order, with the primary one when the relation has one. */
export interface RelationTargets {
  ownerId: string;
  targets: string[];
  primary?: string | null;
}

/** Another document that holds a value a document is about to take. */
export interface ValueHolder {
  value: string;
  documentId: string;
  label: string;
  /** It holds it in its pending draft, not (only) in its live row. */
  inDraft: boolean;
}

/** The user id recorded as author; API keys and the system are named in the audit log instead. */
export function authorId(actor: Actor): string | null {
  return actor.kind === 'USER' ? actor.id : null;
}

/** How jsonb_to_recordset reads a column. */
function sqlTypeOf(column: ColumnMetadata): string {
  const base = column.type === 'varchar' || column.type === 'char' || column.type === 'text' ? 'text' : String(column.type);
  return column.isArray ? `${base}[]` : base;
}

/**
 * The one writer of documents. Editors (one document at a time), the scheduler and provider sync
 * (a thousand at a time) all write rows, join rows, drafts, published revisions, outbox events and
 * slug history through it, and check unique values and slugs with it (live rows and pending
 * drafts alike). Every method is set-based: one statement for any number of documents, rows
 * passed as one JSON parameter through jsonb_to_recordset.
 */
export class DocumentWriter {
  constructor(
    readonly manager: EntityManager,
    readonly contentType: ContentType,
    private readonly actor: Actor,
  ) {}

  private columnOf(property: string): ColumnMetadata {
    const column = this.manager.connection.getMetadata(this.contentType.entity).findColumnWithPropertyName(property);
    if (!column) throw new Error(`${this.contentType.name} has no field ${property}`);
    return column;
  }

  /** Values keyed by column name, as the recordset reads them; JSON columns as JSON. */
  private recordOf(properties: readonly string[], values: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(properties.map((property) => [this.columnOf(property).databaseName, values[property] ?? null]));
  }

  private recordset(extra: [string, string][], properties: readonly string[]): string {
    return [...extra, ...properties.map((property): [string, string] => [this.columnOf(property).databaseName, sqlTypeOf(this.columnOf(property))])]
      .map(([name, type]) => `"${name}" ${type}`)
      .join(', ');
  }

  /**
   * Inserts new documents (version 1; published now when their status is PUBLISHED). Columns a
   * document gives no value for take their defaults: documents are grouped by the fields they
   * give, one statement a group (a sync batch from one source is one group).
   */
  async insert(documents: NewDocument[]): Promise<void> {
    const groups = new Map<string, NewDocument[]>();
    for (const document of documents) {
      const key = Object.keys(document.fields).sort().join(',');
      groups.set(key, [...(groups.get(key) ?? []), document]);
    }
    for (const group of groups.values()) await this.insertGroup(group);
  }

  private async insertGroup(documents: NewDocument[]): Promise<void> {
    const properties = Object.keys(documents[0].fields).filter((property) => property !== 'slug');
    const columns = properties.map((property) => `"${this.columnOf(property).databaseName}"`);
    const published = "CASE WHEN v.status = 'PUBLISHED' THEN now() END";
    const rows = documents.map((document) => ({
      id: document.id,
      slug: document.slug,
      status: document.status,
      ...this.recordOf(properties, document.fields),
    }));
    await this.manager.query(
      `INSERT INTO ${this.contentType.table} (id, slug, status, version, created_by, updated_by, published_at, first_published_at${columns.map((column) => `, ${column}`).join('')})
       SELECT v.id, v.slug, v.status, 1, $2, $2, ${published}, ${published}${columns.map((column) => `, v.${column}`).join('')}
       FROM jsonb_to_recordset($1::jsonb) AS v(${this.recordset(
         [
           ['id', 'uuid'],
           ['slug', 'text'],
           ['status', 'text'],
         ],
         properties,
       )})`,
      [JSON.stringify(rows), authorId(this.actor)],
    );
  }

  /**
   * Writes fields and workflow columns of existing rows. Rows are grouped by the fields they set,
   * one statement a group (an editor's publish and a sync batch are one group each).
   */
  async updateRows(changes: RowChange[]): Promise<void> {
    const groups = new Map<string, RowChange[]>();
    for (const change of changes) {
      const key = Object.keys(change.fields).sort().join(',');
      groups.set(key, [...(groups.get(key) ?? []), change]);
    }
    for (const group of groups.values()) {
      const properties = Object.keys(group[0].fields);
      const rows = group.map((change) => ({
        id: change.id,
        version: change.version,
        status: change.status ?? null,
        publish: change.publish ?? false,
        ...this.recordOf(properties, change.fields),
      }));
      const assignments = properties.map((property) => {
        const column = this.columnOf(property).databaseName;
        return `"${column}" = v."${column}"`;
      });
      await this.manager.query(
        `UPDATE ${this.contentType.table} AS d SET ${[
          ...assignments,
          'version = v.version',
          'status = coalesce(v.status, d.status)',
          'updated_at = now()',
          'updated_by = coalesce($2, d.updated_by)',
          'published_at = CASE WHEN v.publish THEN now() ELSE d.published_at END',
          'first_published_at = CASE WHEN v.publish THEN coalesce(d.first_published_at, now()) ELSE d.first_published_at END',
        ].join(', ')}
         FROM jsonb_to_recordset($1::jsonb) AS v(${this.recordset(
           [
             ['id', 'uuid'],
             ['version', 'integer'],
             ['status', 'text'],
             ['publish', 'boolean'],
           ],
           properties,
         )})
         WHERE d.id = v.id`,
        [JSON.stringify(rows), authorId(this.actor)],
      );
    }
  }

  /** Replaces owners' join rows of an owned relation with the given targets, in order. */
  async replaceRelation(relation: OwnedRelation, owners: RelationTargets[]): Promise<void> {
    if (owners.length === 0) return;
    const fixed = Object.entries(relation.fixedColumns ?? {});
    await this.manager.query(
      `DELETE FROM ${relation.joinTable} WHERE ${relation.ownerColumn} = ANY($1::uuid[])${fixed.map(([column], index) => ` AND ${column} = $${index + 2}`).join('')}`,
      [owners.map((owner) => owner.ownerId), ...fixed.map(([, value]) => value)],
    );
    const links = owners.flatMap((owner) =>
      owner.targets.map((target, position) => ({ owner: owner.ownerId, target, position, primary: owner.primary === target })),
    );
    if (links.length === 0) return;
    const columns = [relation.ownerColumn, relation.targetColumn, 'position', ...fixed.map(([column]) => column), ...(relation.primary ? ['is_primary'] : [])];
    const values = ['v.owner', 'v.target', 'v.position', ...fixed.map((_, index) => `$${index + 2}`), ...(relation.primary ? ['v."primary"'] : [])];
    await this.manager.query(
      `INSERT INTO ${relation.joinTable} (${columns.join(', ')})
       SELECT ${values.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS v(owner uuid, target uuid, position integer, "primary" boolean)`,
      [JSON.stringify(links), ...fixed.map(([, value]) => value)],
    );
  }

  /**
   * Makes states the rows' state: fields (all editable ones the state holds) and every owned
   * relation's join rows, with the workflow columns of each change; a changed slug stays
   * reachable (slug history).
   */
  async applyStates(changes: { row: DocumentEntity; state: DocumentState; version: number; status?: DocumentStatus; publish?: boolean }[]): Promise<void> {
    if (changes.length === 0) return;
    await this.updateRows(
      changes.map(({ row, state, version, status, publish }) => ({
        id: row.id,
        fields: Object.fromEntries(this.contentType.fields.filter((field) => field in state.fields).map((field) => [field, state.fields[field]])),
        version,
        status,
        publish,
      })),
    );
    for (const relation of this.contentType.relations) {
      await this.replaceRelation(
        relation,
        changes.map(({ row, state }) => ({
          ownerId: row.id,
          targets: state.relations[relation.name] ?? [],
          primary: relation.primary ? (state.primary[relation.name] ?? null) : undefined,
        })),
      );
    }
    await this.recordSlugChanges(changes.map(({ row, state }) => ({ id: row.id, from: row.slug, to: String(state.fields.slug ?? row.slug) })));
  }

  /** Creates or replaces pending drafts (the editable state of live documents). */
  async upsertDrafts(drafts: { id: string; version: number; state: DocumentState }[]): Promise<void> {
    if (drafts.length === 0) return;
    await this.manager.query(
      `INSERT INTO revisions (document_type, document_id, kind, version, snapshot, created_by)
       SELECT $2, v.id, 'DRAFT', v.version, v.snapshot, $3 FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, version integer, snapshot jsonb)
       ON CONFLICT (document_type, document_id) WHERE kind = 'DRAFT'
       DO UPDATE SET version = EXCLUDED.version, snapshot = EXCLUDED.snapshot, created_by = EXCLUDED.created_by, created_at = now()`,
      [JSON.stringify(drafts.map((draft) => ({ id: draft.id, version: draft.version, snapshot: draft.state }))), this.contentType.type, authorId(this.actor)],
    );
  }

  async deleteDrafts(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.manager.query(`DELETE FROM revisions WHERE kind = 'DRAFT' AND document_type = $1 AND document_id = ANY($2::uuid[])`, [
      this.contentType.type,
      ids,
    ]);
  }

  /**
   * Records live versions: each becomes a PUBLISHED revision (history and restore) and a
   * `document.published` outbox event (caches and webhooks).
   */
  async recordPublished(published: { id: string; version: number; state: DocumentState; payload?: Record<string, unknown> }[]): Promise<void> {
    if (published.length === 0) return;
    // Both in one statement: a data-modifying WITH runs to completion whether or not it is read.
    await this.manager.query(
      `WITH revisions_written AS (
         INSERT INTO revisions (document_type, document_id, kind, version, snapshot, created_by)
         SELECT $2, v.id, 'PUBLISHED', v.version, v.snapshot, $3 FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, version integer, snapshot jsonb)
         RETURNING 1)
       INSERT INTO outbox_events (event_type, document_type, document_id, payload)
       SELECT 'document.published', $2, v.id, v.payload FROM jsonb_to_recordset($4::jsonb) AS v(id uuid, payload jsonb)`,
      [
        JSON.stringify(published.map((item) => ({ id: item.id, version: item.version, snapshot: item.state }))),
        this.contentType.type,
        authorId(this.actor),
        JSON.stringify(published.map((item) => ({ id: item.id, payload: { version: item.version, slug: item.state.fields.slug, ...item.payload } }))),
      ],
    );
  }

  /** Moves documents to the trash or back; their version moves on. */
  async setTrashed(ids: string[], trashed: boolean): Promise<void> {
    if (ids.length === 0) return;
    await this.manager.query(
      `UPDATE ${this.contentType.table} SET deleted_at = ${trashed ? 'now()' : 'NULL'}, version = version + 1, updated_at = now(), updated_by = coalesce($2, updated_by) WHERE id = ANY($1::uuid[])`,
      [ids, authorId(this.actor)],
    );
  }

  /** Outbox events of one type for documents of this type. */
  async writeEvents(eventType: string, events: { id: string; payload: Record<string, unknown> }[]): Promise<void> {
    if (events.length === 0) return;
    await this.manager.query(
      `INSERT INTO outbox_events (event_type, document_type, document_id, payload)
       SELECT $2, $3, v.id, v.payload FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, payload jsonb)`,
      [JSON.stringify(events), eventType, this.contentType.type],
    );
  }

  /**
   * Keeps renamed documents reachable by their old slugs. A new slug stops being anyone's former
   * slug, so it cannot point at two documents.
   */
  async recordSlugChanges(changes: { id: string; from: string; to: string }[]): Promise<void> {
    const renamed = changes.filter((change) => change.from !== change.to);
    if (renamed.length === 0) return;
    await this.manager.query('DELETE FROM slug_history WHERE document_type = $1 AND slug = ANY($2::text[])', [
      this.contentType.type,
      renamed.map((change) => change.to),
    ]);
    await this.manager.query(
      `INSERT INTO slug_history (document_type, slug, document_id)
       SELECT $2, v.slug, v.id FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, slug text)
       ON CONFLICT (document_type, slug) DO UPDATE SET document_id = EXCLUDED.document_id, created_at = now()`,
      [JSON.stringify(renamed.map((change) => ({ id: change.id, slug: change.from }))), this.contentType.type],
    );
  }

  /**
   * Free slugs for new documents made from `sources`: "jane-doe", else "jane-doe-2"…, avoiding
   * the slugs of live rows and pending drafts, and each other (one statement).
   */
  async allocateSlugs(sources: string[]): Promise<string[]> {
    if (sources.length === 0) return [];
    const bases = sources.map((source) => slugify(source).slice(0, 190).replace(/-+$/, '') || 'untitled');
    const { table, type } = this.contentType;
    const rows: { slug: string }[] = await this.manager.query(
      `SELECT slug FROM ${table} WHERE slug = ANY($1::text[]) OR regexp_replace(slug, '-[0-9]+$', '') = ANY($1::text[])
       UNION
       SELECT snapshot->'fields'->>'slug' FROM revisions WHERE kind = 'DRAFT' AND document_type = $2
         AND (snapshot->'fields'->>'slug' = ANY($1::text[]) OR regexp_replace(snapshot->'fields'->>'slug', '-[0-9]+$', '') = ANY($1::text[]))`,
      [[...new Set(bases)], type],
    );
    const taken = new Set(rows.map((row) => row.slug));
    return bases.map((base) => {
      let candidate = base;
      for (let suffix = 2; taken.has(candidate); suffix++) candidate = `${base}-${suffix}`;
      taken.add(candidate);
      return candidate;
    });
  }

  /** See uniqueValueHolders. */
  valueHolders(field: string, values: string[], exceptIds: string[]): Promise<Map<string, ValueHolder[]>> {
    return uniqueValueHolders(this.manager, this.contentType, field, values, exceptIds);
  }
}

/**
 * Documents of a type that hold any of `values` in `field` (the slug, or a unique field such as
 * the NPI), in their live row (trashed ones too: the unique index covers them) or their pending
 * draft, which would clash at publish (each holder once per place it holds it). `exceptIds` are
 * the documents being written. Editors' edits and provider sync both check with it (the sync also
 * matches records to providers by the live holders of their NPIs).
 */
export async function uniqueValueHolders(
  manager: EntityManager,
  contentType: ContentType,
  field: string,
  values: string[],
  exceptIds: string[],
): Promise<Map<string, ValueHolder[]>> {
  const holders = new Map<string, ValueHolder[]>();
  if (values.length === 0) return holders;
  const metadata = manager.connection.getMetadata(contentType.entity);
  const columnOf = (property: string) => {
    const column = metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`${contentType.name} has no field ${property}`);
    return column.databaseName;
  };
  const rows: { value: string; id: string; in_draft: boolean; fields: Record<string, unknown> }[] = await manager.query(
    `SELECT d.${columnOf(field)}::text AS value, d.id, false AS in_draft, to_jsonb(d) AS fields FROM ${contentType.table} d
       WHERE d.${columnOf(field)}::text = ANY($1::text[]) AND NOT d.id = ANY($2::uuid[])
     UNION ALL
     SELECT r.snapshot->'fields'->>$4, r.document_id, true, r.snapshot->'fields' FROM revisions r
       WHERE r.kind = 'DRAFT' AND r.document_type = $3 AND r.snapshot->'fields'->>$4 = ANY($1::text[]) AND NOT r.document_id = ANY($2::uuid[])`,
    [values, exceptIds, contentType.type, field],
  );
  for (const row of rows) {
    // Live rows come as columns: name them by property for the label.
    const fields = row.in_draft ? row.fields : Object.fromEntries(contentType.fields.map((property) => [property, row.fields[columnOf(property)]]));
    holders.set(row.value, [
      ...(holders.get(row.value) ?? []),
      { value: row.value, documentId: row.id, label: contentType.label(fields), inDraft: row.in_draft },
    ]);
  }
  return holders;
}

/** The message a taken unique value gets, the same for editors and the sync: it names the holder. */
export function valueTakenMessage(holder: ValueHolder): string {
  return `"${holder.value}" is already used by ${holder.label}${holder.inDraft ? ' (in its pending draft)' : ''}`;
}
