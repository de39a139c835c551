import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLogService } from '../audit/audit-log.service';
import { Actor } from '../auth/actor';
import { DocumentEntity } from './documents/document.entity';
import { DocumentType } from './documents/document-status';
import { AppError, FieldError } from '../common/errors/app-error';
import { DocumentState } from './content-type';
import { contentTypeOf } from './document-descriptor';
import { DocumentRef, resolveRefs } from './document-refs';
import { mergeState } from './document-state';
import { assertVersion, editableState, lockDocument } from './document-store';
import { DocumentWriter } from './document-writer';
import { EditorialService } from './editorial.service';
import { isFaqPlacements } from './relations';

export interface PageRef extends DocumentRef {
  type: DocumentType;
}

/** Attaching, detaching and ordering the FAQs of a page: edits of the page's draft like any other. */
@Injectable()
export class FaqPlacementsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly editorial: EditorialService,
    private readonly audit: AuditLogService,
  ) {}

  attach(actor: Actor, page: PageRef, version: number, faq: DocumentRef, position: number | null | undefined): Promise<DocumentEntity> {
    return this.changeFaqs(actor, page, version, 'attachFaq', [faq], (current, [faqId]) => {
      const without = current.filter((id) => id !== faqId);
      const at = position === null || position === undefined ? without.length : Math.min(position, without.length);
      return [...without.slice(0, at), faqId, ...without.slice(at)];
    });
  }

  detach(actor: Actor, page: PageRef, version: number, faq: DocumentRef): Promise<DocumentEntity> {
    return this.changeFaqs(actor, page, version, 'detachFaq', [faq], (current, [faqId], errors) => {
      if (!current.includes(faqId)) errors.push({ path: 'input.faq', message: 'is not on this page' });
      return current.filter((id) => id !== faqId);
    });
  }

  reorder(actor: Actor, page: PageRef, version: number, faqs: DocumentRef[]): Promise<DocumentEntity> {
    return this.changeFaqs(actor, page, version, 'reorderFaqs', faqs, (_current, faqIds, errors) => {
      if (new Set(faqIds).size !== faqIds.length) errors.push({ path: 'input.faqs', message: 'lists a FAQ twice' });
      return faqIds;
    });
  }

  private async changeFaqs(
    actor: Actor,
    page: PageRef,
    version: number,
    action: string,
    faqRefs: DocumentRef[],
    change: (current: string[], faqIds: string[], errors: FieldError[]) => string[],
  ): Promise<DocumentEntity> {
    const contentType = contentTypeOf(page.type);
    const slot = contentType.relations.find(isFaqPlacements);
    if (!slot) throw AppError.badInput([{ path: 'input.page.type', message: 'FAQs cannot be placed on this type' }]);
    return this.dataSource.transaction(async (manager) => {
      const errors: FieldError[] = [];
      const [pageId] =
        contentType.singleton && !page.id && !page.slug
          ? [((await manager.query(`SELECT id FROM ${contentType.table} WHERE deleted_at IS NULL LIMIT 1`))[0]?.id as string | undefined) ?? null]
          : await resolveRefs(manager, page.type, [{ ref: page, path: 'input.page' }], errors);
      if (!pageId && errors.length === 0) errors.push({ path: 'input.page', message: 'no such page' });
      const faqIds = await resolveRefs(
        manager,
        DocumentType.FAQ,
        faqRefs.map((ref, index) => ({ ref, path: faqRefs.length === 1 && action !== 'reorderFaqs' ? 'input.faq' : `input.faqs[${index}]` })),
        errors,
      );
      if (errors.length > 0 || !pageId) throw AppError.badInput(errors);
      const locked = await lockDocument(manager, contentType, pageId);
      assertVersion(contentType, locked, version);
      const before: DocumentState = await editableState(manager, contentType, locked);
      const next = change(before.relations[slot.name] ?? [], faqIds as string[], errors);
      if (errors.length > 0) throw AppError.badInput(errors);
      const after = mergeState(contentType, before, { fields: {}, relations: { [slot.name]: next }, primary: {} });
      await this.editorial.saveEditableState(manager, actor, contentType, locked.row, after, locked.version + 1);
      await new DocumentWriter(manager, contentType, actor).writeEvents('document.faqs_changed', [
        { id: pageId, payload: { slug: locked.row.slug, version: locked.version + 1, action, faqs: next } },
      ]);
      await this.audit.record(manager, actor, {
        action,
        documentType: contentType.type,
        documentId: pageId,
        before: { faqs: before.relations[slot.name] ?? [] },
        after: { faqs: next },
      });
      return this.editorial.editorView(manager, contentType, pageId);
    });
  }
}
