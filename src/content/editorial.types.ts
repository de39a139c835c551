import { type RefAtPath } from './document-refs';

/**
 * What an edit input asks for, before references are resolved: the fields to set (already in
 * entity property names), the relation lists to replace, and primary targets.
 */
export interface ChangeRequest {
  fields: Record<string, unknown>;
  relations: Record<string, RefAtPath[]>;
  primary: Record<string, RefAtPath | null>;
}
