import { Module } from '@nestjs/common';
import { NoticesEditorialResolver } from './notices-editorial.resolver';
import { NoticesResolver } from './notices.resolver';
import { NoticesService } from './notices.service';
import { PracticeNoticesResolver } from './practice-notices.resolver';

@Module({
  providers: [NoticesService, NoticesResolver, NoticesEditorialResolver, PracticeNoticesResolver],
  exports: [NoticesService],
})
export class NoticesModule {}
