import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CacheTags } from '../common/cache-tags';
import { ContentType } from './document-descriptor';
import { relationsTargeting } from './document-descriptor';

/** Reacts to committed changes of what the public sees (the response cache invalidates by them). */
export type ContentChangeListener = (tags: ReadonlySet<string>) => Promise<void> | void;

/**
 * What one write changes of the live site, as cache tags (src/common/cache-tags.ts). Each changed
 * document is read inside the write's transaction twice: before the change (its old slug, the
 * documents it was related to) and after it (its new slug, the documents it is related to now).
 * Join rows belong to one side, so both sides are read: a treatment's publish changes what its
 * conditions' pages list, and a provider's deactivation what its treatments' pages list.
 */
export class ChangedDocuments {
  readonly tags = new Set<string>();
  private readonly touched = new Map<ContentType, Set<string>>();

  /** Call inside the transaction, before writing, with the live documents about to change. */
  async before(manager: EntityManager, contentType: ContentType, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    this.created(contentType, ids);
    await collectTags(manager, contentType, ids, this.tags);
  }

  /** Documents a write creates live: nothing to read before, only after. */
  created(contentType: ContentType, ids: readonly string[]): void {
    if (ids.length === 0) return;
    const known = this.touched.get(contentType) ?? new Set<string>();
    for (const id of ids) known.add(id);
    this.touched.set(contentType, known);
  }

  /**
   * Documents whose state after the write the writer has at hand (their slug and the documents
   * they point at): their tags come from it instead of a read. The documents pointing at them are
   * not changed by such a writer, so `before` found them (a new document has none yet).
   */
  settled(contentType: ContentType, documents: readonly { id: string; slug: string; targets: Iterable<string> }[]): void {
    if (documents.length === 0) return;
    this.tags.add(CacheTags.list(contentType.table));
    const known = this.touched.get(contentType);
    for (const document of documents) {
      known?.delete(document.id);
      this.tags.add(CacheTags.document(document.id));
      this.tags.add(CacheTags.slug(contentType.table, document.slug));
      for (const target of document.targets) this.tags.add(CacheTags.document(target));
    }
  }

  /** Call inside the transaction once everything is written (ContentChanges.transaction does). */
  async after(manager: EntityManager): Promise<void> {
    for (const [contentType, ids] of this.touched) if (ids.size > 0) await collectTags(manager, contentType, [...ids], this.tags);
  }
}

/** Adds the tags of documents as they are now: one statement, whatever the number of documents. */
async function collectTags(manager: EntityManager, contentType: ContentType, ids: readonly string[], tags: Set<string>): Promise<void> {
  tags.add(CacheTags.list(contentType.table));
  for (const id of ids) tags.add(CacheTags.document(id));
  const parts = [`SELECT 's' AS kind, slug AS value FROM ${contentType.table} WHERE id = ANY($1::uuid[])`];
  const seen = new Set<string>();
  const related = (joinTable: string, fromColumn: string, toColumn: string) => {
    // FAQ placements of every page type share one table: one read covers them all.
    const key = `${joinTable}.${fromColumn}`;
    if (seen.has(key)) return;
    seen.add(key);
    parts.push(`SELECT 'd' AS kind, ${toColumn}::text AS value FROM ${joinTable} WHERE ${fromColumn} = ANY($1::uuid[])`);
  };
  for (const slot of contentType.relations) related(slot.joinTable, slot.ownerColumn, slot.targetColumn);
  for (const { relation } of relationsTargeting(contentType.type)) related(relation.joinTable, relation.targetColumn, relation.ownerColumn);
  const rows: { kind: 's' | 'd'; value: string }[] = await manager.query(parts.join('\nUNION\n'), [ids]);
  for (const row of rows) tags.add(row.kind === 's' ? CacheTags.slug(contentType.table, row.value) : CacheTags.document(row.value));
}

/**
 * Announces committed content changes to their listeners, before the write answers its client:
 * once a mutation is acknowledged, no cache serves what it changed. Every write path that changes
 * the live site (publishing, trash, the scheduler, provider sync) reports here.
 */
@Injectable()
export class ContentChanges {
  private readonly listeners: ContentChangeListener[] = [];
  private readonly logger = new Logger('ContentChanges');

  constructor(private readonly dataSource: DataSource) {}

  subscribe(listener: ContentChangeListener): void {
    this.listeners.push(listener);
  }

  /**
   * Runs `work` in one transaction; the documents it marks with `changes.before` are read again
   * before the commit and announced after it.
   */
  async transaction<T>(work: (manager: EntityManager, changes: ChangedDocuments) => Promise<T>): Promise<T> {
    const changes = new ChangedDocuments();
    const result = await this.dataSource.transaction(async (manager) => {
      const value = await work(manager, changes);
      await changes.after(manager);
      return value;
    });
    await this.notifyCommitted(changes);
    return result;
  }

  /** Tells every listener and waits for them; call after the commit, before answering. */
  async notifyCommitted(changes: ChangedDocuments): Promise<void> {
    if (changes.tags.size === 0) return;
    for (const listener of this.listeners) {
      try {
        await listener(changes.tags);
      } catch (error) {
        // The change is committed: a listener's failure must not turn it into an error for the editor.
        this.logger.error(`a content change listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
