import { Injectable } from '@nestjs/common';
import { DataSource, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { CacheTags, recordDocumentsRead, recordRead } from '../cache-tags';
import { AppError } from '../errors/app-error';
import { KeysetPage } from '../pagination/keyset-pagination';
import { overlayDrafts } from './draft-overlay';
import { DocumentType, Stage } from './document-status';
import { publicVisibility } from './visibility';

export interface DocumentKey {
  id?: string | null;
  slug?: string | null;
}

/** Reads shared by every content type: the visible base query and lookup by id or (old) slug. */
@Injectable()
export class DocumentQueries {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The documents of a type a stage shows, as a query to add filters to: published and not
   * trashed, or (DRAFT) every document not in the trash. Filters and order see the row values;
   * drafts are overlaid afterwards with `present`.
   */
  visible<T extends ObjectLiteral>(target: EntityTarget<T>, alias: string, stage: Stage = Stage.PUBLISHED): SelectQueryBuilder<T> {
    // Which documents such a query finds can change with any write to the type.
    recordRead(CacheTags.list(this.dataSource.getMetadata(target).tableName));
    return this.visibleRows(target, alias, stage);
  }

  private visibleRows<T extends ObjectLiteral>(target: EntityTarget<T>, alias: string, stage: Stage): SelectQueryBuilder<T> {
    const condition = stage === Stage.DRAFT ? `${alias}.deleted_at IS NULL` : publicVisibility(alias);
    return this.dataSource.getRepository(target).createQueryBuilder(alias).where(condition);
  }

  /** A page as the stage shows it: at DRAFT, each document overlaid with its pending draft. */
  async present<T extends ObjectLiteral, P extends KeysetPage<T>>(page: P, stage: Stage = Stage.PUBLISHED): Promise<P> {
    recordDocumentsRead(page.edges.map((edge) => edge.node));
    if (stage !== Stage.DRAFT) return page;
    const nodes = await overlayDrafts(this.dataSource.manager, page.edges.map((edge) => edge.node));
    return { ...page, edges: page.edges.map((edge, index) => ({ ...edge, node: nodes[index] })) };
  }

  /**
   * One visible document by id or slug. A former slug finds the document too (its `slug` field
   * then tells the client the canonical one): one statement either way.
   */
  async findOne<T extends ObjectLiteral>(target: EntityTarget<T>, type: DocumentType, key: DocumentKey, alias = 'd', stage: Stage = Stage.PUBLISHED): Promise<T | null> {
    return this.presentOne(await this.findRow(target, type, key, alias, stage), stage);
  }

  /** One document as the stage shows it (see `present`). */
  async presentOne<T extends ObjectLiteral>(found: T | null, stage: Stage = Stage.PUBLISHED): Promise<T | null> {
    if (found) recordDocumentsRead([found]);
    if (!found || stage !== Stage.DRAFT) return found;
    const [presented] = await overlayDrafts(this.dataSource.manager, [found]);
    return presented;
  }

  private async findRow<T extends ObjectLiteral>(target: EntityTarget<T>, type: DocumentType, key: DocumentKey, alias: string, stage: Stage): Promise<T | null> {
    const given = [key.id, key.slug].filter((value) => value !== undefined && value !== null);
    if (given.length !== 1) {
      throw AppError.badInput([{ path: key.id ? 'slug' : 'id', message: 'give exactly one of id and slug' }]);
    }
    const query = this.visibleRows(target, alias, stage);
    const table = this.dataSource.getMetadata(target).tableName;
    // A lookup that finds nothing, or finds a document by a former slug, may find another once
    // a document takes that slug or id: tag it by what was asked, besides what was found.
    recordRead(key.id ? CacheTags.document(key.id) : CacheTags.slug(table, String(key.slug)));
    if (key.id) return query.andWhere(`${alias}.id = :id`, { id: key.id }).getOne();
    return query
      .andWhere(
        `(${alias}.slug = :slug OR ${alias}.id IN (SELECT h.document_id FROM slug_history h WHERE h.document_type = :type AND h.slug = :slug)${
          stage === Stage.DRAFT ? ` OR ${alias}.id IN (SELECT r.document_id FROM revisions r WHERE r.kind = 'DRAFT' AND r.document_type = :type AND r.snapshot->'fields'->>'slug' = :slug)` : ''
        })`,
        { slug: key.slug, type },
      )
      .orderBy(`CASE WHEN ${alias}.slug = :slug THEN 0 ELSE 1 END`)
      .limit(1)
      .getOne();
  }
}
