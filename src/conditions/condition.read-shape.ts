import { registerReadShape } from '../common/loaders/read-plan';
import { DocumentType } from '../common/documents/document-status';
import { faqsOf, Relations } from '../relations/relation-descriptors';
import { Condition } from './condition.entity';

/** How public reads fetch a condition and the relations a query selects of it. */
export const CONDITION_READ_SHAPE = registerReadShape({
  typeName: 'Condition',
  entity: Condition,
  relations: { treatments: Relations.conditionTreatments, faqs: faqsOf(DocumentType.CONDITION) },
  computed: {},
});
