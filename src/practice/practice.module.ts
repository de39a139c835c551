import { Module } from '@nestjs/common';
import { PracticeResolver } from './practice.resolver';
import { PracticeService } from './practice.service';

@Module({
  providers: [PracticeService, PracticeResolver],
  exports: [PracticeService],
})
export class PracticeModule {}
