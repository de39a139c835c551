import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { AuditModule } from '../audit/audit.module';
import { UsersModule } from '../users/users.module';
import { RedisConnection } from '../redis/redis-connection';
import { REDIS } from '../redis/redis.module';
import { AttemptLimiter, AttemptWindow, FallbackAttemptLimiter, LOGIN_ATTEMPT_LIMITER } from './attempt-limiter';
import { AccountSecurityResolver } from './account-security.resolver';
import { AccountSecurityService } from './account-security.service';
import { AuthResolver } from './auth.resolver';
import { AuthService } from './auth.service';
import { CredentialsService } from './credentials.service';
import { PermissionsGuard } from './permissions.guard';
import { PostgresAttemptLimiter } from './postgres-attempt-limiter';
import { PreviewTokensResolver } from './preview-tokens.resolver';
import { PreviewTokensService } from './preview-tokens.service';
import { RedisAttemptLimiter } from './redis-attempt-limiter';
import { signingSecretProvider } from './signing-secret';
import { TokensService } from './tokens.service';

/** Sign-in attempts per email and IP: 5 in a 15-minute window from the first; a success starts over. */
const LOGIN_ATTEMPTS: AttemptWindow = { maxAttempts: 5, windowMs: 15 * 60 * 1000 };

/** Counts in Redis when the app has it (PostgreSQL while it is away), else in PostgreSQL: shared by every instance either way. */
function loginAttemptLimiter(dataSource: DataSource, redis: RedisConnection | null): AttemptLimiter {
  const database = new PostgresAttemptLimiter(dataSource, LOGIN_ATTEMPTS);
  return redis ? new FallbackAttemptLimiter(new RedisAttemptLimiter(redis, LOGIN_ATTEMPTS), database) : database;
}

/** Sign-in, tokens, and the request-wide wiring: credentials to actor, and the global permissions guard. */
@Module({
  imports: [AuditModule, UsersModule, ApiKeysModule],
  providers: [
    signingSecretProvider,
    TokensService,
    AuthService,
    CredentialsService,
    AuthResolver,
    AccountSecurityService,
    AccountSecurityResolver,
    PreviewTokensService,
    PreviewTokensResolver,
    { provide: LOGIN_ATTEMPT_LIMITER, inject: [DataSource, REDIS], useFactory: loginAttemptLimiter },
    { provide: APP_GUARD, useClass: PermissionsGuard },
  ],
  exports: [CredentialsService],
})
export class AuthModule {}
