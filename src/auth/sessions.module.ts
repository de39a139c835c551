import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { RedisConnection } from '../redis/redis-connection';
import { REDIS } from '../redis/redis.module';
import { SessionCache } from './session-cache';
import { SessionsService } from './sessions.service';

/** Sessions as a whole (checking and ending them), apart from sign-in so that UsersModule can end a user's sessions. */
@Module({
  providers: [
    SessionsService,
    {
      provide: SessionCache,
      inject: [AppConfig, REDIS],
      useFactory: (config: AppConfig, redis: RedisConnection | null) => new SessionCache(config.SESSION_CHECK_CACHE_SECONDS * 1000, redis),
    },
  ],
  exports: [SessionsService],
})
export class SessionsModule {}
