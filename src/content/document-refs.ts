import { type EntityManager } from 'typeorm';
import { type DocumentType } from './documents/document-status';
import { type FieldError } from '../common/errors/app-error';
import { contentTypeOf } from './document-descriptor';

/** A reference to another document in an input: by id or by slug. */
export interface DocumentRef {
  id?: string | null;
  slug?: string | null;
}

export interface RefAtPath {
  ref: DocumentRef;
  path: string;
}

/**
 * Resolves references to ids of documents of one type that exist and are not in the trash
 * (unpublished ones are allowed: the relation stays hidden until they are published).
 * Problems are added to `errors` with the input path; one statement per call.
 */
export async function resolveRefs(manager: EntityManager, targetType: DocumentType, refs: RefAtPath[], errors: FieldError[]): Promise<(string | null)[]> {
  if (refs.length === 0) return [];
  const table = contentTypeOf(targetType).table;
  const ids = refs.map((item) => item.ref.id).filter((id): id is string => Boolean(id));
  const slugs = refs.map((item) => item.ref.slug).filter((slug): slug is string => Boolean(slug));
  const rows: { id: string; slug: string }[] = await manager.query(
    `SELECT id, slug FROM ${table} WHERE deleted_at IS NULL AND (id = ANY($1::uuid[]) OR slug = ANY($2::text[]))`,
    [ids, slugs],
  );
  const byId = new Map(rows.map((row) => [row.id, row.id]));
  const bySlug = new Map(rows.map((row) => [row.slug, row.id]));
  const kind = contentTypeOf(targetType).name.toLowerCase();
  return refs.map(({ ref, path }) => {
    const given = [ref.id, ref.slug].filter(Boolean);
    if (given.length !== 1) {
      errors.push({ path, message: 'give exactly one of id and slug' });
      return null;
    }
    const found = ref.id ? byId.get(ref.id) : bySlug.get(ref.slug as string);
    if (!found) errors.push({ path, message: `no ${kind} with ${ref.id ? `id ${ref.id}` : `slug "${ref.slug}"`} (or it is in the trash)` });
    return found ?? null;
  });
}
