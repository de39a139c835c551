import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLogService } from '../audit/audit-log.service';
import { Actor } from '../auth/actor';
import { DocumentEntity } from './documents/document.entity';
import { DocumentStatus } from './documents/document-status';
import { AppError, ErrorCode } from '../common/errors/app-error';
import { Revision } from './revisions/revision.entity';
import { DocumentState } from './content-type';
import { ContentType, PublishFinding } from './document-descriptor';
import { ChangedDocuments, ContentChanges } from './content-changes';
import { contentTypeOf } from './document-descriptor';
import { readLiveState } from './document-state';
import { DocumentWriter } from './document-writer';
import { assertVersion, editableState, LockedDocument, lockDocument } from './document-store';
import { EditorialService } from './editorial.service';
import { ScheduledAction, ScheduledActionKind, ScheduledActionStatus } from './scheduled-action.entity';
import { unpublishedDependencies } from './dependencies';

/** A finding of a publish check that did not refuse the publish; resolvers return it in the response's `extensions.warnings`. */
export interface PublishWarning {
  code: string;
  documentType: string;
  documentId: string;
  message: string;
  fields: string[];
}

/** Publishing, unpublishing, drafts, revisions and schedules, for every content type. */
@Injectable()
export class PublishingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly editorial: EditorialService,
    private readonly audit: AuditLogService,
    private readonly changes: ContentChanges,
  ) {}

  /** Publishes; what the type's publish checks warn about is added to `warnings`. */
  async publish(actor: Actor, contentType: ContentType, id: string, version: number, warnings: PublishWarning[] = []): Promise<DocumentEntity> {
    return this.changes.transaction(async (manager, changes) => {
      const locked = await lockDocument(manager, contentType, id);
      assertVersion(contentType, locked, version);
      await this.publishLocked(manager, actor, contentType, locked, changes, warnings);
      return this.editorial.editorView(manager, contentType, id);
    });
  }

  /**
   * Makes the editable state live: row and join rows take the draft's values, the draft becomes
   * a PUBLISHED revision, and an event is written for caches and webhooks.
   */
  private async publishLocked(
    manager: EntityManager,
    actor: Actor,
    contentType: ContentType,
    locked: LockedDocument,
    changes: ChangedDocuments,
    warnings: PublishWarning[] = [],
  ): Promise<void> {
    const { row, draft } = locked;
    if (row.status === DocumentStatus.PUBLISHED && !draft) return;
    const state = await editableState(manager, contentType, locked);
    await this.runPublishChecks(manager, contentType, row, state, warnings);
    await changes.before(manager, contentType, [row.id]);
    const before = row.status === DocumentStatus.PUBLISHED ? await readLiveState(manager, contentType, row) : null;
    const newVersion = locked.version + 1;
    const writer = new DocumentWriter(manager, contentType, actor);
    await writer.applyStates([{ row, state, version: newVersion, status: DocumentStatus.PUBLISHED, publish: true }]);
    if (draft) await writer.deleteDrafts([row.id]);
    // A renamed page's old path needs revalidating too: webhooks carry both slugs.
    const previousSlug = before && before.fields.slug !== state.fields.slug ? before.fields.slug : undefined;
    await writer.recordPublished([{ id: row.id, version: newVersion, state, payload: previousSlug ? { previousSlug } : undefined }]);
    const [dependencies] = await unpublishedDependencies(manager, contentType, [state]);
    await this.audit.record(manager, actor, {
      action: `publish${contentType.name}`,
      documentType: contentType.type,
      documentId: row.id,
      before,
      after: { ...state, unpublishedDependencies: dependencies },
    });
  }

  /** Refuses the publish on a blocking finding (all of them named at once); the others become warnings. */
  private async runPublishChecks(
    manager: EntityManager,
    contentType: ContentType,
    row: DocumentEntity,
    state: DocumentState,
    warnings: PublishWarning[],
  ): Promise<void> {
    const findings: PublishFinding[] = [];
    for (const check of contentType.publishChecks) findings.push(...(await check(manager, contentType, row.id, state)));
    const blocking = findings.filter((finding) => finding.blocking);
    if (blocking.length > 0) {
      throw new AppError(
        ErrorCode.BAD_USER_INPUT,
        `${contentType.label(state.fields)} cannot be published: ${blocking.map((finding) => finding.message).join('; ')}`,
        {
          reason: blocking[0].code,
          documentId: row.id,
          fields: blocking.flatMap((finding) => finding.fields.map((field) => ({ path: field, message: finding.message }))),
        },
      );
    }
    for (const finding of findings)
      warnings.push({ code: finding.code, documentType: contentType.type, documentId: row.id, message: finding.message, fields: finding.fields });
  }

  async unpublish(actor: Actor, contentType: ContentType, id: string, version: number): Promise<DocumentEntity> {
    return this.changes.transaction(async (manager, changes) => {
      const locked = await lockDocument(manager, contentType, id);
      assertVersion(contentType, locked, version);
      await this.unpublishLocked(manager, actor, contentType, locked, changes);
      return this.editorial.editorView(manager, contentType, id);
    });
  }

  private async unpublishLocked(
    manager: EntityManager,
    actor: Actor,
    contentType: ContentType,
    locked: LockedDocument,
    changes: ChangedDocuments,
  ): Promise<void> {
    const { row, draft } = locked;
    if (row.status !== DocumentStatus.PUBLISHED) throw AppError.conflict(`${contentType.label(row)} is not published`);
    await changes.before(manager, contentType, [row.id]);
    const newVersion = locked.version + 1;
    const writer = new DocumentWriter(manager, contentType, actor);
    if (draft) {
      // Nothing is live any more, so the pending edits become the working state in the row.
      await writer.applyStates([{ row, state: draft.snapshot, version: newVersion, status: DocumentStatus.DRAFT }]);
      await writer.deleteDrafts([row.id]);
    } else {
      await writer.updateRows([{ id: row.id, fields: {}, version: newVersion, status: DocumentStatus.DRAFT }]);
    }
    await writer.writeEvents('document.unpublished', [{ id: row.id, payload: { slug: row.slug, version: newVersion } }]);
    await this.audit.record(manager, actor, {
      action: `unpublish${contentType.name}`,
      documentType: contentType.type,
      documentId: row.id,
      before: { status: row.status },
      after: { status: DocumentStatus.DRAFT },
    });
  }

  /** Drops the pending draft of a published document; the live version stays as it is. */
  async discardDraft(actor: Actor, contentType: ContentType, id: string, version: number): Promise<DocumentEntity> {
    return this.dataSource.transaction(async (manager) => {
      const locked = await lockDocument(manager, contentType, id);
      assertVersion(contentType, locked, version);
      if (!locked.draft) throw AppError.conflict(`${contentType.label(locked.row)} has no pending draft to discard`);
      await manager.delete(Revision, { id: locked.draft.id });
      // The version moves on so that an editor still holding the draft cannot save over it.
      await manager.query(`UPDATE ${contentType.table} SET version = $2 WHERE id = $1`, [id, locked.version + 1]);
      await this.audit.record(manager, actor, {
        action: `discard${contentType.name}Draft`,
        documentType: contentType.type,
        documentId: id,
        before: locked.draft.snapshot,
      });
      return this.editorial.editorView(manager, contentType, id);
    });
  }

  /** Copies a past revision into the editable state (the draft of a live document). */
  async restoreRevision(actor: Actor, contentType: ContentType, id: string, revisionId: string, version: number): Promise<DocumentEntity> {
    return this.dataSource.transaction(async (manager) => {
      const locked = await lockDocument(manager, contentType, id);
      assertVersion(contentType, locked, version);
      const revision = await manager.findOne(Revision, { where: { id: revisionId, documentType: contentType.type, documentId: id } });
      if (!revision) throw AppError.badInput([{ path: 'input.revisionId', message: `is not a revision of this ${contentType.name.toLowerCase()}` }]);
      const before = await editableState(manager, contentType, locked);
      const restored = await this.withoutMissingTargets(manager, contentType, revision.snapshot);
      // A restored slug another document took since then cannot come back: keep the current one.
      const [clash] = await manager.query(`SELECT 1 FROM ${contentType.table} WHERE slug = $1 AND id <> $2`, [restored.fields.slug, id]);
      if (clash) restored.fields.slug = before.fields.slug;
      await this.editorial.saveEditableState(manager, actor, contentType, locked.row, restored, locked.version + 1);
      await this.audit.record(manager, actor, {
        action: `restore${contentType.name}Revision`,
        documentType: contentType.type,
        documentId: id,
        before: before,
        after: { ...restored, revisionId },
      });
      return this.editorial.editorView(manager, contentType, id);
    });
  }

  /** Relation targets purged since a revision was taken are left out of it. */
  private async withoutMissingTargets(manager: EntityManager, contentType: ContentType, state: DocumentState): Promise<DocumentState> {
    const relations: Record<string, string[]> = {};
    const primary: Record<string, string | null> = { ...state.primary };
    for (const slot of contentType.relations) {
      const ids = state.relations[slot.name] ?? [];
      const existing: { id: string }[] = ids.length
        ? await manager.query(`SELECT id FROM ${contentTypeOf(slot.targetType).table} WHERE id = ANY($1::uuid[])`, [ids])
        : [];
      const found = new Set(existing.map((row) => row.id));
      relations[slot.name] = ids.filter((target) => found.has(target));
      if (slot.primary && primary[slot.name] && !found.has(primary[slot.name] as string)) primary[slot.name] = relations[slot.name][0] ?? null;
    }
    const fields = { ...state.fields };
    for (const [field, reference] of Object.entries(contentType.references)) {
      const id = fields[field];
      if (typeof id !== 'string') continue;
      const [existing] = await manager.query(`SELECT 1 FROM ${contentTypeOf(reference.targetType).table} WHERE id = $1`, [id]);
      if (!existing) fields[field] = null;
    }
    return { fields, relations, primary };
  }

  async schedule(actor: Actor, contentType: ContentType, id: string, action: ScheduledActionKind, at: Date): Promise<ScheduledAction> {
    if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw AppError.badInput([{ path: 'input.at', message: 'must be a date-time' }]);
    if (at.getTime() < Date.now() - 60_000) throw AppError.badInput([{ path: 'input.at', message: 'must not be in the past' }]);
    return this.dataSource.transaction(async (manager) => {
      await lockDocument(manager, contentType, id);
      const scheduled = await manager.save(
        manager.create(ScheduledAction, {
          documentType: contentType.type,
          documentId: id,
          action,
          runAt: at,
          createdBy: actor.id,
          createdByLabel: actor.label,
        }),
      );
      await this.audit.record(manager, actor, {
        action: action === ScheduledActionKind.PUBLISH ? `schedulePublish${contentType.name}` : `scheduleUnpublish${contentType.name}`,
        documentType: contentType.type,
        documentId: id,
        after: { runAt: at.toISOString(), scheduledActionId: scheduled.id },
      });
      return scheduled;
    });
  }

  async cancelScheduledAction(actor: Actor, scheduledActionId: string): Promise<ScheduledAction> {
    return this.dataSource.transaction(async (manager) => {
      const scheduled = await manager
        .getRepository(ScheduledAction)
        .createQueryBuilder('s')
        .setLock('pessimistic_write')
        .where('s.id = :id', { id: scheduledActionId })
        .getOne();
      if (!scheduled) throw AppError.notFound(`Scheduled action ${scheduledActionId}`);
      if (scheduled.status !== ScheduledActionStatus.PENDING) throw AppError.conflict(`The scheduled action is already ${scheduled.status.toLowerCase()}`);
      scheduled.status = ScheduledActionStatus.CANCELLED;
      await manager.save(scheduled);
      await this.audit.record(manager, actor, {
        action: 'cancelScheduledAction',
        documentType: scheduled.documentType,
        documentId: scheduled.documentId,
        after: { scheduledActionId, status: 'CANCELLED' },
      });
      return scheduled;
    });
  }

  /**
   * Runs one due scheduled action, if any, claiming it with FOR UPDATE SKIP LOCKED so that with
   * several app instances each action runs exactly once. Returns whether one was run.
   */
  async runNextDueAction(actor: Actor): Promise<boolean> {
    let failure: { id: string; message: string } | null = null;
    const ran = await this.changes.transaction(async (manager, changes) => {
      const [due] = await manager.query(
        `SELECT id FROM scheduled_actions WHERE status = 'PENDING' AND run_at <= now() ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      );
      if (!due) return false;
      const scheduled = await manager.findOneByOrFail(ScheduledAction, { id: due.id });
      const contentType = contentTypeOf(scheduled.documentType);
      try {
        await manager.query('SAVEPOINT scheduled_action');
        const locked = await lockDocument(manager, contentType, scheduled.documentId);
        if (scheduled.action === ScheduledActionKind.PUBLISH) await this.publishLocked(manager, actor, contentType, locked, changes);
        else if (locked.row.status === DocumentStatus.PUBLISHED) await this.unpublishLocked(manager, actor, contentType, locked, changes);
        await manager.update(
          ScheduledAction,
          { id: scheduled.id },
          { status: ScheduledActionStatus.DONE, executedAt: new Date(), attempts: scheduled.attempts + 1 },
        );
      } catch (error) {
        await manager.query('ROLLBACK TO SAVEPOINT scheduled_action');
        failure = { id: scheduled.id, message: error instanceof Error ? error.message : String(error) };
        await manager.update(
          ScheduledAction,
          { id: scheduled.id },
          { status: ScheduledActionStatus.FAILED, executedAt: new Date(), attempts: scheduled.attempts + 1, lastError: failure.message },
        );
      }
      return true;
    });
    return ran || failure !== null;
  }
}
