import { Module } from '@nestjs/common';
import { TreatmentsEditorialResolver } from './treatments-editorial.resolver';
import { TreatmentsResolver } from './treatments.resolver';
import { TreatmentsService } from './treatments.service';

@Module({
  providers: [TreatmentsService, TreatmentsResolver, TreatmentsEditorialResolver],
  exports: [TreatmentsService],
})
export class TreatmentsModule {}
