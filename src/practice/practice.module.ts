import { Module } from '@nestjs/common';
import { PracticeEditorialResolver } from './practice-editorial.resolver';
import { PracticeResolver } from './practice.resolver';
import { PracticeService } from './practice.service';

@Module({
  providers: [PracticeService, PracticeResolver, PracticeEditorialResolver],
  exports: [PracticeService],
})
export class PracticeModule {}
