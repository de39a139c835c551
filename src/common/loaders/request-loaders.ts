import DataLoader from 'dataloader';
import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { publicVisibility } from '../documents/visibility';

/**
 * A relation between documents stored in a join table, read from the owner's side:
 * `treatment.conditions` is { joinTable: 'treatment_conditions', ownerColumn: 'treatment_id',
 * targetColumn: 'condition_id' }.
 */
export interface RelationDescriptor<T extends ObjectLiteral> {
  /** Unique name, used as the loader's key within a request. */
  name: string;
  target: EntityTarget<T>;
  joinTable: string;
  ownerColumn: string;
  targetColumn: string;
  /** Extra condition on the join row, with `j` as its alias (e.g. the FAQ owner type). */
  joinCondition?: string;
  /** ORDER BY over `j` (join row) and `t` (target row); the id breaks ties. */
  orderBy: string;
}

/**
 * DataLoaders for one request, created lazily by name. Every relation field resolver goes
 * through here, so a request runs a fixed number of statements however many items it returns.
 */
export class RequestLoaders {
  private readonly loaders = new Map<string, DataLoader<any, any>>();

  constructor(private readonly dataSource: DataSource) {}

  private loader<K, V>(key: string, create: () => DataLoader<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(key);
    if (!loader) {
      loader = create();
      this.loaders.set(key, loader);
    }
    return loader as DataLoader<K, V>;
  }

  /** Published, non-trashed documents of one type by id; missing or hidden ones resolve to null. */
  documentById<T extends ObjectLiteral>(target: EntityTarget<T>): DataLoader<string, T | null> {
    const metadata = this.dataSource.getMetadata(target);
    return this.loader(`byId:${metadata.tableName}`, () =>
      new DataLoader<string, T | null>(async (ids) => {
        const rows = await this.dataSource
          .getRepository(target)
          .createQueryBuilder('t')
          .where('t.id = ANY(:ids)', { ids: [...ids] })
          .andWhere(publicVisibility('t'))
          .getMany();
        const byId = new Map(rows.map((row) => [row.id as string, row]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
    );
  }

  /** The visible targets of a relation for an owner id, in the descriptor's order. */
  related<T extends ObjectLiteral>(descriptor: RelationDescriptor<T>): DataLoader<string, T[]> {
    return this.loader(`rel:${descriptor.name}`, () =>
      new DataLoader<string, T[]>(async (ownerIds) => {
        const metadata = this.dataSource.getMetadata(descriptor.target);
        const links: { owner_id: string; target_id: string }[] = await this.dataSource
          .createQueryBuilder()
          .select(`j.${descriptor.ownerColumn}`, 'owner_id')
          .addSelect(`j.${descriptor.targetColumn}`, 'target_id')
          .from(descriptor.joinTable, 'j')
          .innerJoin(metadata.tableName, 't', `t.id = j.${descriptor.targetColumn}`)
          .where(`j.${descriptor.ownerColumn} = ANY(:ownerIds)`, { ownerIds: [...ownerIds] })
          .andWhere(descriptor.joinCondition ?? 'TRUE')
          .andWhere(publicVisibility('t'))
          .orderBy(descriptor.orderBy)
          .addOrderBy('t.id')
          .getRawMany();
        const targets = await this.documentById(descriptor.target).loadMany([...new Set(links.map((link) => link.target_id))]);
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

  /** Rows of a child table (not documents) by their parent id, e.g. a provider's external ids. */
  rowsByParent<T extends ObjectLiteral>(target: EntityTarget<T>, parentColumn: string, orderBy: string): DataLoader<string, T[]> {
    const metadata = this.dataSource.getMetadata(target);
    return this.loader(`rows:${metadata.tableName}:${parentColumn}`, () =>
      new DataLoader<string, T[]>(async (parentIds) => {
        const column = metadata.columns.find((candidate) => candidate.databaseName === parentColumn);
        if (!column) throw new Error(`${metadata.tableName} has no column ${parentColumn}`);
        const query = this.dataSource.getRepository(target).createQueryBuilder('c').where(`c.${parentColumn} = ANY(:parentIds)`, { parentIds: [...parentIds] });
        for (const part of orderBy.split(',')) query.addOrderBy(`c.${part.trim()}`);
        const rows = await query.getMany();
        const byParent = new Map<string, T[]>(parentIds.map((id) => [id, []]));
        for (const row of rows) byParent.get(row[column.propertyName])?.push(row);
        return parentIds.map((id) => byParent.get(id) ?? []);
      }),
    );
  }
}
