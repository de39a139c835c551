import { type Type } from '@nestjs/common';
import { type EntityManager, getMetadataArgsStorage } from 'typeorm';
import { type FieldError } from '../common/errors/app-error';
import { type DocumentState } from './content-type';
import { type DocumentEntity } from './documents/document.entity';
import { type DocumentType } from './documents/document-status';
import { type OwnedRelation, type Relation } from './relations';

/** Fields every document has that editors change, besides its type's own. */
export const COMMON_EDITABLE_FIELDS = ['slug', 'metaTitle', 'metaDescription', 'canonicalUrl', 'noindex'] as const;

/** Workflow columns of every document, written by the mechanism itself, never by an edit. */
export const WORKFLOW_COLUMNS = [
  'id',
  'status',
  'version',
  'createdAt',
  'updatedAt',
  'createdBy',
  'updatedBy',
  'publishedAt',
  'firstPublishedAt',
  'deletedAt',
] as const;

type Property<E> = Extract<keyof E, string>;

/** A field holding the id of another document (no join table): who it points at, and where inputs set it. */
export interface FieldReference {
  targetType: DocumentType;
  /** Path of the value in edit inputs, below the input root ("medicalReview.reviewedById"). */
  inputPath: string;
}

/**
 * Checks (and completes) the fields of an edit before it is stored, with database access: push
 * problems to `errors` with their input path under `path`. Runs after references are resolved.
 */
export type ChangeCheck = (manager: EntityManager, fields: Record<string, unknown>, path: string, errors: FieldError[]) => Promise<void>;

/** Something publishing found about the state being made live. */
export interface PublishFinding {
  /** Machine-readable ("MEDICAL_REVIEW_MISSING"). */
  code: string;
  message: string;
  /** What is missing or out of date, as field names ("medicalReview.reviewedAt"). */
  fields: string[];
  /** Refuses the publish (else it is a warning in the response). */
  blocking: boolean;
}

/** Looks at the state a publish is about to make live; findings are warnings or refusals. */
export type PublishCheck = (manager: EntityManager, contentType: ContentType, documentId: string, state: DocumentState) => Promise<PublishFinding[]>;

/**
 * Everything the document mechanism needs to know about one content type, declared once next to
 * its entity (`<feature>/<feature>.descriptor.ts`) and registered with `defineDocumentType`.
 * Editing, drafts, revisions, publishing, trash, the read plans, list filters, provider sync and
 * the docs all read it; `content/` itself knows no content type.
 */
export interface DocumentDescriptor<E extends DocumentEntity = DocumentEntity> {
  type: DocumentType;
  /** GraphQL type name ("Treatment"); mutation names and messages use it. */
  name: string;
  entity: Type<E>;
  /** The GraphQL object type of the documents (for unions of pages). */
  model: () => Type<unknown>;
  /** Properties editors change besides slug and SEO: what drafts, revisions and publishing carry. */
  fields: readonly Property<E>[];
  /**
   * Entity columns that are neither editable nor workflow columns, each with the reason (a test
   * fails when a column is in no list, so a new field cannot be silently left out of edits).
   */
  notEditable?: Partial<Record<Property<E>, string>>;
  /** Relations this type owns and edits (their join rows are written from its edits). */
  relations: readonly OwnedRelation[];
  /** Fields besides the slug that no two documents of the type may share, live or in a pending draft. */
  uniqueFields?: readonly Property<E>[];
  /** Fields that hold another document's id: edits must name an existing one; purged targets are cleared. */
  references?: Partial<Record<Property<E>, FieldReference>>;
  /** Checks of edits needing the database (beyond the input's own validation). */
  changeChecks?: readonly ChangeCheck[];
  /** Checks run when a document is published (by an editor or a schedule). */
  publishChecks?: readonly PublishCheck[];
  /** How provider sync writes this type, when it does. */
  sync?: {
    /** Fields a sync source owns: a sync sets them, editors' values for them are overwritten. */
    owned: readonly Property<E>[];
    /** Table of the type's identifiers in other systems, and its owner column. */
    externalIds: { table: string; ownerColumn: string };
    /** The owned relation a sync source sets (a provider's offices). */
    relation?: OwnedRelation;
  };
  /** Text search of public lists: title-like columns (matched as typed too) and body columns, SQL over the list's alias. */
  search?: { titles: (alias: string) => string[]; bodies: (alias: string) => string[] };
  /** SQL over the alias that orders lists by name (lowercase). */
  sortName: (alias: string) => string;
  /** Text a slug is generated from when none is given. */
  slugSource(fields: Partial<Record<Property<E>, unknown>>): string;
  /** How to name a document in messages ("Treatment \"Intrathecal Therapy\""). */
  label(fields: Partial<Record<Property<E>, unknown>>): string;
  /** How public reads fetch the type (read plans): its relation fields and what computed fields read. */
  read: {
    /** GraphQL fields that read a relation (owned ones and the other sides of others'). */
    relations: Record<string, Relation>;
    /** Fields that are neither an entity property of the same name nor a relation, with the properties they read. */
    computed: Record<string, readonly Property<E>[]>;
    /** Properties read whatever the query selects (e.g. what a relation field filters on). */
    alwaysRead?: readonly Property<E>[];
  };
  /** Only one document of this type may exist (the practice). */
  singleton?: boolean;
}

/**
 * A registered content type, as the mechanism reads it: its descriptor with property names as
 * plain strings, plus what follows from it. `fields` are all the editable fields (slug and SEO
 * included), as snapshots hold them.
 */
export interface ContentType {
  type: DocumentType;
  name: string;
  entity: Type<DocumentEntity>;
  model: () => Type<unknown>;
  table: string;
  fields: readonly string[];
  ownFields: readonly string[];
  notEditable: Readonly<Partial<Record<string, string>>>;
  relations: readonly OwnedRelation[];
  uniqueFields: readonly string[];
  references: Readonly<Record<string, FieldReference>>;
  changeChecks: readonly ChangeCheck[];
  publishChecks: readonly PublishCheck[];
  sync?: { owned: readonly string[]; externalIds: { table: string; ownerColumn: string }; relation?: OwnedRelation };
  search?: { titles: (alias: string) => string[]; bodies: (alias: string) => string[] };
  sortName: (alias: string) => string;
  /** Text a slug is generated from, of a row or of a state's fields. */
  slugSource(fields: object): string;
  /** How to name a document (a row or a state's fields) in messages. */
  label(fields: object): string;
  read: { relations: Record<string, Relation>; computed: Record<string, readonly string[]>; alwaysRead: readonly string[] };
  singleton: boolean;
}

const registered = new Map<DocumentType, ContentType>();

function tableOf(entity: Type<unknown>): string {
  const table = getMetadataArgsStorage().tables.find((candidate) => candidate.target === entity);
  if (!table?.name) throw new Error(`${entity.name} is not an @Entity with a table name`);
  return table.name;
}

/** Registers a content type; its feature module imports the descriptor file, which calls this once. */
export function defineDocumentType<E extends DocumentEntity>(descriptor: DocumentDescriptor<E>): ContentType {
  if (registered.has(descriptor.type)) throw new Error(`Content type ${descriptor.type} is defined twice`);
  const contentType: ContentType = {
    ...descriptor,
    // Rows and snapshot fields both carry the descriptor's properties by name.
    slugSource: (fields) => descriptor.slugSource(fields as Partial<Record<Property<E>, unknown>>),
    label: (fields) => descriptor.label(fields as Partial<Record<Property<E>, unknown>>),
    table: tableOf(descriptor.entity),
    fields: [...COMMON_EDITABLE_FIELDS, ...descriptor.fields],
    ownFields: descriptor.fields,
    notEditable: descriptor.notEditable ?? {},
    uniqueFields: descriptor.uniqueFields ?? [],
    references: (descriptor.references ?? {}) as Record<string, FieldReference>,
    changeChecks: descriptor.changeChecks ?? [],
    publishChecks: descriptor.publishChecks ?? [],
    read: { ...descriptor.read, alwaysRead: descriptor.read.alwaysRead ?? [] },
    singleton: descriptor.singleton ?? false,
  };
  registered.set(descriptor.type, contentType);
  return contentType;
}

/** The registered content type of a document type. */
export function contentTypeOf(type: DocumentType): ContentType {
  const found = registered.get(type);
  if (!found) throw new Error(`No content type ${type} is registered (is its module imported?)`);
  return found;
}

/** Every registered content type. */
export function contentTypes(): ContentType[] {
  return [...registered.values()];
}

/** The content type whose entity class made `document`, if any. */
export function contentTypeOfDocument(document: object): ContentType | undefined {
  return contentTypes().find((candidate) => document instanceof candidate.entity);
}

/** Every owned relation, of any owner type, that points at documents of `type`: who can reference it. */
export function relationsTargeting(type: DocumentType): { owner: ContentType; relation: OwnedRelation }[] {
  return contentTypes().flatMap((owner) => owner.relations.filter((relation) => relation.targetType === type).map((relation) => ({ owner, relation })));
}
