import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { AppError } from '../common/errors/app-error';
import { GraphQLContext } from '../common/graphql/graphql-context';
import { can } from './actor';
import { Permission, PUBLIC_OPERATION, REQUIRED_PERMISSIONS } from './permissions';

/**
 * Enforces @Requires and @PublicOperation on every query and mutation (the global guard).
 * Mutations are secure by default: one that declares neither is refused. Queries without
 * metadata are public (their services still hide drafts from callers who may not see them).
 */
@Injectable()
export class PermissionsGuard implements CanActivate {
  private readonly logger = new Logger('PermissionsGuard');

  constructor(private readonly reflector: Reflector) {}

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
    if (required.length > 0 && !required.some((permission) => can(actor, permission))) throw AppError.forbidden();
    return true;
  }
}
