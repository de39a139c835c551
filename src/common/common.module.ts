import { Global, Module } from '@nestjs/common';
import { RichTextResolver } from './rich-text/rich-text.resolver';

/** Field resolvers for the shared value types (rich text) every content type uses. */
@Global()
@Module({
  providers: [RichTextResolver],
})
export class CommonModule {}
