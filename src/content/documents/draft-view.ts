import { type DocumentState } from '../content-type';

/**
 * A document read at stage DRAFT is the row overlaid with its pending draft. Its relation fields
 * then read the draft's relations (from its snapshot) instead of the live join rows, and show
 * unpublished targets. Which objects are such views is kept here, beside them: the objects
 * themselves carry nothing that is not a field of the document.
 */
export interface DraftView {
  /** Relation target ids by relation name, in order, when the document has a pending draft. */
  relations?: Record<string, string[]>;
}

const draftViews = new WeakMap<object, DraftView>();

export function markDraftView<T extends object>(document: T, view: DraftView = {}): T {
  draftViews.set(document, view);
  return document;
}

/** The draft view of a document read at stage DRAFT, or undefined for a live read. */
export function draftViewOf(document: object): DraftView | undefined {
  return draftViews.get(document);
}

/** The key under which a draft view holds the primary target of a relation with a primary. */
export function primaryRelationKey(relationName: string): string {
  return `${relationName}:primary`;
}

/**
 * The document as an editor sees it: the row overlaid with its pending draft (if any), marked
 * so that its relation fields read the draft's relations.
 */
export function draftViewOfDocument<T extends object>(row: T, draft: { snapshot: DocumentState; version: number; createdAt: Date } | null): T {
  if (!draft) return markDraftView(row);
  const state = draft.snapshot;
  const view: T = Object.assign(Object.create(Object.getPrototypeOf(row)), row, state.fields, { version: draft.version, updatedAt: draft.createdAt });
  const relations: Record<string, string[]> = { ...state.relations };
  for (const [name, primary] of Object.entries(state.primary ?? {})) relations[primaryRelationKey(name)] = primary ? [primary] : [];
  return markDraftView(view, { relations });
}
