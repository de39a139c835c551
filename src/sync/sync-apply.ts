import { EntityManager } from 'typeorm';
import { Actor } from '../auth/actor';
import { DocumentEntity } from '../common/documents/document.entity';
import { slugify } from '../common/slugs/slugify';
import { DocumentState } from '../content/content-type';
import { fieldsOf } from '../content/document-state';
import { DocumentPlan, SyncKind } from './sync-diff';
import { DraftRow } from './sync-matching';

/** The user id recorded as author; API keys and the system are named in the audit log instead. */
function authorId(actor: Actor): string | null {
  return actor.kind === 'USER' ? actor.id : null;
}

const recordset = (columns: [string, string][]) => columns.map(([name, type]) => `${name} ${type}`).join(', ');

/**
 * Writes a sync's plans for one content type in bulk: each kind of write is one statement for
 * the whole batch (rows in as one JSON parameter through jsonb_to_recordset), whatever its size.
 */
export class SyncWriter {
  constructor(
    private readonly manager: EntityManager,
    private readonly actor: Actor,
    private readonly kind: SyncKind,
    private readonly source: string,
  ) {}

  async apply(plans: DocumentPlan[], drafts: Map<string, DraftRow>): Promise<void> {
    const created = plans.filter((plan) => plan.isNew);
    await this.insertRows(created);
    await this.linkExternalIds(plans.filter((plan) => plan.linkExternalId));
    await this.updateRows(plans.filter((plan) => !plan.isNew && plan.row));
    await this.replaceLinks(plans.filter((plan) => plan.links));
    await this.writeDrafts(plans.filter((plan) => plan.draft), drafts);
    await this.recordPublished(plans.filter((plan) => plan.publish));
  }

  /** New documents, with slugs made from their names and free at the time of the batch. */
  private async insertRows(plans: DocumentPlan[]): Promise<void> {
    if (plans.length === 0) return;
    const slugs = await this.allocateSlugs(plans.map((plan) => plan.slugSource));
    const owned = this.kind.owned;
    const rows = plans.map((plan, index) => ({ id: plan.id, slug: slugs[index], status: plan.status, ...this.columnsOf(plan.row!) }));
    const columns: [string, string][] = [['id', 'uuid'], ['slug', 'text'], ['status', 'text'], ...owned.map((field): [string, string] => [field.column, field.sqlType])];
    const published = "CASE WHEN v.status = 'PUBLISHED' THEN now() END";
    await this.manager.query(
      `INSERT INTO ${this.kind.contentType.table} (id, slug, status, version, created_by, updated_by, published_at, first_published_at, ${owned.map((field) => field.column).join(', ')})
       SELECT v.id, v.slug, v.status, 1, $2, $2, ${published}, ${published}, ${owned.map((field) => `v.${field.column}`).join(', ')}
       FROM jsonb_to_recordset($1::jsonb) AS v(${recordset(columns)})`,
      [JSON.stringify(rows), authorId(this.actor)],
    );
  }

  /** Slugs for new documents: "jane-doe", else "jane-doe-2"…, avoiding live and draft slugs (one query). */
  private async allocateSlugs(sources: string[]): Promise<string[]> {
    const bases = sources.map((source) => slugify(source).slice(0, 190).replace(/-+$/, '') || 'untitled');
    const { table, type } = this.kind.contentType;
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

  private async linkExternalIds(plans: DocumentPlan[]): Promise<void> {
    if (plans.length === 0) return;
    const { externalIdTable, externalIdOwnerColumn } = this.kind;
    await this.manager.query(
      `INSERT INTO ${externalIdTable} (${externalIdOwnerColumn}, system, value) SELECT v.id, $2, v.value FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, value text)`,
      [JSON.stringify(plans.map((plan) => ({ id: plan.id, value: plan.externalId }))), this.source],
    );
  }

  /** Owned columns of changed rows, with the version moved on (and publish time for live changes). */
  private async updateRows(plans: DocumentPlan[]): Promise<void> {
    if (plans.length === 0) return;
    const owned = this.kind.owned;
    const rows = plans.map((plan) => ({ id: plan.id, version: plan.rowVersion, publish: plan.publish, ...this.columnsOf(plan.row!) }));
    const columns: [string, string][] = [['id', 'uuid'], ['version', 'integer'], ['publish', 'boolean'], ...owned.map((field): [string, string] => [field.column, field.sqlType])];
    await this.manager.query(
      `UPDATE ${this.kind.contentType.table} AS d SET ${owned.map((field) => `${field.column} = v.${field.column}`).join(', ')},
         version = v.version, updated_at = now(), updated_by = $2, published_at = CASE WHEN v.publish THEN now() ELSE d.published_at END
       FROM jsonb_to_recordset($1::jsonb) AS v(${recordset(columns)}) WHERE d.id = v.id`,
      [JSON.stringify(rows), authorId(this.actor)],
    );
  }

  /** Replaces the live offices of providers whose offices changed. */
  private async replaceLinks(plans: DocumentPlan[]): Promise<void> {
    const slot = this.kind.linkSlot;
    if (!slot || plans.length === 0) return;
    const existing = plans.filter((plan) => !plan.isNew).map((plan) => plan.id);
    if (existing.length > 0) await this.manager.query(`DELETE FROM ${slot.joinTable} WHERE ${slot.ownerColumn} = ANY($1::uuid[])`, [existing]);
    const links = plans.flatMap((plan) => plan.links!.ids.map((target, position) => ({ owner: plan.id, target, position, primary: plan.links!.primary === target })));
    if (links.length === 0) return;
    await this.manager.query(
      `INSERT INTO ${slot.joinTable} (${slot.ownerColumn}, ${slot.targetColumn}, position, is_primary)
       SELECT v.owner, v.target, v.position, v.primary FROM jsonb_to_recordset($1::jsonb) AS v(owner uuid, target uuid, position integer, "primary" boolean)`,
      [JSON.stringify(links)],
    );
  }

  /** Pending drafts: the existing draft (or, without one, the live state) with the synced values. */
  private async writeDrafts(plans: DocumentPlan[], drafts: Map<string, DraftRow>): Promise<void> {
    if (plans.length === 0) return;
    const live = await readLiveStates(this.manager, this.kind, plans.filter((plan) => !drafts.has(plan.id)).map((plan) => plan.id));
    const slot = this.kind.linkSlot;
    const rows = plans.map((plan) => {
      const base = drafts.get(plan.id)?.snapshot ?? live.get(plan.id)!;
      const snapshot: DocumentState = { fields: { ...base.fields, ...plan.draft!.fields }, relations: { ...base.relations }, primary: { ...base.primary } };
      if (slot && plan.draft!.links) {
        snapshot.relations[slot.name] = plan.draft!.links.ids;
        snapshot.primary[slot.name] = plan.draft!.links.primary;
      }
      return { id: plan.id, version: plan.draftVersion, snapshot };
    });
    await this.manager.query(
      `INSERT INTO revisions (document_type, document_id, kind, version, snapshot, created_by)
       SELECT $2, v.id, 'DRAFT', v.version, v.snapshot, $3 FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, version integer, snapshot jsonb)
       ON CONFLICT (document_type, document_id) WHERE kind = 'DRAFT' DO UPDATE SET version = EXCLUDED.version, snapshot = EXCLUDED.snapshot, created_at = now()`,
      [JSON.stringify(rows), this.kind.contentType.type, authorId(this.actor)],
    );
  }

  /**
   * A live change is a publish: like `publish`, it records the new live state as a PUBLISHED
   * revision (history and restore work as for editors' changes) and an outbox event.
   */
  private async recordPublished(plans: DocumentPlan[]): Promise<void> {
    if (plans.length === 0) return;
    const states = await readLiveStates(this.manager, this.kind, plans.map((plan) => plan.id));
    const { type } = this.kind.contentType;
    const revisions = plans.map((plan) => ({ id: plan.id, version: plan.isNew ? 1 : plan.rowVersion, snapshot: states.get(plan.id) }));
    await this.manager.query(
      `INSERT INTO revisions (document_type, document_id, kind, version, snapshot, created_by)
       SELECT $2, v.id, 'PUBLISHED', v.version, v.snapshot, $3 FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, version integer, snapshot jsonb)`,
      [JSON.stringify(revisions), type, authorId(this.actor)],
    );
    const events = revisions.map((revision) => ({ id: revision.id, payload: { version: revision.version, slug: revision.snapshot?.fields.slug, sync: this.source } }));
    await this.manager.query(
      `INSERT INTO outbox_events (event_type, document_type, document_id, payload)
       SELECT 'document.published', $2, v.id, v.payload FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, payload jsonb)`,
      [JSON.stringify(events), type],
    );
  }

  /** Owned property values keyed by column, as the recordset reads them. */
  private columnsOf(values: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(this.kind.owned.map((field) => [field.column, values[field.property] ?? null]));
  }
}

/** The live states (fields and owned relations, as snapshots hold them) of documents, set-based. */
export async function readLiveStates(manager: EntityManager, kind: SyncKind, ids: string[]): Promise<Map<string, DocumentState>> {
  const states = new Map<string, DocumentState>();
  if (ids.length === 0) return states;
  const { contentType } = kind;
  const rows = (await manager.getRepository(contentType.entity).createQueryBuilder('d').where('d.id = ANY(:ids)', { ids }).getMany()) as DocumentEntity[];
  for (const row of rows) states.set(row.id, { fields: fieldsOf(contentType, row), relations: {}, primary: {} });
  for (const slot of contentType.relations) {
    const fixed = Object.entries(slot.fixedColumns ?? {});
    const links: { owner: string; target: string; is_primary?: boolean }[] = await manager.query(
      `SELECT ${slot.ownerColumn} AS owner, ${slot.targetColumn} AS target${slot.primary ? ', is_primary' : ''} FROM ${slot.joinTable}
       WHERE ${[`${slot.ownerColumn} = ANY($1::uuid[])`, ...fixed.map(([column], index) => `${column} = $${index + 2}`)].join(' AND ')}
       ORDER BY ${slot.ownerColumn}, position, ${slot.targetColumn}`,
      [ids, ...fixed.map(([, value]) => value)],
    );
    for (const state of states.values()) {
      state.relations[slot.name] = [];
      if (slot.primary) state.primary[slot.name] = null;
    }
    for (const link of links) {
      const state = states.get(link.owner);
      if (!state) continue;
      state.relations[slot.name].push(link.target);
      if (link.is_primary) state.primary[slot.name] = link.target;
    }
  }
  return states;
}
