import { DocumentType } from '../content/documents/document-status';
import { defineDocumentType } from '../content/document-descriptor';
import { MEDICAL_REVIEW_FIELDS, medicallyReviewed } from '../medical-review/medical-review.descriptor';
import { faqPlacements, inverseOf, ownedRelation } from '../content/relations';
import { Treatment } from './treatment.entity';
import { TreatmentModel } from './treatment.model';

/** The conditions a treatment treats, in the order its page lists them. */
export const TREATMENT_CONDITIONS = ownedRelation({
  owner: DocumentType.TREATMENT,
  field: 'conditions',
  targetType: DocumentType.CONDITION,
  joinTable: 'treatment_conditions',
  ownerColumn: 'treatment_id',
  targetColumn: 'condition_id',
  orderBy: 'j.position, lower(t.name)',
});
/** The same rows from a condition's side: the treatments offered for it. */
export const CONDITION_TREATMENTS = inverseOf(TREATMENT_CONDITIONS, { owner: DocumentType.CONDITION, field: 'treatments', orderBy: 'lower(t.title)' });

/** Providers who perform the treatment; a provider who left (inactive, kept by the sync) is no longer listed. */
export const TREATMENT_PROVIDERS = ownedRelation({
  owner: DocumentType.TREATMENT,
  field: 'providers',
  targetType: DocumentType.PROVIDER,
  joinTable: 'treatment_providers',
  ownerColumn: 'treatment_id',
  targetColumn: 'provider_id',
  joinCondition: 't.active',
  orderBy: 'j.position, lower(t.last_name), lower(t.first_name)',
});
export const PROVIDER_TREATMENTS = inverseOf(TREATMENT_PROVIDERS, { owner: DocumentType.PROVIDER, field: 'treatments', orderBy: 'lower(t.title)' });

/** Offices where the treatment is offered. */
export const TREATMENT_LOCATIONS = ownedRelation({
  owner: DocumentType.TREATMENT,
  field: 'locations',
  targetType: DocumentType.LOCATION,
  joinTable: 'treatment_locations',
  ownerColumn: 'treatment_id',
  targetColumn: 'location_id',
  orderBy: 'j.position, lower(t.name)',
});
export const LOCATION_TREATMENTS = inverseOf(TREATMENT_LOCATIONS, { owner: DocumentType.LOCATION, field: 'treatments', orderBy: 'lower(t.title)' });

/** Other treatments to suggest alongside this one. */
export const RELATED_TREATMENTS = ownedRelation({
  owner: DocumentType.TREATMENT,
  field: 'relatedTreatments',
  targetType: DocumentType.TREATMENT,
  joinTable: 'related_treatments',
  ownerColumn: 'treatment_id',
  targetColumn: 'related_treatment_id',
  orderBy: 'j.position, lower(t.title)',
});

export const TREATMENT_FAQS = faqPlacements(DocumentType.TREATMENT);

export const TREATMENT_TYPE = defineDocumentType({
  type: DocumentType.TREATMENT,
  name: 'Treatment',
  entity: Treatment,
  model: () => TreatmentModel,
  fields: [
    'title',
    'summary',
    'body',
    'category',
    'setting',
    'invasiveness',
    'anesthesia',
    'typicalDuration',
    'preparation',
    'recovery',
    'followUp',
    'risks',
    'benefits',
    'trialAvailable',
    'trialDetails',
    ...MEDICAL_REVIEW_FIELDS,
  ],
  ...medicallyReviewed(DocumentType.TREATMENT),
  relations: [TREATMENT_CONDITIONS, TREATMENT_PROVIDERS, TREATMENT_LOCATIONS, RELATED_TREATMENTS, TREATMENT_FAQS],
  search: { titles: (alias) => [`${alias}.title`], bodies: (alias) => [`${alias}.summary`, `${alias}.body`] },
  sortName: (alias) => `lower(${alias}.title)`,
  slugSource: (fields) => String(fields.title ?? ''),
  label: (fields) => `Treatment "${fields.title}"`,
  read: {
    relations: {
      conditions: TREATMENT_CONDITIONS,
      faqs: TREATMENT_FAQS,
      providers: TREATMENT_PROVIDERS,
      locations: TREATMENT_LOCATIONS,
      relatedTreatments: RELATED_TREATMENTS,
    },
    computed: {
      procedure: ['setting', 'invasiveness', 'anesthesia', 'typicalDuration', 'preparation', 'recovery', 'followUp', 'risks'],
      medicalReview: MEDICAL_REVIEW_FIELDS,
      lastReviewed: ['reviewedAt'],
    },
  },
});
