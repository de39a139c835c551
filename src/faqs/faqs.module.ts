import { Module } from '@nestjs/common';
import { FaqsResolver } from './faqs.resolver';
import { FaqsService } from './faqs.service';

@Module({
  providers: [FaqsService, FaqsResolver],
  exports: [FaqsService],
})
export class FaqsModule {}
