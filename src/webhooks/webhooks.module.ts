import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLogService } from '../audit/audit-log.service';
import { AuditModule } from '../audit/audit.module';
import { AppConfig } from '../config/app-config';
import { WebhookDeliveryStore } from './webhook-delivery.store';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookSecrets } from './webhook-secrets';
import { WebhooksResolver } from './webhooks.resolver';
import { WebhooksService } from './webhooks.service';

/** Webhook subscriptions, the delivery log, and the outbox dispatcher every instance runs. */
@Module({
  imports: [AuditModule],
  providers: [
    {
      provide: WebhookSecrets,
      inject: [AppConfig, DataSource],
      useFactory: (config: AppConfig, dataSource: DataSource) => new WebhookSecrets(config, dataSource),
    },
    {
      provide: WebhookDeliveryStore,
      inject: [DataSource, AuditLogService, AppConfig],
      useFactory: (dataSource: DataSource, audit: AuditLogService, config: AppConfig) =>
        new WebhookDeliveryStore(dataSource, audit, {
          maxAttempts: config.WEBHOOK_MAX_ATTEMPTS,
          retryBaseMs: config.WEBHOOK_RETRY_BASE_MS,
          disableAfterFailures: config.WEBHOOK_DISABLE_AFTER_FAILURES,
          sitePaths: config.sitePaths,
        }),
    },
    WebhookDispatcher,
    WebhooksService,
    WebhooksResolver,
  ],
  exports: [WebhooksService],
})
export class WebhooksModule {}
