import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { RateLimiter } from './rate-limit';
import { MutationRateLimitPlugin } from './rate-limit.plugin';

/** Request and mutation budgets per client (README "Rate limits"); bootstrap installs the hook. */
@Module({
  imports: [AuthModule],
  providers: [RateLimiter, MutationRateLimitPlugin],
  exports: [RateLimiter],
})
export class RateLimitModule {}
