import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { AppError, ErrorCode } from '../common/errors/app-error';
import { AppConfig } from '../config/app-config';
import { GraphQLContext } from '../common/graphql/graphql-context';
import { can } from './actor';
import { ALLOWED_BEFORE_TWO_FACTOR_SETUP, Permission, PUBLIC_OPERATION, REQUIRED_PERMISSIONS, Role, SIGNED_IN_USER_ONLY } from './permissions';

/**
 * Enforces @Requires and @PublicOperation on every query and mutation (the global guard).
 * Mutations are secure by default: one that declares neither is refused. Queries without
 * metadata are public (their services still hide drafts from callers who may not see them).
 */
@Injectable()
export class PermissionsGuard implements CanActivate {
  private readonly logger = new Logger('PermissionsGuard');

  constructor(
    private readonly reflector: Reflector,
    private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType<GqlContextType>() !== 'graphql') return true;
    const gqlContext = GqlExecutionContext.create(context);
    const info = gqlContext.getInfo<GraphQLResolveInfo>();
    const actor = gqlContext.getContext<GraphQLContext>().actor;
    const isMutation = info.parentType === info.schema.getMutationType();
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_OPERATION, targets) ?? false;
    const required = this.reflector.getAllAndOverride<Permission[] | undefined>(REQUIRED_PERMISSIONS, targets);

    // A preview token is handed to a frontend to read drafts; it never changes anything.
    if (isMutation && actor?.kind === 'PREVIEW_TOKEN') throw AppError.forbidden('A preview token can only read drafts');
    if (isPublic) return true;
    if (!required) {
      if (!isMutation) return true;
      this.logger.error(`Mutation ${info.fieldName} declares neither @Requires nor @PublicOperation: refused`);
      throw actor ? AppError.forbidden() : AppError.unauthenticated();
    }
    if (!actor) throw AppError.unauthenticated();
    if (this.reflector.getAllAndOverride<boolean | undefined>(SIGNED_IN_USER_ONLY, targets) && actor.kind !== 'USER') {
      throw AppError.forbidden('Only a signed-in user can do this to their own account');
    }
    if (this.config.REQUIRE_ADMIN_TWO_FACTOR && actor.kind === 'USER' && actor.role === Role.ADMIN && !actor.twoFactor) {
      const allowed = this.reflector.getAllAndOverride<boolean | undefined>(ALLOWED_BEFORE_TWO_FACTOR_SETUP, targets) ?? false;
      if (!allowed) {
        throw new AppError(ErrorCode.FORBIDDEN, 'Admins must turn on two-factor sign-in first: call startTwoFactorSetup, then confirmTwoFactorSetup', {
          twoFactorSetupRequired: true,
        });
      }
    }
    if (required.length > 0 && !required.some((permission) => can(actor, permission))) throw AppError.forbidden();
    return true;
  }
}
