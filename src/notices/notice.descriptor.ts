import { DocumentType } from '../content/documents/document-status';
import { defineDocumentType } from '../content/document-descriptor';
import { Notice } from './notice.entity';
import { NoticeModel } from './notice.model';

export const NOTICE_TYPE = defineDocumentType({
  type: DocumentType.NOTICE,
  name: 'Notice',
  entity: Notice,
  model: () => NoticeModel,
  fields: ['kind', 'title', 'body', 'languages', 'effectiveDate', 'reviewDate'],
  relations: [],
  search: { titles: (alias) => [`${alias}.title`], bodies: (alias) => [`${alias}.body`] },
  sortName: (alias) => `lower(${alias}.title)`,
  slugSource: (fields) => String(fields.title ?? ''),
  label: (fields) => `Notice "${fields.title}"`,
  read: { relations: {}, computed: {} },
});
