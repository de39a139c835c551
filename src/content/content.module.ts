import { Global, Module } from '@nestjs/common';
import { ContentResolver } from './content.resolver';
import { EditorialInfoService } from './editorial-info';
import { EditorialService } from './editorial.service';
import { FaqPlacementsService } from './faq-placements.service';
import { PublishingService } from './publishing.service';
import { SchedulerService } from './scheduler.service';

/** The shared editing and publishing mechanisms every content module's admin resolver uses. */
@Global()
@Module({
  providers: [EditorialService, PublishingService, EditorialInfoService, FaqPlacementsService, SchedulerService, ContentResolver],
  exports: [EditorialService, PublishingService, EditorialInfoService],
})
export class ContentModule {}
