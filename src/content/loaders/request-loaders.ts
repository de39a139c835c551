import DataLoader from 'dataloader';
import { type DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { contentTypeOf } from '../document-descriptor';
import { type Relation } from '../relations';
import { recordDocumentsRead } from '../../common/cache-tags';
import { currentRequestContext, type RequestContext } from '../../common/request-context';
import { overlayDrafts } from '../documents/draft-overlay';
import { type DraftView, draftViewOf } from '../documents/draft-view';
import { publicVisibility } from '../documents/visibility';
import { type DocumentType, DocumentStatus } from '../documents/document-status';

/** Applies `next` to a value now, or once it arrives: keeps synchronous answers synchronous. */
export function whenLoaded<T, R>(value: T | Promise<T>, next: (loaded: T) => R): R | Promise<R> {
  return value instanceof Promise ? value.then(next) : next(value);
}

/** Which drafts a request may read: those of one type, the listed ones or (null) all. */
export interface DraftScope {
  documentType: DocumentType;
  documentIds: readonly string[] | null;
}

/** Which documents a loader returns: live ones, or (for editors and previews) every one not in the trash, drafts overlaid. */
export type Visibility = 'public' | 'draft';

function visibilityCondition(visibility: Visibility, alias: string): string {
  return visibility === 'public' ? publicVisibility(alias) : `${alias}.deleted_at IS NULL`;
}

/**
 * DataLoaders for one request, created lazily by name. Every relation field resolver goes
 * through here, so a request runs a fixed number of statements however many items it returns.
 */
export class RequestLoaders {
  private readonly loaders = new Map<string, DataLoader<any, any>>();
  /** Relation targets read ahead by plans: relation name → owner id → targets. */
  private readonly primed = new Map<string, Map<string, ObjectLiteral[]>>();

  constructor(
    private readonly dataSource: DataSource,
    /** The request these loaders serve (what it reads is recorded there for the response cache). */
    private readonly requestContext: RequestContext | undefined = currentRequestContext(),
    /**
     * The drafts this request may read (a preview token's scope); null for all of them. Other
     * documents read at stage DRAFT (the related ones of a previewed page) show as the public
     * sees them: live, or not at all.
     */
    private readonly draftScope: DraftScope | null = null,
  ) {}

  private loader<K, V>(key: string, create: () => DataLoader<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(key);
    if (!loader) {
      loader = create();
      this.loaders.set(key, loader);
    }
    return loader as DataLoader<K, V>;
  }

  /** A loader of any batch keyed by id, made once per request under `key` (e.g. editors' workflow facts). */
  batched<V>(key: string, load: (ids: readonly string[]) => Promise<V[]>): DataLoader<string, V> {
    return this.loader(`batch:${key}`, () => new DataLoader<string, V>(load));
  }

  /**
   * Documents of one type by id; missing or hidden ones resolve to null. With 'draft', trashed
   * documents stay hidden but unpublished ones are returned, overlaid with their pending drafts.
   */
  documentById<T extends ObjectLiteral>(target: EntityTarget<T>, visibility: Visibility = 'public'): DataLoader<string, T | null> {
    const metadata = this.dataSource.getMetadata(target);
    return this.loader(
      `byId:${visibility}:${metadata.tableName}`,
      () =>
        new DataLoader<string, T | null>(async (ids) => {
          const rows = await this.dataSource
            .getRepository(target)
            .createQueryBuilder('t')
            .where('t.id = ANY(:ids)', { ids: [...ids] })
            .andWhere(visibilityCondition(visibility, 't'))
            .getMany();
          const presented = visibility === 'draft' ? await this.presentAtDraft(metadata.tableName, rows) : rows;
          recordDocumentsRead(presented, this.requestContext);
          const byId = new Map(presented.map((row) => [row.id as string, row]));
          return ids.map((id) => byId.get(id) ?? null);
        }),
    );
  }

  /** Rows read at stage DRAFT as this request may see them: drafts overlaid within its scope, live rows (only) outside it. */
  private async presentAtDraft<T extends ObjectLiteral>(table: string, rows: T[]): Promise<T[]> {
    const scope = this.draftScope;
    if (!scope) return overlayDrafts(this.dataSource.manager, rows);
    const inScope = (row: T) =>
      contentTypeOf(scope.documentType).table === table && (scope.documentIds === null || scope.documentIds.includes(row.id as string));
    const overlaid = await overlayDrafts(this.dataSource.manager, rows.filter(inScope));
    const live = rows.filter((row) => !inScope(row) && row.status === DocumentStatus.PUBLISHED);
    return [...overlaid, ...live];
  }

  /**
   * The related documents of `owner` through `descriptor`. A document read at stage DRAFT gets
   * its draft's relations (from the snapshot) and unpublished targets; others get live ones only.
   */
  relatedOf<T extends ObjectLiteral = ObjectLiteral>(descriptor: Relation, owner: { id: string }): T[] | Promise<T[]> {
    const view = draftViewOf(owner);
    if (!view) return (this.primed.get(descriptor.name)?.get(owner.id) as T[] | undefined) ?? this.related<T>(descriptor).load(owner.id);
    return this.draftRelatedOf(descriptor, owner.id, view);
  }

  /**
   * The related documents of `owner` that the public sees (live ones, live relations), whatever
   * stage the owner was read at: for output that must never show a draft, such as JSON-LD.
   */
  publicRelatedOf<T extends ObjectLiteral = ObjectLiteral>(descriptor: Relation, owner: { id: string }): T[] | Promise<T[]> {
    return draftViewOf(owner) ? this.related<T>(descriptor).load(owner.id) : this.relatedOf<T>(descriptor, owner);
  }

  /** A relation as a draft has it: the snapshot's target ids when the draft changed them, with unpublished targets. */
  private async draftRelatedOf<T extends ObjectLiteral>(descriptor: Relation, ownerId: string, view: DraftView): Promise<T[]> {
    const listed = view.relations?.[descriptor.draftKey ?? descriptor.name];
    if (!listed) return this.related<T>(descriptor, 'draft').load(ownerId);
    const ids = await this.meetingTargetCondition(descriptor, listed);
    const targets = await this.documentById<T>(contentTypeOf(descriptor.targetType).entity, 'draft').loadMany(ids);
    return targets.filter((target): target is T => Boolean(target) && !(target instanceof Error));
  }

  /** The visible targets of a relation for an owner id, in the descriptor's order. */
  related<T extends ObjectLiteral = ObjectLiteral>(descriptor: Relation, visibility: Visibility = 'public'): DataLoader<string, T[]> {
    return this.loader(
      `rel:${visibility}:${descriptor.name}`,
      () =>
        new DataLoader<string, T[]>(async (ownerIds) => {
          const target = contentTypeOf(descriptor.targetType).entity;
          const metadata = this.dataSource.getMetadata(target);
          const links: { owner_id: string; target_id: string }[] = await this.dataSource
            .createQueryBuilder()
            .select(`j.${descriptor.ownerColumn}`, 'owner_id')
            .addSelect(`j.${descriptor.targetColumn}`, 'target_id')
            .from(descriptor.joinTable, 'j')
            .innerJoin(metadata.tableName, 't', `t.id = j.${descriptor.targetColumn}`)
            .where(`j.${descriptor.ownerColumn} = ANY(:ownerIds)`, { ownerIds: [...ownerIds] })
            .andWhere(descriptor.joinCondition ?? 'TRUE')
            .andWhere(visibilityCondition(visibility, 't'))
            .orderBy(descriptor.orderBy)
            .addOrderBy('t.id')
            .getRawMany();
          const targets = await this.documentById<T>(target, visibility).loadMany([...new Set(links.map((link) => link.target_id))]);
          const targetById = new Map<string, T>();
          for (const target of targets) if (target && !(target instanceof Error)) targetById.set(target.id, target);
          const byOwner = new Map<string, T[]>(ownerIds.map((id) => [id, []]));
          for (const link of links) {
            const target = targetById.get(link.target_id);
            if (target) byOwner.get(link.owner_id)?.push(target);
          }
          return ownerIds.map((id) => byOwner.get(id) ?? []);
        }),
    );
  }

  /**
   * The ids that meet a relation's condition on its targets (providers listed only while
   * active), so a draft's relations show what the live ones would; conditions on the join row
   * are already met by the draft's own list.
   */
  private async meetingTargetCondition(descriptor: Relation, ids: string[]): Promise<string[]> {
    if (!descriptor.joinCondition || /\bj\./.test(descriptor.joinCondition) || ids.length === 0) return ids;
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT t.id FROM ${contentTypeOf(descriptor.targetType).table} t WHERE t.id = ANY($1::uuid[]) AND (${descriptor.joinCondition})`,
      [ids],
    );
    const meeting = new Set(rows.map((row) => row.id));
    return ids.filter((id) => meeting.has(id));
  }

  /**
   * Hands over a relation's targets read by a plan (see ReadPlanner): its field resolver then
   * answers at once, without SQL and without a promise (GraphQL completes synchronous values
   * far more cheaply). The first read of an owner's relation wins, as in a DataLoader.
   */
  primeRelated(descriptor: Relation, ownerId: string, targets: ObjectLiteral[]): void {
    let byOwner = this.primed.get(descriptor.name);
    if (!byOwner) this.primed.set(descriptor.name, (byOwner = new Map()));
    if (!byOwner.has(ownerId)) byOwner.set(ownerId, targets);
    recordDocumentsRead(targets, this.requestContext);
  }

  /** Rows of a child table (not documents) by their parent id, e.g. a provider's external ids. */
  rowsByParent<T extends ObjectLiteral>(target: EntityTarget<T>, parentColumn: string, orderBy: string): DataLoader<string, T[]> {
    const metadata = this.dataSource.getMetadata(target);
    return this.loader(
      `rows:${metadata.tableName}:${parentColumn}`,
      () =>
        new DataLoader<string, T[]>(async (parentIds) => {
          const column = metadata.columns.find((candidate) => candidate.databaseName === parentColumn);
          if (!column) throw new Error(`${metadata.tableName} has no column ${parentColumn}`);
          const query = this.dataSource
            .getRepository(target)
            .createQueryBuilder('c')
            .where(`c.${parentColumn} = ANY(:parentIds)`, { parentIds: [...parentIds] });
          for (const part of orderBy.split(',')) query.addOrderBy(`c.${part.trim()}`);
          const rows = await query.getMany();
          const byParent = new Map<string, T[]>(parentIds.map((id) => [id, []]));
          for (const row of rows) byParent.get(row[column.propertyName])?.push(row);
          return parentIds.map((id) => byParent.get(id) ?? []);
        }),
    );
  }
}
