import { Module } from '@nestjs/common';
// Registers how public reads fetch this type (read plans).
import './faq.read-shape';
import { FaqsEditorialResolver } from './faqs-editorial.resolver';
import { FaqsResolver } from './faqs.resolver';
import { FaqsService } from './faqs.service';

@Module({
  providers: [FaqsService, FaqsResolver, FaqsEditorialResolver],
  exports: [FaqsService],
})
export class FaqsModule {}
