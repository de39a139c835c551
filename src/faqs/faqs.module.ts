import { Module } from '@nestjs/common';
import { FaqsEditorialResolver } from './faqs-editorial.resolver';
import { FaqsResolver } from './faqs.resolver';
import { FaqsService } from './faqs.service';

@Module({
  providers: [FaqsService, FaqsResolver, FaqsEditorialResolver],
  exports: [FaqsService],
})
export class FaqsModule {}
