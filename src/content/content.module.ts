import { Global, Module } from '@nestjs/common';
import { ContentChanges } from './content-changes';
import { ContentResolver } from './content.resolver';
import { DocumentQueries } from './documents/document-queries';
import { EditorialInfoService } from './editorial-info';
import { EditorialService } from './editorial.service';
import { FaqPlacementsService } from './faq-placements.service';
import { PublishingService } from './publishing.service';
import { RevisionsService } from './revisions.service';
import { SchedulerService } from './scheduler.service';
import { SiteUrls } from './site-urls';

/** The document mechanism every content module uses: public reads, editing, publishing, revisions. */
@Global()
@Module({
  providers: [
    DocumentQueries,
    RevisionsService,
    ContentChanges,
    EditorialService,
    PublishingService,
    EditorialInfoService,
    FaqPlacementsService,
    SchedulerService,
    ContentResolver,
    SiteUrls,
  ],
  exports: [DocumentQueries, ContentChanges, EditorialService, PublishingService, EditorialInfoService, SiteUrls],
})
export class ContentModule {}
