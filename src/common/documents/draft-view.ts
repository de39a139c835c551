/**
 * A document read at stage DRAFT carries this mark, so its relation fields read the draft's
 * relations (from its snapshot) instead of the live join rows, and show unpublished targets.
 */
const DRAFT_VIEW = Symbol('draftView');

export interface DraftView {
  /** Relation target ids by relation name, in order, when the document has a pending draft. */
  relations?: Record<string, string[]>;
}

/** The JSON a pending draft stores (see src/content/content-type.ts DocumentState). */
export interface DraftSnapshot {
  fields: Record<string, unknown>;
  relations: Record<string, string[]>;
  primary: Record<string, string | null>;
}

export function markDraftView<T extends object>(document: T, view: DraftView = {}): T {
  Object.defineProperty(document, DRAFT_VIEW, { value: view, enumerable: false, configurable: true });
  return document;
}

export function draftViewOf(document: object): DraftView | undefined {
  return (document as Record<symbol, DraftView | undefined>)[DRAFT_VIEW];
}

/** The key under which a draft view holds the primary target of a relation with a primary. */
export function primaryRelationKey(relationName: string): string {
  return `${relationName}:primary`;
}

/**
 * The document as an editor sees it: the row overlaid with its pending draft (if any), marked
 * so that its relation fields read the draft's relations.
 */
export function draftViewOfDocument<T extends object>(row: T, draft: { snapshot: unknown; version: number; createdAt: Date } | null): T {
  if (!draft) return markDraftView(row);
  const state = draft.snapshot as DraftSnapshot;
  const view = Object.assign(Object.create(Object.getPrototypeOf(row)), row, state.fields, { version: draft.version, updatedAt: draft.createdAt }) as T;
  const relations: Record<string, string[]> = { ...state.relations };
  for (const [name, primary] of Object.entries(state.primary ?? {})) relations[primaryRelationKey(name)] = primary ? [primary] : [];
  return markDraftView(view, { relations });
}
