import { Args, Query, Resolver } from '@nestjs/graphql';
import { Permission, Requires } from '../auth/permissions';
import { AuditEntryConnection, AuditEntryModel } from './audit-entry.model';
import { AuditLogArgs } from './audit-log.inputs';
import { AuditLogQueries } from './audit-log.queries';

@Resolver(() => AuditEntryModel)
export class AuditLogResolver {
  constructor(private readonly queries: AuditLogQueries) {}

  @Requires(Permission.AUDIT_READ)
  @Query(() => AuditEntryConnection, {
    description: 'Every recorded change, newest first: who, with which credential, what, before and after, and the request. Admins only.',
  })
  auditLog(@Args() args: AuditLogArgs) {
    return this.queries.list(args, args.filter ?? {});
  }
}
