import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { AuditModule } from '../audit/audit.module';
import { UsersModule } from '../users/users.module';
import { InMemoryAttemptLimiter, LOGIN_ATTEMPT_LIMITER } from './attempt-limiter';
import { AuthResolver } from './auth.resolver';
import { AuthService } from './auth.service';
import { CredentialsService } from './credentials.service';
import { PermissionsGuard } from './permissions.guard';
import { signingSecretProvider } from './signing-secret';
import { TokensService } from './tokens.service';

/** Failed sign-ins per email and IP: 5 in 15 minutes, then wait until the oldest leaves the window. */
const LOGIN_FAILURES = { maxFailures: 5, windowMs: 15 * 60 * 1000 };

/** Sign-in, tokens, and the request-wide wiring: credentials to actor, and the global permissions guard. */
@Module({
  imports: [AuditModule, UsersModule, ApiKeysModule],
  providers: [
    signingSecretProvider,
    TokensService,
    AuthService,
    CredentialsService,
    AuthResolver,
    { provide: LOGIN_ATTEMPT_LIMITER, useFactory: () => new InMemoryAttemptLimiter(LOGIN_FAILURES) },
    { provide: APP_GUARD, useClass: PermissionsGuard },
  ],
  exports: [CredentialsService],
})
export class AuthModule {}
