import { RelationDescriptor } from '../common/loaders/request-loaders';
import { Condition } from '../conditions/condition.entity';
import { Faq } from '../faqs/faq.entity';
import { Location } from '../locations/location.entity';
import { Provider } from '../providers/provider.entity';
import { Treatment } from '../treatments/treatment.entity';
import { DocumentType } from '../common/documents/document-status';
import { publicVisibility } from '../common/documents/visibility';
import { CacheTags, recordRead } from '../common/cache-tags';

/**
 * Every relation between content types, seen from each side. Field resolvers load them through
 * RequestLoaders.related and list filters test them with relatedSlugCondition, so each join
 * table is described once.
 */
export const Relations = {
  treatmentConditions: {
    name: 'treatment.conditions', target: Condition, joinTable: 'treatment_conditions',
    ownerColumn: 'treatment_id', targetColumn: 'condition_id', orderBy: 'j.position, lower(t.name)',
  } satisfies RelationDescriptor<Condition>,
  conditionTreatments: {
    name: 'condition.treatments', target: Treatment, joinTable: 'treatment_conditions',
    ownerColumn: 'condition_id', targetColumn: 'treatment_id', orderBy: 'lower(t.title)',
  } satisfies RelationDescriptor<Treatment>,
  treatmentProviders: {
    name: 'treatment.providers', target: Provider, joinTable: 'treatment_providers',
    // A provider who left (inactive, kept by the sync) is no longer listed on treatment pages.
    ownerColumn: 'treatment_id', targetColumn: 'provider_id', joinCondition: 't.active', orderBy: 'j.position, lower(t.last_name), lower(t.first_name)',
  } satisfies RelationDescriptor<Provider>,
  providerTreatments: {
    name: 'provider.treatments', target: Treatment, joinTable: 'treatment_providers',
    ownerColumn: 'provider_id', targetColumn: 'treatment_id', orderBy: 'lower(t.title)',
  } satisfies RelationDescriptor<Treatment>,
  treatmentLocations: {
    name: 'treatment.locations', target: Location, joinTable: 'treatment_locations',
    ownerColumn: 'treatment_id', targetColumn: 'location_id', orderBy: 'j.position, lower(t.name)',
  } satisfies RelationDescriptor<Location>,
  locationTreatments: {
    name: 'location.treatments', target: Treatment, joinTable: 'treatment_locations',
    ownerColumn: 'location_id', targetColumn: 'treatment_id', orderBy: 'lower(t.title)',
  } satisfies RelationDescriptor<Treatment>,
  relatedTreatments: {
    name: 'treatment.relatedTreatments', target: Treatment, joinTable: 'related_treatments',
    ownerColumn: 'treatment_id', targetColumn: 'related_treatment_id', orderBy: 'j.position, lower(t.title)',
  } satisfies RelationDescriptor<Treatment>,
  providerLocations: {
    name: 'provider.locations', target: Location, joinTable: 'provider_locations',
    ownerColumn: 'provider_id', targetColumn: 'location_id', orderBy: 'j.is_primary DESC, j.position, lower(t.name)',
  } satisfies RelationDescriptor<Location>,
  providerPrimaryLocation: {
    name: 'provider.primaryLocation', target: Location, joinTable: 'provider_locations',
    ownerColumn: 'provider_id', targetColumn: 'location_id', joinCondition: 'j.is_primary', orderBy: 'j.position', draftKey: 'provider.locations:primary',
  } satisfies RelationDescriptor<Location>,
  locationProviders: {
    name: 'location.providers', target: Provider, joinTable: 'provider_locations',
    ownerColumn: 'location_id', targetColumn: 'provider_id', joinCondition: 't.active', orderBy: 'lower(t.last_name), lower(t.first_name)',
  } satisfies RelationDescriptor<Provider>,
};

/** The FAQs placed on a page of the given type, in their position order. */
export function faqsOf(ownerType: DocumentType): RelationDescriptor<Faq> {
  return {
    name: `faqs.${ownerType}`, target: Faq, joinTable: 'faq_placements', ownerColumn: 'owner_id', targetColumn: 'faq_id',
    joinCondition: `j.owner_type = '${ownerType}'`, orderBy: 'j.position, lower(t.question)',
  };
}

/**
 * SQL that holds when the document aliased `alias` is related (through `relation`, seen from its
 * side) to a visible document with the slug in parameter `parameter`: exactly when the relation
 * field would list that document, so the relation's own condition applies too.
 */
export function relatedSlugCondition(relation: RelationDescriptor<any>, tableOfTarget: string, alias: string, parameter: string): string {
  // Which documents pass the filter changes with writes to the related type too.
  recordRead(CacheTags.list(tableOfTarget));
  return `EXISTS (SELECT 1 FROM ${relation.joinTable} j JOIN ${tableOfTarget} t ON t.id = j.${relation.targetColumn}
    WHERE j.${relation.ownerColumn} = ${alias}.id AND t.slug = :${parameter} AND ${publicVisibility('t')} AND (${relation.joinCondition ?? 'TRUE'}))`;
}
