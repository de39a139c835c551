import { Injectable } from '@nestjs/common';
import { DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { CacheTags, recordDocumentsRead, recordRead } from '../common/cache-tags';
import { publicVisibility } from '../content/documents/visibility';
import { type RequestLoaders } from '../content/loaders/request-loaders';
import { Location } from '../locations/location.entity';
import { Practice } from '../practice/practice.entity';
import { Provider } from '../providers/provider.entity';

/**
 * The practice-wide lists JSON-LD needs (the practice, all its offices and providers): read once
 * per request however many documents ask, published ones only, tagged so a publish of any of
 * them refreshes cached answers.
 */
@Injectable()
export class PracticeDirectory {
  constructor(private readonly dataSource: DataSource) {}

  async practice(loaders: RequestLoaders): Promise<Practice | null> {
    const [practice] = await this.published(loaders, Practice, 'lower(t.name)');
    return practice ?? null;
  }

  offices(loaders: RequestLoaders): Promise<Location[]> {
    return this.published(loaders, Location, 'lower(t.name)');
  }

  /** Active providers only, as the offices' provider lists show them. */
  providers(loaders: RequestLoaders): Promise<Provider[]> {
    return this.published(loaders, Provider, 'lower(t.last_name), lower(t.first_name)', 't.active');
  }

  private published<T extends ObjectLiteral>(loaders: RequestLoaders, target: EntityTarget<T>, orderBy: string, condition = 'TRUE'): Promise<T[]> {
    const table = this.dataSource.getMetadata(target).tableName;
    return loaders
      .batched<T[]>(`practice-directory:${table}`, async (keys) => {
        const rows = await this.dataSource
          .getRepository(target)
          .createQueryBuilder('t')
          .where(publicVisibility('t'))
          .andWhere(condition)
          .orderBy(orderBy)
          .addOrderBy('t.id')
          .getMany();
        recordRead(CacheTags.list(table));
        recordDocumentsRead(rows);
        return keys.map(() => rows);
      })
      .load('all');
  }
}
