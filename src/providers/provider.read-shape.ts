import { registerReadShape } from '../common/loaders/read-plan';
import { DocumentType } from '../common/documents/document-status';
import { faqsOf, Relations } from '../relations/relation-descriptors';
import { Provider } from './provider.entity';

/** How public reads fetch a provider and the relations a query selects of it. */
export const PROVIDER_READ_SHAPE = registerReadShape({
  typeName: 'Provider',
  entity: Provider,
  relations: {
    locations: Relations.providerLocations,
    primaryLocation: Relations.providerPrimaryLocation,
    treatments: Relations.providerTreatments,
    faqs: faqsOf(DocumentType.PROVIDER),
  },
  computed: {
    displayName: ['displayNameOverride', 'prefix', 'firstName', 'middleName', 'lastName', 'suffix', 'credentials'],
    yearsOfExperience: ['practiceStartYear'],
    // From its own loader, by the provider's id.
    externalIds: [],
  },
  // Office pages list active providers only (LocationsResolver.providers).
  alwaysRead: ['active'],
});
