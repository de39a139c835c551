import { Module } from '@nestjs/common';
// Registers how public reads fetch this type (read plans).
import './condition.read-shape';
import { ConditionsEditorialResolver } from './conditions-editorial.resolver';
import { ConditionsResolver } from './conditions.resolver';
import { ConditionsService } from './conditions.service';

@Module({
  providers: [ConditionsService, ConditionsResolver, ConditionsEditorialResolver],
  exports: [ConditionsService],
})
export class ConditionsModule {}
