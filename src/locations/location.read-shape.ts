import { registerReadShape } from '../common/loaders/read-plan';
import { DocumentType } from '../common/documents/document-status';
import { faqsOf, Relations } from '../relations/relation-descriptors';
import { Location } from './location.entity';

/** How public reads fetch an office and the relations a query selects of it. */
export const LOCATION_READ_SHAPE = registerReadShape({
  typeName: 'Location',
  entity: Location,
  relations: { providers: Relations.locationProviders, treatments: Relations.locationTreatments, faqs: faqsOf(DocumentType.LOCATION) },
  computed: {
    address: ['addressLine1', 'addressLine2', 'city', 'state', 'postalCode', 'country'],
    geo: ['latitude', 'longitude'],
    openNow: ['openingHours', 'hoursExceptions', 'timezone'],
    openStatus: ['openingHours', 'hoursExceptions', 'timezone'],
    hoursExceptions: ['hoursExceptions', 'timezone'],
  },
});
