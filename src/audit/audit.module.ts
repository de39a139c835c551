import { Global, Module } from '@nestjs/common';
import { AuditLogQueries } from './audit-log.queries';
import { AuditLogResolver } from './audit-log.resolver';
import { AuditLogService } from './audit-log.service';

@Global()
@Module({ providers: [AuditLogService, AuditLogQueries, AuditLogResolver], exports: [AuditLogService] })
export class AuditModule {}
