import { DocumentType } from '../content/documents/document-status';
import { defineDocumentType } from '../content/document-descriptor';
import { MEDICAL_REVIEW_FIELDS, medicallyReviewed } from '../medical-review/medical-review.descriptor';
import { Faq } from './faq.entity';
import { FaqModel } from './faq.model';

export const FAQ_TYPE = defineDocumentType({
  type: DocumentType.FAQ,
  name: 'Faq',
  entity: Faq,
  model: () => FaqModel,
  fields: ['question', 'answer', 'tags', ...MEDICAL_REVIEW_FIELDS],
  ...medicallyReviewed(DocumentType.FAQ),
  relations: [],
  search: { titles: (alias) => [`${alias}.question`], bodies: (alias) => [`${alias}.answer`] },
  sortName: (alias) => `lower(${alias}.question)`,
  slugSource: (fields) => String(fields.question ?? ''),
  label: (fields) => `FAQ "${fields.question}"`,
  read: { relations: {}, computed: { medicalReview: MEDICAL_REVIEW_FIELDS, lastReviewed: ['reviewedAt'] } },
});
