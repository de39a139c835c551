import { type EntityManager } from 'typeorm';
import { type Actor } from '../auth/actor';
import { type DocumentEntity } from '../content/documents/document.entity';
import { type ChangedDocuments } from '../content/content-changes';
import { type DocumentState } from '../content/content-type';
import { readLiveStates } from '../content/document-state';
import { DocumentWriter } from '../content/document-writer';
import { type DocumentPlan, type SyncKind } from './sync-diff';
import { type DraftRow } from './sync-matching';

/**
 * Writes a sync's plans for one content type through the document writer, each kind of write
 * one statement for the whole batch, whatever its size. What is sync-specific stays here: which
 * rows, drafts and revisions the plans call for, and the source's external ids.
 */
export class SyncWriter {
  private readonly writer: DocumentWriter;

  constructor(
    private readonly manager: EntityManager,
    actor: Actor,
    private readonly kind: SyncKind,
    private readonly source: string,
    /** Told the tags of what the sync publishes, from the states it records (no read afterwards). */
    private readonly changes: ChangedDocuments,
  ) {
    this.writer = new DocumentWriter(manager, kind.contentType, actor);
  }

  /** `rows` are the documents the plans were made from (for live states and drafts). */
  async apply(plans: DocumentPlan[], rows: Map<string, DocumentEntity>, drafts: Map<string, DraftRow>): Promise<void> {
    await this.insertDocuments(plans.filter((plan) => plan.isNew));
    await this.linkExternalIds(plans.filter((plan) => plan.linkExternalId));
    await this.writer.updateRows(
      plans.filter((plan) => !plan.isNew && plan.row).map((plan) => ({ id: plan.id, fields: plan.row!, version: plan.rowVersion, publish: plan.publish })),
    );
    const relation = this.kind.relation;
    if (relation) {
      await this.writer.replaceRelation(
        relation,
        plans.filter((plan) => plan.links).map((plan) => ({ ownerId: plan.id, targets: plan.links!.ids, primary: plan.links!.primary })),
      );
    }
    await this.writeDrafts(
      plans.filter((plan) => plan.draft),
      rows,
      drafts,
    );
    await this.recordPublished(plans.filter((plan) => plan.publish));
  }

  /** New documents, with slugs made from their names and free at the time of the batch. */
  private async insertDocuments(plans: DocumentPlan[]): Promise<void> {
    if (plans.length === 0) return;
    const slugs = await this.writer.allocateSlugs(plans.map((plan) => plan.slugSource));
    await this.writer.insert(plans.map((plan, index) => ({ id: plan.id, slug: slugs[index], status: plan.status, fields: plan.row! })));
  }

  private async linkExternalIds(plans: DocumentPlan[]): Promise<void> {
    if (plans.length === 0) return;
    const { table, ownerColumn } = this.kind.externalIds;
    await this.manager.query(
      `INSERT INTO ${table} (${ownerColumn}, system, value) SELECT v.id, $2, v.value FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, value text)`,
      [JSON.stringify(plans.map((plan) => ({ id: plan.id, value: plan.externalId }))), this.source],
    );
  }

  /** Pending drafts: the existing draft (or, without one, the live state) with the synced values. */
  private async writeDrafts(plans: DocumentPlan[], rows: Map<string, DocumentEntity>, drafts: Map<string, DraftRow>): Promise<void> {
    if (plans.length === 0) return;
    const live = await readLiveStates(
      this.manager,
      this.kind.contentType,
      plans.filter((plan) => !drafts.has(plan.id)).map((plan) => rows.get(plan.id)!),
    );
    const relation = this.kind.relation;
    await this.writer.upsertDrafts(
      plans.map((plan) => {
        const base = drafts.get(plan.id)?.snapshot ?? live.get(plan.id)!;
        const state: DocumentState = { fields: { ...base.fields, ...plan.draft!.fields }, relations: { ...base.relations }, primary: { ...base.primary } };
        if (relation && plan.draft!.links) {
          state.relations[relation.name] = plan.draft!.links.ids;
          state.primary[relation.name] = plan.draft!.links.primary;
        }
        return { id: plan.id, version: plan.draftVersion, state };
      }),
    );
  }

  /**
   * A live change is a publish: like `publish`, it records the new live state as a PUBLISHED
   * revision (history and restore work as for editors' changes) and an outbox event.
   */
  private async recordPublished(plans: DocumentPlan[]): Promise<void> {
    if (plans.length === 0) return;
    const ids = plans.map((plan) => plan.id);
    const written = await this.manager.getRepository(this.kind.contentType.entity).createQueryBuilder('d').where('d.id = ANY(:ids)', { ids }).getMany();
    const states = await readLiveStates(this.manager, this.kind.contentType, written);
    await this.writer.recordPublished(
      plans.map((plan) => ({ id: plan.id, version: plan.isNew ? 1 : plan.rowVersion, state: states.get(plan.id)!, payload: { sync: this.source } })),
    );
    this.changes.settled(
      this.kind.contentType,
      written.map((row) => ({ id: row.id, slug: row.slug, targets: Object.values(states.get(row.id)!.relations).flat() })),
    );
  }
}
