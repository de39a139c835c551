/**
 * The editable state of a document: what a pending draft's snapshot holds, what publishing
 * applies to the row and its join rows, and what the audit log records before and after. A
 * change from an input has the same shape: given fields replace, given relation lists replace
 * whole lists.
 */
export interface DocumentState {
  fields: Record<string, unknown>;
  /** Target ids in order, by owned relation name. */
  relations: Record<string, string[]>;
  /** The primary target id, by owned relation name, for relations with a primary. */
  primary: Record<string, string | null>;
}
