import { Module } from '@nestjs/common';
import { SyncRunsQueries } from './sync-runs.queries';
import { SyncResolver } from './sync.resolver';
import { SyncService } from './sync.service';
import { SyncSourcesService } from './sync-sources.service';

/** Provider sync from integrations (JSON, FHIR R4, NPPES), its per-source settings and run log. */
@Module({
  providers: [SyncService, SyncSourcesService, SyncRunsQueries, SyncResolver],
  exports: [SyncService],
})
export class SyncModule {}
