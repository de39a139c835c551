import { DocumentType } from '../content/documents/document-status';
import { defineDocumentType } from '../content/document-descriptor';
import { faqPlacements } from '../content/relations';
import { LOCATION_PROVIDERS } from '../providers/provider.descriptor';
import { LOCATION_TREATMENTS } from '../treatments/treatment.descriptor';
import { Location } from './location.entity';
import { LocationModel } from './location.model';

export const LOCATION_FAQS = faqPlacements(DocumentType.LOCATION);

export const LOCATION_TYPE = defineDocumentType({
  type: DocumentType.LOCATION,
  name: 'Location',
  entity: Location,
  model: () => LocationModel,
  fields: [
    'name',
    'description',
    'addressLine1',
    'addressLine2',
    'city',
    'state',
    'postalCode',
    'country',
    'latitude',
    'longitude',
    'phone',
    'fax',
    'email',
    'website',
    'timezone',
    'openingHours',
    'hoursExceptions',
    'parkingNotes',
    'accessibilityNotes',
    'locationTypes',
    'bookingUrl',
    'photos',
  ],
  relations: [LOCATION_FAQS],
  images: ['photos'],
  richText: ['description'],
  sync: {
    owned: [
      'name',
      'addressLine1',
      'addressLine2',
      'city',
      'state',
      'postalCode',
      'phone',
      'fax',
      'email',
      'website',
      'latitude',
      'longitude',
      'timezone',
      'openingHours',
      'hoursExceptions',
      'accessibilityNotes',
      'locationTypes',
    ],
    externalIds: { table: 'location_external_ids', ownerColumn: 'location_id' },
  },
  sortName: (alias) => `lower(${alias}.name)`,
  slugSource: (fields) => String(fields.name ?? ''),
  label: (fields) => `Location "${fields.name}"`,
  read: {
    relations: { providers: LOCATION_PROVIDERS, treatments: LOCATION_TREATMENTS, faqs: LOCATION_FAQS },
    computed: {
      address: ['addressLine1', 'addressLine2', 'city', 'state', 'postalCode', 'country'],
      geo: ['latitude', 'longitude'],
      openNow: ['openingHours', 'hoursExceptions', 'timezone'],
      openStatus: ['openingHours', 'hoursExceptions', 'timezone'],
      hoursExceptions: ['hoursExceptions', 'timezone'],
    },
  },
});
