import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { AuditModule } from '../audit/audit.module';
import { UsersModule } from '../users/users.module';
import { RedisConnection } from '../redis/redis-connection';
import { REDIS } from '../redis/redis.module';
import { AttemptLimiter, AttemptWindow, FallbackAttemptLimiter } from './attempt-limiter';
import { AppConfig } from '../config/app-config';
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
import { RefreshTokens } from './refresh-tokens';
import { SecurityEvents } from './security-events';
import { SessionsModule } from './sessions.module';
import { ACCOUNT_AND_ADDRESS_LIMITER, ACCOUNT_LIMITER, ADDRESS_LIMITER, SignInBudgets } from './sign-in-budgets';
import { signingSecretProvider } from './signing-secret';
import { TokensService } from './tokens.service';

const WINDOW_MS = 15 * 60 * 1000;
/** Sign-in attempts per email and IP: 5 in a 15-minute window from the first; a success starts over. */
const ACCOUNT_AND_ADDRESS_ATTEMPTS = 5;

/** Counts in Redis when the app has it (PostgreSQL while it is away), else in PostgreSQL: shared by every instance either way. */
function attemptLimiter(window: AttemptWindow) {
  return (dataSource: DataSource, redis: RedisConnection | null): AttemptLimiter => {
    const database = new PostgresAttemptLimiter(dataSource, window);
    return redis ? new FallbackAttemptLimiter(new RedisAttemptLimiter(redis, window), database) : database;
  };
}

const limiterProviders = [
  {
    provide: ACCOUNT_AND_ADDRESS_LIMITER,
    inject: [DataSource, REDIS],
    useFactory: attemptLimiter({ maxAttempts: ACCOUNT_AND_ADDRESS_ATTEMPTS, windowMs: WINDOW_MS }),
  },
  {
    provide: ACCOUNT_LIMITER,
    inject: [DataSource, REDIS, AppConfig],
    useFactory: (dataSource: DataSource, redis: RedisConnection | null, config: AppConfig) =>
      attemptLimiter({ maxAttempts: config.LOGIN_ATTEMPTS_PER_ACCOUNT, windowMs: WINDOW_MS })(dataSource, redis),
  },
  {
    provide: ADDRESS_LIMITER,
    inject: [DataSource, REDIS, AppConfig],
    useFactory: (dataSource: DataSource, redis: RedisConnection | null, config: AppConfig) =>
      attemptLimiter({ maxAttempts: config.LOGIN_ATTEMPTS_PER_ADDRESS, windowMs: WINDOW_MS })(dataSource, redis),
  },
];

/** Sign-in, tokens, and the request-wide wiring: credentials to actor, and the global permissions guard. */
@Module({
  imports: [AuditModule, UsersModule, ApiKeysModule, SessionsModule],
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
    RefreshTokens,
    SecurityEvents,
    SignInBudgets,
    ...limiterProviders,
    { provide: APP_GUARD, useClass: PermissionsGuard },
  ],
  exports: [CredentialsService],
})
export class AuthModule {}
