import { Global, Module } from '@nestjs/common';
import { ContentChanges } from './content-changes';
import { ContentResolver } from './content.resolver';
import { EditorialInfoService } from './editorial-info';
import { EditorialService } from './editorial.service';
import { FaqPlacementsService } from './faq-placements.service';
import { PublishingService } from './publishing.service';
import { RevisionsService } from './revisions.service';
import { SchedulerService } from './scheduler.service';

/** The shared editing and publishing mechanisms every content module's admin resolver uses. */
@Global()
@Module({
  providers: [RevisionsService, ContentChanges, EditorialService, PublishingService, EditorialInfoService, FaqPlacementsService, SchedulerService, ContentResolver],
  exports: [ContentChanges, EditorialService, PublishingService, EditorialInfoService],
})
export class ContentModule {}
