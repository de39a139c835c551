import { Module } from '@nestjs/common';
import { ConditionsEditorialResolver } from './conditions-editorial.resolver';
import { ConditionsResolver } from './conditions.resolver';
import { ConditionsService } from './conditions.service';

@Module({
  providers: [ConditionsService, ConditionsResolver, ConditionsEditorialResolver],
  exports: [ConditionsService],
})
export class ConditionsModule {}
