import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLogService } from '../audit/audit-log.service';
import { Actor } from '../auth/actor';
import { DocumentEntity } from './documents/document.entity';
import { DocumentStatus } from './documents/document-status';
import { AppError, FieldError } from '../common/errors/app-error';
import { Revision, RevisionKind } from './revisions/revision.entity';
import { ContentChanges } from './content-changes';
import { DocumentState } from './content-type';
import { ContentType } from './document-descriptor';
import { contentTypes, relationsTargeting } from './document-descriptor';
import { resolveRefs } from './document-refs';
import { mergeState, readLiveState } from './document-state';
import { DocumentWriter, valueTakenMessage } from './document-writer';
import { draftViewOfDocument } from './documents/draft-view';
import { assertVersion, editableState, isLive, lockDocument } from './document-store';
import { ChangeRequest } from './editorial.types';
import { ScheduledAction, ScheduledActionStatus } from './scheduled-action.entity';

/** A published document that points at the one being trashed. */
export interface Reference {
  type: string;
  id: string;
  label: string;
}

/**
 * Creating, editing, trashing, restoring and purging documents of every content type. Edits of
 * a live document go to its pending draft; the live row changes only at publish.
 */
@Injectable()
export class EditorialService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLogService,
    private readonly changes: ContentChanges,
  ) {}

  async create(actor: Actor, contentType: ContentType, request: ChangeRequest, path = 'input'): Promise<DocumentEntity> {
    return this.dataSource.transaction(async (manager) => {
      if (contentType.singleton) {
        const [existing] = await manager.query(`SELECT id FROM ${contentType.table} WHERE deleted_at IS NULL LIMIT 1`);
        if (existing) throw AppError.conflict(`There is already a ${contentType.name.toLowerCase()}; update it instead`, { documentId: existing.id });
      }
      const writer = new DocumentWriter(manager, contentType, actor);
      const change = await this.resolveChange(writer, contentType, request, path, null);
      const state = mergeState(contentType, { fields: {}, relations: {}, primary: {} }, change);
      const id = randomUUID();
      await writer.insert([{ id, slug: String(state.fields.slug), status: DocumentStatus.DRAFT, fields: state.fields }]);
      for (const relation of contentType.relations) {
        await writer.replaceRelation(relation, [
          { ownerId: id, targets: state.relations[relation.name] ?? [], primary: relation.primary ? (state.primary[relation.name] ?? null) : undefined },
        ]);
      }
      await this.audit.record(manager, actor, { action: `create${contentType.name}`, documentType: contentType.type, documentId: id, after: state });
      return this.editorView(manager, contentType, id);
    });
  }

  async update(actor: Actor, contentType: ContentType, id: string, version: number, request: ChangeRequest, path = 'input'): Promise<DocumentEntity> {
    return this.dataSource.transaction(async (manager) => {
      const locked = await lockDocument(manager, contentType, id);
      assertVersion(contentType, locked, version);
      const before = await editableState(manager, contentType, locked);
      const change = await this.resolveChange(new DocumentWriter(manager, contentType, actor), contentType, request, path, id, before);
      const after = mergeState(contentType, before, change);
      await this.saveEditableState(manager, actor, contentType, locked.row, after, locked.version + 1);
      await this.audit.record(manager, actor, { action: `update${contentType.name}`, documentType: contentType.type, documentId: id, before, after });
      return this.editorView(manager, contentType, id);
    });
  }

  /**
   * Stores the state an editor works on: into the pending draft when the document is live (the
   * public keeps seeing the published version), else straight into the row.
   */
  async saveEditableState(
    manager: EntityManager,
    actor: Actor,
    contentType: ContentType,
    row: DocumentEntity,
    state: DocumentState,
    newVersion: number,
  ): Promise<void> {
    const writer = new DocumentWriter(manager, contentType, actor);
    if (row.status === DocumentStatus.PUBLISHED) await writer.upsertDrafts([{ id: row.id, version: newVersion, state }]);
    else await writer.applyStates([{ row, state, version: newVersion }]);
  }

  /** Moves a document to the trash, refusing while published documents still point at it unless `detach`. */
  async trash(actor: Actor, contentType: ContentType, id: string, detach: boolean): Promise<DocumentEntity> {
    return this.changes.transaction(async (manager, changes) => {
      const locked = await lockDocument(manager, contentType, id);
      const references = await this.publishedReferencesTo(manager, contentType, id);
      if (references.length > 0 && !detach) {
        throw AppError.conflict(
          `${contentType.label(locked.row)} is still used by ${references.map((reference) => reference.label).join(', ')}; remove those links first or trash with detach: true`,
          { references },
        );
      }
      if (isLive(locked.row)) await changes.before(manager, contentType, [id]);
      if (detach) await this.detachAllReferencesTo(manager, contentType, id);
      const writer = new DocumentWriter(manager, contentType, actor);
      await writer.setTrashed([id], true);
      await manager.update(
        ScheduledAction,
        { documentType: contentType.type, documentId: id, status: ScheduledActionStatus.PENDING },
        { status: ScheduledActionStatus.CANCELLED, lastError: 'the document was moved to the trash' },
      );
      await writer.writeEvents('document.trashed', [
        { id, payload: { slug: locked.row.slug, version: locked.row.version + 1, detached: detach ? references : [] } },
      ]);
      await this.audit.record(manager, actor, {
        action: `trash${contentType.name}`,
        documentType: contentType.type,
        documentId: id,
        before: { status: locked.row.status, references },
        after: { deleted: true, detached: detach },
      });
      return this.editorView(manager, contentType, id);
    });
  }

  async restore(actor: Actor, contentType: ContentType, id: string): Promise<DocumentEntity> {
    return this.changes.transaction(async (manager, changes) => {
      const locked = await lockDocument(manager, contentType, id, { allowTrashed: true });
      if (!locked.row.deletedAt) throw AppError.conflict(`${contentType.label(locked.row)} is not in the trash`);
      if (contentType.singleton) {
        const [other] = await manager.query(`SELECT id FROM ${contentType.table} WHERE deleted_at IS NULL AND id <> $1 LIMIT 1`, [id]);
        if (other) throw AppError.conflict(`Another ${contentType.name.toLowerCase()} exists; only one may be active`, { documentId: other.id });
      }
      if (locked.row.status === DocumentStatus.PUBLISHED) await changes.before(manager, contentType, [id]);
      const writer = new DocumentWriter(manager, contentType, actor);
      await writer.setTrashed([id], false);
      await writer.writeEvents('document.restored', [{ id, payload: { slug: locked.row.slug, version: locked.row.version + 1 } }]);
      await this.audit.record(manager, actor, {
        action: `restore${contentType.name}`,
        documentType: contentType.type,
        documentId: id,
        before: { deleted: true },
        after: { deleted: false },
      });
      return this.editorView(manager, contentType, id);
    });
  }

  /** Deletes a trashed document for good, with its join rows, drafts, history and schedules. */
  async purge(actor: Actor, contentType: ContentType, id: string): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      const locked = await lockDocument(manager, contentType, id, { allowTrashed: true });
      if (!locked.row.deletedAt) throw AppError.conflict(`${contentType.label(locked.row)} must be in the trash before it can be purged`);
      // No cache to tell: a document in the trash is already gone from every public read.
      const before = await readLiveState(manager, contentType, locked.row);
      // FAQ placements name their page polymorphically (no foreign key); other join rows cascade.
      await manager.query('DELETE FROM faq_placements WHERE owner_id = $1', [id]);
      await this.removeFromPendingDrafts(manager, contentType, id);
      await manager.query('DELETE FROM revisions WHERE document_type = $1 AND document_id = $2', [contentType.type, id]);
      await manager.query('DELETE FROM slug_history WHERE document_type = $1 AND document_id = $2', [contentType.type, id]);
      await manager.query('DELETE FROM scheduled_actions WHERE document_type = $1 AND document_id = $2', [contentType.type, id]);
      // Which source wrote which field names the document without a foreign key (any synced type): it goes with it.
      if (contentType.sync) await manager.query('DELETE FROM sync_field_owners WHERE document_type = $1 AND document_id = $2', [contentType.type, id]);
      await manager.delete(contentType.entity, { id });
      await new DocumentWriter(manager, contentType, actor).writeEvents('document.purged', [{ id, payload: { slug: locked.row.slug } }]);
      await this.audit.record(manager, actor, { action: `purge${contentType.name}`, documentType: contentType.type, documentId: id, before });
      return id;
    });
  }

  /** The document as editors see it (draft overlaid), read inside the caller's transaction. */
  async editorView(manager: EntityManager, contentType: ContentType, id: string): Promise<DocumentEntity> {
    const row = await manager.getRepository(contentType.entity).createQueryBuilder('d').where('d.id = :id', { id }).getOneOrFail();
    const draft = await manager.findOne(Revision, { where: { documentType: contentType.type, documentId: id, kind: RevisionKind.DRAFT } });
    return draftViewOfDocument(row as DocumentEntity, draft);
  }

  /** Published, non-trashed documents whose live relations point at the document. */
  async publishedReferencesTo(manager: EntityManager, contentType: ContentType, id: string): Promise<Reference[]> {
    const references: Reference[] = [];
    for (const { owner, relation: slot } of relationsTargeting(contentType.type)) {
      const fixed = Object.entries(slot.fixedColumns ?? {});
      const rows = await manager
        .getRepository(owner.entity)
        .createQueryBuilder('o')
        .where(
          `o.id IN (SELECT j.${slot.ownerColumn} FROM ${slot.joinTable} j WHERE j.${slot.targetColumn} = :id${fixed.map(([column, value]) => ` AND j.${column} = '${value}'`).join('')})`,
          { id },
        )
        .andWhere("o.status = 'PUBLISHED' AND o.deleted_at IS NULL")
        .getMany();
      for (const row of rows) references.push({ type: owner.type, id: row.id, label: owner.label(row) });
    }
    return references;
  }

  private async detachAllReferencesTo(manager: EntityManager, contentType: ContentType, id: string): Promise<void> {
    const tables = new Map<string, string>();
    for (const { relation } of relationsTargeting(contentType.type))
      tables.set(`${relation.joinTable}.${relation.targetColumn}`, `DELETE FROM ${relation.joinTable} WHERE ${relation.targetColumn} = $1`);
    for (const sql of tables.values()) await manager.query(sql, [id]);
    await this.removeFromPendingDrafts(manager, contentType, id);
  }

  /**
   * Takes the document out of the pending drafts that link to it. Otherwise publishing such a
   * draft would bring back a link that `detach` removed, or insert a join row to a purged row.
   * The drafts keep their version: it is a consequence of this change, not an edit to them.
   */
  private async removeFromPendingDrafts(manager: EntityManager, contentType: ContentType, id: string): Promise<void> {
    // Reference fields of drafts are cleared as the foreign key clears the live rows' (ON DELETE SET NULL).
    for (const owner of contentTypes()) {
      for (const [field, reference] of Object.entries(owner.references)) {
        if (reference.targetType !== contentType.type) continue;
        await manager.query(
          `UPDATE revisions SET snapshot = jsonb_set(snapshot, ARRAY['fields', $2::text], 'null'::jsonb)
           WHERE kind = 'DRAFT' AND document_type = $1 AND snapshot->'fields'->>$2 = $3`,
          [owner.type, field, id],
        );
      }
    }
    for (const { owner, relation: slot } of relationsTargeting(contentType.type)) {
      const listing = `SELECT id, document_id, snapshot FROM revisions WHERE kind = 'DRAFT' AND document_type = $1 AND snapshot->'relations'->$2 ? $3`;
      const found: { document_id: string }[] = await manager.query(listing, [owner.type, slot.name, id]);
      if (found.length === 0) continue;
      // Lock their documents as every edit does, then read the drafts again: no save in between is lost.
      await manager.query(`SELECT id FROM ${owner.table} WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [found.map((draft) => draft.document_id)]);
      const drafts: { id: string; snapshot: DocumentState }[] = await manager.query(listing, [owner.type, slot.name, id]);
      for (const { id: revisionId, snapshot } of drafts) {
        const targets = snapshot.relations[slot.name].filter((target) => target !== id);
        const primary = { ...snapshot.primary };
        if (slot.primary && primary[slot.name] === id) primary[slot.name] = targets[0] ?? null;
        await manager.query('UPDATE revisions SET snapshot = $2 WHERE id = $1', [
          revisionId,
          JSON.stringify({ ...snapshot, relations: { ...snapshot.relations, [slot.name]: targets }, primary }),
        ]);
      }
    }
  }

  /**
   * Resolves references and checks slugs and unique fields; every problem is reported at once
   * with its input path. `current` is the state being edited (none at create).
   */
  async resolveChange(
    writer: DocumentWriter,
    contentType: ContentType,
    request: ChangeRequest,
    path: string,
    documentId: string | null,
    current?: DocumentState,
  ): Promise<DocumentState> {
    const { manager } = writer;
    const errors: FieldError[] = [];
    const change: DocumentState = { fields: { ...request.fields }, relations: {}, primary: {} };
    for (const slot of contentType.relations) {
      const refs = request.relations[slot.name];
      if (refs) {
        const ids = await resolveRefs(manager, slot.targetType, refs, errors);
        if (slot.targetType === contentType.type && documentId && ids.includes(documentId)) {
          errors.push({ path: `${path}.${slot.field}`, message: 'cannot point at the document itself' });
        }
        const seen = new Set<string>();
        ids.forEach((resolved, index) => {
          if (!resolved) return;
          if (seen.has(resolved)) errors.push({ path: refs[index].path, message: 'is listed twice' });
          seen.add(resolved);
        });
        change.relations[slot.name] = ids.filter((resolved): resolved is string => Boolean(resolved));
      }
      const primary = request.primary[slot.name];
      if (primary !== undefined) {
        const [primaryId] = primary ? await resolveRefs(manager, slot.targetType, [primary], errors) : [null];
        change.primary[slot.name] = primaryId ?? null;
        // Checked against the current list when the request leaves it as it is.
        const targets = change.relations[slot.name] ?? current?.relations[slot.name] ?? [];
        if (primaryId && !targets.includes(primaryId)) errors.push({ path: primary?.path ?? path, message: `must be one of ${slot.field}` });
      }
    }
    for (const [field, reference] of Object.entries(contentType.references)) {
      const value = change.fields[field];
      if (typeof value !== 'string') continue;
      const [resolved] = await resolveRefs(manager, reference.targetType, [{ ref: { id: value }, path: `${path}.${reference.inputPath}` }], errors);
      if (resolved && reference.targetType === contentType.type && resolved === documentId) {
        errors.push({ path: `${path}.${reference.inputPath}`, message: 'cannot point at the document itself' });
      }
    }
    for (const check of contentType.changeChecks) await check(manager, change.fields, path, errors);
    // Optional in update inputs is not the same as nullable in the table.
    const columns = manager.connection.getMetadata(contentType.entity).columns;
    for (const [field, value] of Object.entries(change.fields)) {
      const column = columns.find((candidate) => candidate.propertyName === field);
      if (value === null && column && !column.isNullable) errors.push({ path: `${path}.${field}`, message: 'cannot be null' });
    }
    // Slugs and unique fields are checked against other documents' live rows and pending drafts,
    // so that publishing never meets a value another draft was allowed to take.
    for (const field of [...contentType.uniqueFields, 'slug']) {
      const value = change.fields[field];
      if (value === null || value === undefined) continue;
      const [holder] = (await writer.valueHolders(field, [String(value)], documentId ? [documentId] : [])).get(String(value)) ?? [];
      if (holder) errors.push({ path: `${path}.${field}`, message: valueTakenMessage(holder) });
    }
    if (typeof change.fields.slug !== 'string' && !documentId) {
      [change.fields.slug] = await writer.allocateSlugs([contentType.slugSource(change.fields)]);
    }
    if (errors.length > 0) throw AppError.badInput(errors);
    return change;
  }
}
