import { Module } from '@nestjs/common';
// Registers how public reads fetch this type (read plans).
import './practice.read-shape';
import { PracticeEditorialResolver } from './practice-editorial.resolver';
import { PracticeResolver } from './practice.resolver';
import { PracticeService } from './practice.service';

@Module({
  providers: [PracticeService, PracticeResolver, PracticeEditorialResolver],
  exports: [PracticeService],
})
export class PracticeModule {}
