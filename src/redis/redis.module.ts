import { DynamicModule, Global, Module } from '@nestjs/common';
import { RedisConnection } from './redis-connection';

/** Injection token of the app's Redis connection: a RedisConnection, or null without REDIS_URL. */
export const REDIS = Symbol('RedisConnection');

/** Provides the Redis connection bootstrap opened (or null), like DatabaseModule does the DataSource. */
@Global()
@Module({})
export class RedisModule {
  static forConnection(connection: RedisConnection | null): DynamicModule {
    return { module: RedisModule, providers: [{ provide: REDIS, useValue: connection }], exports: [REDIS] };
  }
}
