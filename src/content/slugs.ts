import { EntityManager } from 'typeorm';
import { slugify } from '../common/slugs/slugify';
import { ContentType } from './document-descriptor';

/** Whether another document of the type uses the slug, live or in a pending draft. */
export async function slugTaken(manager: EntityManager, contentType: ContentType, slug: string, exceptId: string | null): Promise<boolean> {
  const [row] = await manager.query(
    `SELECT 1 FROM ${contentType.table} WHERE slug = $1 AND id IS DISTINCT FROM $2
     UNION ALL
     SELECT 1 FROM revisions WHERE kind = 'DRAFT' AND document_type = $3 AND snapshot->'fields'->>'slug' = $1 AND document_id IS DISTINCT FROM $2
     LIMIT 1`,
    [slug, exceptId, contentType.type],
  );
  return Boolean(row);
}

/** A free slug made from `source`: "back-pain", else "back-pain-2", "back-pain-3", … */
export async function generateUniqueSlug(manager: EntityManager, contentType: ContentType, source: string, exceptId: string | null): Promise<string> {
  const base = slugify(source).slice(0, 190).replace(/-+$/, '') || 'untitled';
  const rows: { slug: string }[] = await manager.query(
    `SELECT slug FROM ${contentType.table} WHERE (slug = $1 OR slug LIKE $1 || '-%') AND id IS DISTINCT FROM $2
     UNION
     SELECT snapshot->'fields'->>'slug' FROM revisions WHERE kind = 'DRAFT' AND document_type = $3 AND document_id IS DISTINCT FROM $2
       AND (snapshot->'fields'->>'slug' = $1 OR snapshot->'fields'->>'slug' LIKE $1 || '-%')`,
    [base, exceptId, contentType.type],
  );
  const taken = new Set(rows.map((row) => row.slug));
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix++) {
    const candidate = `${base}-${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * Keeps a renamed document reachable by its old slug. The new slug stops being anyone's former
 * slug, so it cannot point at two documents.
 */
export async function recordSlugChange(manager: EntityManager, contentType: ContentType, documentId: string, oldSlug: string, newSlug: string): Promise<void> {
  if (oldSlug === newSlug) return;
  await manager.query('DELETE FROM slug_history WHERE document_type = $1 AND slug = $2', [contentType.type, newSlug]);
  await manager.query(
    `INSERT INTO slug_history (document_type, slug, document_id) VALUES ($1, $2, $3)
     ON CONFLICT (document_type, slug) DO UPDATE SET document_id = EXCLUDED.document_id, created_at = now()`,
    [contentType.type, oldSlug, documentId],
  );
}
