import { Module } from '@nestjs/common';
import { TreatmentsResolver } from './treatments.resolver';
import { TreatmentsService } from './treatments.service';

@Module({
  providers: [TreatmentsService, TreatmentsResolver],
  exports: [TreatmentsService],
})
export class TreatmentsModule {}
