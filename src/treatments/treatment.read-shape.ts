import { registerReadShape } from '../common/loaders/read-plan';
import { DocumentType } from '../common/documents/document-status';
import { faqsOf, Relations } from '../relations/relation-descriptors';
import { Treatment } from './treatment.entity';

/** How public reads fetch a treatment and the relations a query selects of it. */
export const TREATMENT_READ_SHAPE = registerReadShape({
  typeName: 'Treatment',
  entity: Treatment,
  relations: {
    conditions: Relations.treatmentConditions,
    faqs: faqsOf(DocumentType.TREATMENT),
    providers: Relations.treatmentProviders,
    locations: Relations.treatmentLocations,
    relatedTreatments: Relations.relatedTreatments,
  },
  computed: { procedure: ['setting', 'invasiveness', 'anesthesia', 'typicalDuration', 'preparation', 'recovery', 'followUp', 'risks'] },
});
