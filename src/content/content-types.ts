import { DocumentType } from '../common/documents/document-status';
import { Condition } from '../conditions/condition.entity';
import { Faq } from '../faqs/faq.entity';
import { Location } from '../locations/location.entity';
import { Practice } from '../practice/practice.entity';
import { Provider } from '../providers/provider.entity';
import { Relations, faqsOf } from '../relations/relation-descriptors';
import { Treatment } from '../treatments/treatment.entity';
import { ContentType, RelationSlot } from './content-type';

const SEO_FIELDS = ['slug', 'metaTitle', 'metaDescription', 'canonicalUrl', 'noindex'];

function faqSlot(ownerType: DocumentType): RelationSlot {
  return {
    name: faqsOf(ownerType).name, inputField: 'faqs', joinTable: 'faq_placements', ownerColumn: 'owner_id', targetColumn: 'faq_id',
    targetType: DocumentType.FAQ, fixedColumns: { owner_type: ownerType },
  };
}

export const TREATMENT_TYPE: ContentType<Treatment> = {
  type: DocumentType.TREATMENT,
  name: 'Treatment',
  entity: Treatment,
  table: 'treatments',
  fields: [...SEO_FIELDS, 'title', 'summary', 'body', 'category', 'setting', 'invasiveness', 'anesthesia', 'typicalDuration', 'preparation', 'recovery', 'followUp', 'risks', 'benefits', 'trialAvailable', 'trialDetails'],
  slugSource: (fields) => String(fields.title ?? ''),
  label: (fields) => `Treatment "${fields.title}"`,
  relations: [
    { name: Relations.treatmentConditions.name, inputField: 'conditions', joinTable: 'treatment_conditions', ownerColumn: 'treatment_id', targetColumn: 'condition_id', targetType: DocumentType.CONDITION },
    { name: Relations.treatmentProviders.name, inputField: 'providers', joinTable: 'treatment_providers', ownerColumn: 'treatment_id', targetColumn: 'provider_id', targetType: DocumentType.PROVIDER },
    { name: Relations.treatmentLocations.name, inputField: 'locations', joinTable: 'treatment_locations', ownerColumn: 'treatment_id', targetColumn: 'location_id', targetType: DocumentType.LOCATION },
    { name: Relations.relatedTreatments.name, inputField: 'relatedTreatments', joinTable: 'related_treatments', ownerColumn: 'treatment_id', targetColumn: 'related_treatment_id', targetType: DocumentType.TREATMENT },
    faqSlot(DocumentType.TREATMENT),
  ],
};

export const CONDITION_TYPE: ContentType<Condition> = {
  type: DocumentType.CONDITION,
  name: 'Condition',
  entity: Condition,
  table: 'conditions',
  fields: [...SEO_FIELDS, 'name', 'aliases', 'summary', 'body', 'bodyRegion', 'symptoms', 'icd10Codes'],
  slugSource: (fields) => String(fields.name ?? ''),
  label: (fields) => `Condition "${fields.name}"`,
  relations: [faqSlot(DocumentType.CONDITION)],
};

export const FAQ_TYPE: ContentType<Faq> = {
  type: DocumentType.FAQ,
  name: 'Faq',
  entity: Faq,
  table: 'faqs',
  fields: [...SEO_FIELDS, 'question', 'answer', 'tags'],
  slugSource: (fields) => String(fields.question ?? ''),
  label: (fields) => `FAQ "${fields.question}"`,
  relations: [],
};

export const LOCATION_TYPE: ContentType<Location> = {
  type: DocumentType.LOCATION,
  name: 'Location',
  entity: Location,
  table: 'locations',
  fields: [
    ...SEO_FIELDS, 'name', 'description', 'addressLine1', 'addressLine2', 'city', 'state', 'postalCode', 'country', 'latitude', 'longitude',
    'phone', 'fax', 'email', 'timezone', 'openingHours', 'hoursExceptions', 'parkingNotes', 'accessibilityNotes', 'bookingUrl',
  ],
  slugSource: (fields) => String(fields.name ?? ''),
  label: (fields) => `Location "${fields.name}"`,
  relations: [faqSlot(DocumentType.LOCATION)],
};

export const PROVIDER_TYPE: ContentType<Provider> = {
  type: DocumentType.PROVIDER,
  name: 'Provider',
  entity: Provider,
  table: 'providers',
  fields: [
    ...SEO_FIELDS, 'prefix', 'firstName', 'middleName', 'lastName', 'suffix', 'credentials', 'displayNameOverride', 'title', 'npi', 'specialties',
    'boardCertifications', 'education', 'practiceStartYear', 'languages', 'bio', 'acceptingNewPatients', 'bookingUrl', 'active',
  ],
  slugSource: (fields) => `${fields.firstName ?? ''} ${fields.lastName ?? ''}`,
  label: (fields) => `Provider "${fields.firstName} ${fields.lastName}"`,
  uniqueFields: ['npi'],
  relations: [
    { name: Relations.providerLocations.name, inputField: 'locations', joinTable: 'provider_locations', ownerColumn: 'provider_id', targetColumn: 'location_id', targetType: DocumentType.LOCATION, hasPrimary: true, primaryInputField: 'primaryLocation' },
    faqSlot(DocumentType.PROVIDER),
  ],
};

export const PRACTICE_TYPE: ContentType<Practice> = {
  type: DocumentType.PRACTICE,
  name: 'Practice',
  entity: Practice,
  table: 'practice',
  fields: [...SEO_FIELDS, 'name', 'description', 'mainPhone', 'website', 'bookingUrl', 'socialProfiles', 'specialty'],
  slugSource: (fields) => String(fields.name ?? ''),
  label: (fields) => `Practice "${fields.name}"`,
  relations: [faqSlot(DocumentType.PRACTICE)],
  singleton: true,
};

export const CONTENT_TYPES: ContentType<any>[] = [TREATMENT_TYPE, CONDITION_TYPE, FAQ_TYPE, LOCATION_TYPE, PROVIDER_TYPE, PRACTICE_TYPE];

export function contentTypeOf(type: DocumentType): ContentType<any> {
  const found = CONTENT_TYPES.find((candidate) => candidate.type === type);
  if (!found) throw new Error(`No content type ${type}`);
  return found;
}

/** Every slot, of any owner type, that points at documents of `type`: who can reference it. */
export function slotsTargeting(type: DocumentType): { owner: ContentType<any>; slot: RelationSlot }[] {
  return CONTENT_TYPES.flatMap((owner) => owner.relations.filter((slot) => slot.targetType === type).map((slot) => ({ owner, slot })));
}
