import { DocumentType } from '../content/documents/document-status';
import { defineDocumentType } from '../content/document-descriptor';
import { faqPlacements, inverseOf, ownedRelation, withPrimary } from '../content/relations';
import { PROVIDER_TREATMENTS } from '../treatments/treatment.descriptor';
import { Provider } from './provider.entity';
import { ProviderModel } from './provider.model';

/** Offices where the provider sees patients, the primary one first. */
export const PROVIDER_LOCATIONS = withPrimary(
  ownedRelation({
    owner: DocumentType.PROVIDER,
    field: 'locations',
    targetType: DocumentType.LOCATION,
    joinTable: 'provider_locations',
    ownerColumn: 'provider_id',
    targetColumn: 'location_id',
    orderBy: 'j.is_primary DESC, j.position, lower(t.name)',
  }),
  { field: 'primaryLocation' },
);
/** The provider's main office. */
export const PROVIDER_PRIMARY_LOCATION = PROVIDER_LOCATIONS.primary!.relation;
/** Active providers who see patients at an office. */
export const LOCATION_PROVIDERS = inverseOf(PROVIDER_LOCATIONS, {
  owner: DocumentType.LOCATION,
  field: 'providers',
  joinCondition: 't.active',
  orderBy: 'lower(t.last_name), lower(t.first_name)',
});

export const PROVIDER_FAQS = faqPlacements(DocumentType.PROVIDER);

export const PROVIDER_TYPE = defineDocumentType({
  type: DocumentType.PROVIDER,
  name: 'Provider',
  entity: Provider,
  model: () => ProviderModel,
  fields: [
    'prefix',
    'firstName',
    'middleName',
    'lastName',
    'suffix',
    'credentials',
    'displayNameOverride',
    'title',
    'npi',
    'specialties',
    'roles',
    'boardCertifications',
    'licenses',
    'gender',
    'phone',
    'email',
    'website',
    'education',
    'practiceStartYear',
    'experienceMinimumYears',
    'languages',
    'bio',
    'acceptingNewPatients',
    'bookingUrl',
    'active',
  ],
  uniqueFields: ['npi'],
  relations: [PROVIDER_LOCATIONS, PROVIDER_FAQS],
  sync: {
    owned: [
      'prefix',
      'firstName',
      'middleName',
      'lastName',
      'suffix',
      'credentials',
      'npi',
      'specialties',
      'roles',
      'boardCertifications',
      'licenses',
      'gender',
      'phone',
      'email',
      'website',
      'languages',
      'acceptingNewPatients',
      'active',
    ],
    externalIds: { table: 'provider_external_ids', ownerColumn: 'provider_id' },
    relation: PROVIDER_LOCATIONS,
  },
  search: { titles: (alias) => [`${alias}.first_name || ' ' || ${alias}.last_name`, `${alias}.title`], bodies: (alias) => [`${alias}.bio`] },
  sortName: (alias) => `lower(${alias}.last_name || ' ' || ${alias}.first_name)`,
  slugSource: (fields) => `${fields.firstName ?? ''} ${fields.lastName ?? ''}`,
  label: (fields) => `Provider "${fields.firstName} ${fields.lastName}"`,
  read: {
    relations: { locations: PROVIDER_LOCATIONS, primaryLocation: PROVIDER_PRIMARY_LOCATION, treatments: PROVIDER_TREATMENTS, faqs: PROVIDER_FAQS },
    computed: {
      displayName: ['displayNameOverride', 'prefix', 'firstName', 'middleName', 'lastName', 'suffix', 'credentials'],
      yearsOfExperience: ['practiceStartYear'],
      experienceLabel: ['practiceStartYear', 'experienceMinimumYears'],
      // From its own loader, by the provider's id.
      externalIds: [],
    },
  },
});
