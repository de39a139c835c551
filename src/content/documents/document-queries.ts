import { Injectable } from '@nestjs/common';
import { DataSource, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { CacheTags, recordDocumentsRead, recordRead } from '../../common/cache-tags';
import { AppError } from '../../common/errors/app-error';
import { DocumentSelection } from '../loaders/document-selection';
import { PlannedNode, ReadPlanner } from '../loaders/read-plan';
import { ReadStatements } from '../loaders/read-statements';
import { KeysetPage, KeysetSort, NodeProjection, PageRequest, paginateByKeyset } from '../../common/pagination/keyset-pagination';
import { overlayDrafts } from './draft-overlay';
import { DocumentType, Stage } from './document-status';
import { publicVisibility } from './visibility';
import { type RelatedSlugFilter, refuseUnknownSlugs } from '../relation-filters';

export interface DocumentKey {
  id?: string | null;
  slug?: string | null;
}

/**
 * Reads shared by every content type: the visible base query, pages, and lookup by id or (old)
 * slug. Public reads given the query's selection fetch each document with every relation the query
 * asks for in the same statement (ReadPlanner) and hand the relations to the request's loaders.
 */
@Injectable()
export class DocumentQueries {
  /** Per plan: the lookup statements, built once. */
  private readonly lookupSql = new WeakMap<PlannedNode, { byId: string; bySlug: string }>();

  constructor(private readonly dataSource: DataSource) {}

  /**
   * The documents of a type a stage shows, as a query to add filters to: published and not
   * trashed, or (DRAFT) every document not in the trash. Filters and order see the row values;
   * drafts are overlaid afterwards.
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

  /** The plan for a public read with a known selection, or null (drafts, or no selection). */
  private planOf(stage: Stage, selection: DocumentSelection | undefined): PlannedNode | null {
    if (stage !== Stage.PUBLISHED || !selection) return null;
    return ReadPlanner.for(this.dataSource).planFor(selection.info, selection.typeName, selection.path);
  }

  private hydrate<T>(plan: PlannedNode, json: Record<string, unknown>, selection: DocumentSelection): T {
    return ReadPlanner.for(this.dataSource).hydrate<T>(plan, json, (descriptor, ownerId, targets) =>
      selection.loaders.primeRelated(descriptor, ownerId, targets),
    );
  }

  /** A page of a visible query as the stage shows it (drafts overlaid at DRAFT). */
  async paginate<T extends ObjectLiteral>(
    query: SelectQueryBuilder<T>,
    page: PageRequest,
    sort: KeysetSort,
    stage: Stage,
    selection?: DocumentSelection,
    slugFilters: readonly RelatedSlugFilter[] = [],
  ): Promise<KeysetPage<T>> {
    const plan = this.planOf(stage, selection);
    const projection: NodeProjection<T> | undefined =
      plan && selection
        ? {
            select: ReadPlanner.for(this.dataSource).jsonOf(plan, query.alias),
            hydrate: (json) => this.hydrate<T>(plan, json, selection),
            run: (sql, parameters) => ReadStatements.for(this.dataSource).run(sql, parameters),
          }
        : undefined;
    const found = await paginateByKeyset(query, page, sort, projection);
    if (found.edges.length === 0 && slugFilters.length > 0) await refuseUnknownSlugs(this.dataSource.manager, slugFilters);
    return this.present(found, stage);
  }

  /** A page as the stage shows it: at DRAFT, each document overlaid with its pending draft. */
  private async present<T extends ObjectLiteral, P extends KeysetPage<T>>(page: P, stage: Stage): Promise<P> {
    recordDocumentsRead(page.edges.map((edge) => edge.node));
    if (stage !== Stage.DRAFT) return page;
    const nodes = await overlayDrafts(
      this.dataSource.manager,
      page.edges.map((edge) => edge.node),
    );
    return { ...page, edges: page.edges.map((edge, index) => ({ ...edge, node: nodes[index] })) };
  }

  /** The first document of a visible query (the practice singleton, a provider by NPI). */
  async findFirst<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, stage: Stage, selection?: DocumentSelection): Promise<T | null> {
    const plan = this.planOf(stage, selection);
    if (plan && selection) {
      const [sql, parameters] = query.select(ReadPlanner.for(this.dataSource).jsonOf(plan, query.alias), '__node').getQueryAndParameters();
      const [row] = await ReadStatements.for(this.dataSource).run<{ __node: Record<string, unknown> }>(sql, parameters);
      return this.presentOne(row ? this.hydrate<T>(plan, row.__node, selection) : null, stage);
    }
    return this.presentOne(await query.getOne(), stage);
  }

  /**
   * One visible document by id or slug. A former slug finds the document too (its `slug` field
   * then tells the client the canonical one): one statement either way.
   */
  async findOne<T extends ObjectLiteral>(
    target: EntityTarget<T>,
    type: DocumentType,
    key: DocumentKey,
    alias = 'd',
    stage: Stage = Stage.PUBLISHED,
    selection?: DocumentSelection,
  ): Promise<T | null> {
    const given = [key.id, key.slug].filter((value) => value !== undefined && value !== null);
    if (given.length !== 1) {
      throw AppError.badInput([{ path: key.id ? 'slug' : 'id', message: 'give exactly one of id and slug' }]);
    }
    const table = this.dataSource.getMetadata(target).tableName;
    // A lookup that finds nothing, or finds a document by a former slug, may find another once
    // a document takes that slug or id: tag it by what was asked, besides what was found.
    recordRead(key.id ? CacheTags.document(key.id) : CacheTags.slug(table, String(key.slug)));
    const plan = this.planOf(stage, selection);
    if (plan && selection) {
      const sql = this.lookupStatements(plan, table);
      const statements = ReadStatements.for(this.dataSource);
      const rows = key.id
        ? await statements.run<{ node: Record<string, unknown> }>(sql.byId, [key.id])
        : await statements.run<{ node: Record<string, unknown> }>(sql.bySlug, [key.slug, type]);
      return this.presentOne(rows[0] ? this.hydrate<T>(plan, rows[0].node, selection) : null, stage);
    }
    return this.presentOne(await this.findRow(target, type, key, alias, stage), stage);
  }

  /**
   * The lookup statements of a plan. By slug, the current slug wins over a former one; each
   * branch of the union is an index lookup.
   */
  private lookupStatements(plan: PlannedNode, table: string): { byId: string; bySlug: string } {
    let statements = this.lookupSql.get(plan);
    if (!statements) {
      const json = ReadPlanner.for(this.dataSource).jsonOf(plan, 'd');
      statements = {
        byId: `SELECT ${json} AS node FROM ${table} d WHERE d.id = $1 AND ${publicVisibility('d')}`,
        bySlug: `SELECT ${json} AS node FROM ${table} d WHERE d.id = (
          SELECT found.id FROM (
            SELECT x.id, 0 AS rank FROM ${table} x WHERE x.slug = $1 AND ${publicVisibility('x')}
            UNION ALL
            SELECT x.id, 1 FROM slug_history h JOIN ${table} x ON x.id = h.document_id WHERE h.document_type = $2 AND h.slug = $1 AND ${publicVisibility('x')}
          ) found ORDER BY found.rank LIMIT 1)`,
      };
      this.lookupSql.set(plan, statements);
    }
    return statements;
  }

  /** One document as the stage shows it: at DRAFT, overlaid with its pending draft. */
  private async presentOne<T extends ObjectLiteral>(found: T | null, stage: Stage): Promise<T | null> {
    if (found) recordDocumentsRead([found]);
    if (!found || stage !== Stage.DRAFT) return found;
    const [presented] = await overlayDrafts(this.dataSource.manager, [found]);
    return presented;
  }

  private async findRow<T extends ObjectLiteral>(
    target: EntityTarget<T>,
    type: DocumentType,
    key: DocumentKey,
    alias: string,
    stage: Stage,
  ): Promise<T | null> {
    const query = this.visibleRows(target, alias, stage);
    if (key.id) return query.andWhere(`${alias}.id = :id`, { id: key.id }).getOne();
    return query
      .andWhere(
        `(${alias}.slug = :slug OR ${alias}.id IN (SELECT h.document_id FROM slug_history h WHERE h.document_type = :type AND h.slug = :slug)${
          stage === Stage.DRAFT
            ? ` OR ${alias}.id IN (SELECT r.document_id FROM revisions r WHERE r.kind = 'DRAFT' AND r.document_type = :type AND r.snapshot->'fields'->>'slug' = :slug)`
            : ''
        })`,
        { slug: key.slug, type },
      )
      .orderBy(`CASE WHEN ${alias}.slug = :slug THEN 0 ELSE 1 END`)
      .limit(1)
      .getOne();
  }
}
