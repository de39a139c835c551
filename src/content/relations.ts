import { DocumentType } from './documents/document-status';

/**
 * A relation between documents stored in a join table, read from one side: `treatment.conditions`
 * is `{ joinTable: 'treatment_conditions', ownerColumn: 'treatment_id', targetColumn:
 * 'condition_id' }`. Field resolvers load it through the request loaders, read plans nest it in a
 * page's statement, and list filters test it. `joinCondition` and `orderBy` are SQL over `j` (the
 * join row) and `t` (the target row); the target's id breaks ties.
 */
export interface Relation {
  /** Unique name: the loaders' key within a request, and the key of its target ids in draft snapshots. */
  name: string;
  targetType: DocumentType;
  joinTable: string;
  ownerColumn: string;
  targetColumn: string;
  /** Extra condition on the join row or the target (the FAQ owner type, active providers). */
  joinCondition?: string;
  orderBy: string;
  /** Key of the target ids in a draft snapshot, when it differs from `name` (a primary target). */
  draftKey?: string;
}

/**
 * A relation a document type owns and edits: its join rows are written from the owner's edits
 * and drafts (a treatment's conditions; a page's FAQs). The other side reads the same rows
 * through `inverse`.
 */
export interface OwnedRelation extends Relation {
  ownerType: DocumentType;
  /** The field of create/update inputs that sets it, and of the GraphQL type that reads it. */
  field: string;
  /** Columns every join row gets (FAQ placements: the owner's type). */
  fixedColumns?: Record<string, string>;
  /** The join table marks one target as primary (a provider's main office). */
  primary?: { field: string; relation: Relation };
}

/** Where an owned relation's join rows live and how the owner's side orders them. */
export interface OwnedRelationSpec {
  owner: DocumentType;
  field: string;
  targetType: DocumentType;
  joinTable: string;
  ownerColumn: string;
  targetColumn: string;
  orderBy: string;
  joinCondition?: string;
  fixedColumns?: Record<string, string>;
}

export function ownedRelation(spec: OwnedRelationSpec): OwnedRelation {
  const { owner, ...relation } = spec;
  return { ...relation, ownerType: owner, name: `${owner.toLowerCase()}.${spec.field}` };
}

/** The same join rows read from the target's side (a condition's treatments). */
export function inverseOf(relation: OwnedRelation, inverse: { owner: DocumentType; field: string; orderBy: string; joinCondition?: string }): Relation {
  return {
    name: `${inverse.owner.toLowerCase()}.${inverse.field}`,
    targetType: relation.ownerType,
    joinTable: relation.joinTable,
    ownerColumn: relation.targetColumn,
    targetColumn: relation.ownerColumn,
    orderBy: inverse.orderBy,
    joinCondition: inverse.joinCondition,
  };
}

/** The primary target of an owned relation that marks one (`is_primary`), as a relation of at most one target. */
export function withPrimary(relation: OwnedRelation, primary: { field: string }): OwnedRelation {
  return {
    ...relation,
    primary: {
      field: primary.field,
      relation: {
        name: `${relation.ownerType.toLowerCase()}.${primary.field}`,
        targetType: relation.targetType,
        joinTable: relation.joinTable,
        ownerColumn: relation.ownerColumn,
        targetColumn: relation.targetColumn,
        joinCondition: 'j.is_primary',
        orderBy: 'j.position',
        draftKey: `${relation.name}:primary`,
      },
    },
  };
}

const FAQ_PLACEMENTS_TABLE = 'faq_placements';

/** Whether a relation is the FAQ placements of a page type. */
export function isFaqPlacements(relation: Relation): boolean {
  return relation.joinTable === FAQ_PLACEMENTS_TABLE;
}

/**
 * The FAQs placed on pages of `ownerType`, in their position order. One polymorphic table serves
 * every page type (docs/decisions.md): its rows carry the owner's type.
 */
export function faqPlacements(ownerType: DocumentType): OwnedRelation {
  return {
    name: `faqs.${ownerType}`,
    ownerType,
    field: 'faqs',
    targetType: DocumentType.FAQ,
    joinTable: FAQ_PLACEMENTS_TABLE,
    ownerColumn: 'owner_id',
    targetColumn: 'faq_id',
    joinCondition: `j.owner_type = '${ownerType}'`,
    fixedColumns: { owner_type: ownerType },
    orderBy: 'j.position, lower(t.question)',
  };
}
