import { EntityTarget } from 'typeorm';
import { DocumentEntity } from '../common/documents/document.entity';
import { DocumentType } from '../common/documents/document-status';

/**
 * A relation a content type owns and edits (the treatment's conditions, a page's FAQs). Its
 * `name` is also the RelationDescriptor name the read side uses, and the key in draft snapshots.
 */
export interface RelationSlot {
  name: string;
  /** The field of the create/update input that sets it. */
  inputField: string;
  joinTable: string;
  ownerColumn: string;
  targetColumn: string;
  targetType: DocumentType;
  /** Fixed columns of every join row (FAQ placements: the owner type). */
  fixedColumns?: Record<string, string>;
  /** The join table marks one row as primary (a provider's main office). */
  hasPrimary?: boolean;
  /** The field of the input that names the primary target (`primaryLocation`), for error paths. */
  primaryInputField?: string;
}

/** The editable state of a document: what a draft snapshot holds and publishing applies. */
export interface DocumentState {
  fields: Record<string, unknown>;
  /** Target ids in order, by relation slot name. */
  relations: Record<string, string[]>;
  /** The primary target id, by slot name, for slots with a primary. */
  primary: Record<string, string | null>;
}

/** A partial change from an input: fields to set, relations to replace. */
export interface StateChange {
  fields: Record<string, unknown>;
  relations: Record<string, string[]>;
  primary: Record<string, string | null>;
}

/** Everything the shared editing and publishing mechanisms need to know about one content type. */
export interface ContentType<T extends DocumentEntity = DocumentEntity> {
  type: DocumentType;
  /** GraphQL name ("Treatment"): mutation names and messages use it. */
  name: string;
  entity: EntityTarget<T>;
  table: string;
  /** Entity properties an editor can change (snapshot fields), slug and SEO included. */
  fields: string[];
  /** Text a slug is generated from when none is given. */
  slugSource(fields: Record<string, unknown>): string;
  /** How to name a document in messages ("Treatment \"Intrathecal Therapy\""). */
  label(fields: Record<string, unknown>): string;
  relations: RelationSlot[];
  /**
   * Fields besides the slug that no two documents of the type may share (the columns' unique
   * indexes); a clash is a BAD_USER_INPUT naming the input field of the same name.
   */
  uniqueFields?: string[];
  /** Only one document of this type may exist (the practice). */
  singleton?: boolean;
}
