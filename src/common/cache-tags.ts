import { currentRequestContext, type RequestContext } from './request-context';

/**
 * Cache tags name what a public response was built from, so that a write can find every cached
 * response it makes stale. The read side records them as it loads (`recordRead`); the write side
 * announces the tags a change touches. Tables name the content types (`treatments`).
 *
 * - `doc:<id>`: the document itself, including its relations as the page shows them. A write
 *   announces the changed document and every document it was or is now related to.
 * - `list:<table>`: any list, filter or lookup over a type whose membership a change of any
 *   document of that type can alter (lists, relation filters, the practice singleton).
 * - `slug:<table>:<slug>`: a lookup by slug, which may resolve differently once a document takes
 *   or gives up that slug (a lookup that found nothing, or found a document by a former slug).
 */
export const CacheTags = {
  document: (id: string) => `doc:${id}`,
  list: (table: string) => `list:${table}`,
  slug: (table: string, slug: string) => `slug:${table}:${slug}`,
};

/** Records tags of what the current request read; a no-op outside a request. */
export function recordRead(...tags: string[]): void {
  const context = currentRequestContext();
  if (!context) return;
  context.readTags ??= new Set();
  for (const tag of tags) context.readTags.add(tag);
}

/**
 * Records the documents a request read, by id. Callers that already hold the request's context
 * (the request loaders) pass it, which spares a lookup of the async context per call.
 */
export function recordDocumentsRead(
  rows: readonly ({ id?: unknown } | null | undefined)[],
  context: RequestContext | undefined = currentRequestContext(),
): void {
  if (!context) return;
  context.readTags ??= new Set();
  for (const row of rows) if (row && typeof row.id === 'string') context.readTags.add(CacheTags.document(row.id));
}
