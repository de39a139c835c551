import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConnectionShape } from '../common/pagination/connection.model';
import { PageRequest, paginateByKeyset } from '../common/pagination/keyset-pagination';
import { SyncRun } from './sync-run.entity';
import { SyncRunModel, syncRunModel } from './sync-runs.model';
import { SyncRunsFilter } from './sync.inputs';

/** Reads of the sync log (runs are written by SyncService, in each run's transaction). */
@Injectable()
export class SyncRunsQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** A page of runs, newest first. */
  async list(page: PageRequest, filter: SyncRunsFilter): Promise<ConnectionShape<SyncRunModel>> {
    const query = this.dataSource.getRepository(SyncRun).createQueryBuilder('run').where('TRUE');
    if (filter.source) query.andWhere('run.source = :source', { source: filter.source });
    if (filter.status) query.andWhere('run.status = :status', { status: filter.status });
    const result = await paginateByKeyset(query, page, { keys: [{ expression: 'run.started_at', kind: 'timestamp' }], direction: 'DESC' });
    return { ...result, edges: result.edges.map((edge) => ({ cursor: edge.cursor, node: syncRunModel(edge.node) })) };
  }
}
