import { registerReadShape } from '../common/loaders/read-plan';
import { DocumentType } from '../common/documents/document-status';
import { faqsOf } from '../relations/relation-descriptors';
import { Practice } from './practice.entity';

/** How public reads fetch the practice and its practice-wide FAQs. */
export const PRACTICE_READ_SHAPE = registerReadShape({ typeName: 'Practice', entity: Practice, relations: { faqs: faqsOf(DocumentType.PRACTICE) }, computed: {} });
