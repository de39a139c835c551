import { DocumentType } from '../content/documents/document-status';
import { defineDocumentType } from '../content/document-descriptor';
import { faqPlacements } from '../content/relations';
import { Practice } from './practice.entity';
import { PracticeModel } from './practice.model';

export const PRACTICE_FAQS = faqPlacements(DocumentType.PRACTICE);

export const PRACTICE_TYPE = defineDocumentType({
  type: DocumentType.PRACTICE,
  name: 'Practice',
  entity: Practice,
  model: () => PracticeModel,
  fields: ['name', 'description', 'mainPhone', 'npi', 'website', 'bookingUrl', 'socialProfiles', 'specialty'],
  relations: [PRACTICE_FAQS],
  sortName: (alias) => `lower(${alias}.name)`,
  slugSource: (fields) => String(fields.name ?? ''),
  label: (fields) => `Practice "${fields.name}"`,
  // `notices` and `compliance` (src/notices/) read the notices table, no practice column.
  read: { relations: { faqs: PRACTICE_FAQS }, computed: { notices: [], compliance: [] } },
  singleton: true,
});
