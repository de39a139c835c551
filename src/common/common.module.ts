import { Global, Module } from '@nestjs/common';
import { DocumentQueries } from './documents/document-queries';
import { RichTextResolver } from './rich-text/rich-text.resolver';

/** Mechanisms every content module uses. */
@Global()
@Module({
  providers: [DocumentQueries, RichTextResolver],
  exports: [DocumentQueries],
})
export class CommonModule {}
