import { DocumentType } from '../content/documents/document-status';
import { defineDocumentType } from '../content/document-descriptor';
import { MEDICAL_REVIEW_FIELDS, medicallyReviewed } from '../medical-review/medical-review.descriptor';
import { faqPlacements } from '../content/relations';
import { CONDITION_TREATMENTS } from '../treatments/treatment.descriptor';
import { Condition } from './condition.entity';
import { ConditionModel } from './condition.model';

export const CONDITION_FAQS = faqPlacements(DocumentType.CONDITION);

export const CONDITION_TYPE = defineDocumentType({
  type: DocumentType.CONDITION,
  name: 'Condition',
  entity: Condition,
  model: () => ConditionModel,
  fields: ['name', 'aliases', 'summary', 'body', 'bodyRegion', 'symptoms', 'icd10Codes', ...MEDICAL_REVIEW_FIELDS],
  ...medicallyReviewed(DocumentType.CONDITION),
  relations: [CONDITION_FAQS],
  search: {
    titles: (alias) => [`${alias}.name`, `array_to_string(${alias}.aliases, ' ')`],
    bodies: (alias) => [`${alias}.summary`, `array_to_string(${alias}.symptoms, ' ')`, `${alias}.body`],
  },
  sortName: (alias) => `lower(${alias}.name)`,
  slugSource: (fields) => String(fields.name ?? ''),
  label: (fields) => `Condition "${fields.name}"`,
  read: {
    relations: { treatments: CONDITION_TREATMENTS, faqs: CONDITION_FAQS },
    computed: { medicalReview: MEDICAL_REVIEW_FIELDS, lastReviewed: ['reviewedAt'] },
  },
});
