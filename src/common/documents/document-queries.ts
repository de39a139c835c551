import { Injectable } from '@nestjs/common';
import { DataSource, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AppError } from '../errors/app-error';
import { DocumentType } from './document-status';
import { publicVisibility } from './visibility';

export interface DocumentKey {
  id?: string | null;
  slug?: string | null;
}

/** Reads shared by every content type: the visible base query and lookup by id or (old) slug. */
@Injectable()
export class DocumentQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** The published, non-trashed documents of a type, as a query to add filters to. */
  visible<T extends ObjectLiteral>(target: EntityTarget<T>, alias: string): SelectQueryBuilder<T> {
    return this.dataSource.getRepository(target).createQueryBuilder(alias).where(publicVisibility(alias));
  }

  /**
   * One visible document by id or slug. A former slug finds the document too (its `slug` field
   * then tells the client the canonical one): one statement either way.
   */
  async findOne<T extends ObjectLiteral>(target: EntityTarget<T>, type: DocumentType, key: DocumentKey, alias = 'd'): Promise<T | null> {
    const given = [key.id, key.slug].filter((value) => value !== undefined && value !== null);
    if (given.length !== 1) {
      throw AppError.badInput([{ path: key.id ? 'slug' : 'id', message: 'give exactly one of id and slug' }]);
    }
    const query = this.visible(target, alias);
    if (key.id) return query.andWhere(`${alias}.id = :id`, { id: key.id }).getOne();
    return query
      .andWhere(
        `(${alias}.slug = :slug OR ${alias}.id IN (SELECT h.document_id FROM slug_history h WHERE h.document_type = :type AND h.slug = :slug))`,
        { slug: key.slug, type },
      )
      .orderBy(`CASE WHEN ${alias}.slug = :slug THEN 0 ELSE 1 END`)
      .limit(1)
      .getOne();
  }
}
