import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditLogService } from '../audit/audit-log.service';
import { Actor } from '../auth/actor';
import { AppError } from '../common/errors/app-error';
import { AppConfig } from '../config/app-config';
import { KeysetPage, PageRequest, paginateByKeyset } from '../common/pagination/keyset-pagination';
import { checkTargetUrl, resolveTarget, type TargetPolicy, WebhookTargetError } from './target-guard';
import { WebhookDelivery, WebhookDeliveryAttempt, WebhookDeliveryStatus } from './webhook-delivery.entity';
import { PING_EVENT_TYPE } from './webhook-event-types';
import { generateWebhookSecret, WebhookSecrets } from './webhook-secrets';
import { auditedSubscription, WebhookSubscription } from './webhook-subscription.entity';
import { WebhookDispatcher } from './webhook-dispatcher';
import { type CreateWebhookSubscriptionInput, type UpdateWebhookSubscriptionInput, type WebhookDeliveryFilter } from './webhook.inputs';
import { type WebhookDeliveryModel } from './webhook.model';
import { DocumentType } from '../content/documents/document-status';

/** How long the secret a rotation replaces keeps signing next to the new one. */
const ROTATION_OVERLAP_MS = 24 * 3600 * 1000;

const FILTER_COLUMNS = {
  subscriptionId: 'subscription_id',
  status: 'status',
  eventType: 'event_type',
  documentId: 'document_id',
  eventId: 'event_id',
} as const;

/** Admins manage subscriptions and read the delivery log here; the dispatcher does the sending. */
@Injectable()
export class WebhooksService {
  private readonly policy: TargetPolicy;

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLogService,
    private readonly secrets: WebhookSecrets,
    private readonly dispatcher: WebhookDispatcher,
    private readonly config: AppConfig,
  ) {
    this.policy = {
      allowHttp: config.WEBHOOK_ALLOW_HTTP,
      allowPrivate: config.WEBHOOK_ALLOW_PRIVATE_TARGETS,
      dnsServers: config.WEBHOOK_DNS_SERVERS.split(',')
        .map((server) => server.trim())
        .filter(Boolean),
    };
  }

  list(_actor: Actor): Promise<WebhookSubscription[]> {
    return this.dataSource.getRepository(WebhookSubscription).find({ order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async create(actor: Actor, input: CreateWebhookSubscriptionInput): Promise<{ subscription: WebhookSubscription; secret: string }> {
    const url = await this.checkedUrl(input.url);
    const secret = generateWebhookSecret();
    // Sealed before the transaction: the key may have to be read from the database first.
    const sealed = { secretEncrypted: await this.secrets.seal(secret), ...(await this.sealedHeaders(input.headers)) };
    return this.dataSource.transaction(async (manager) => {
      const subscription = manager.create(WebhookSubscription, {
        name: input.name.trim(),
        url,
        eventTypes: [...new Set(input.eventTypes ?? [])],
        documentTypes: [...new Set(input.documentTypes ?? [])],
        ...sealed,
        secretHint: secret.slice(-4),
        previousSecretEncrypted: null,
        previousSecretExpiresAt: null,
        enabled: true,
        disabledReason: null,
        consecutiveFailures: 0,
        createdBy: actor.kind === 'USER' ? actor.id : null,
      });
      await manager.save(subscription);
      await this.record(manager, actor, 'createWebhookSubscription', subscription, null);
      return { subscription, secret };
    });
  }

  async update(actor: Actor, input: UpdateWebhookSubscriptionInput): Promise<WebhookSubscription> {
    const url = input.url === undefined || input.url === null ? null : await this.checkedUrl(input.url);
    const headers = input.headers === undefined ? null : await this.sealedHeaders(input.headers);
    return this.change(actor, input.id, 'updateWebhookSubscription', (subscription) => {
      if (input.name !== undefined && input.name !== null) subscription.name = input.name.trim();
      if (url) subscription.url = url;
      if (input.eventTypes !== undefined) subscription.eventTypes = [...new Set(input.eventTypes ?? [])];
      if (input.documentTypes !== undefined) subscription.documentTypes = [...new Set(input.documentTypes ?? [])];
      if (headers) Object.assign(subscription, headers);
    });
  }

  /** A new secret, shown once; the old one keeps signing (a second v1) for a day so receivers can switch over. */
  async rotateSecret(actor: Actor, id: string): Promise<{ subscription: WebhookSubscription; secret: string }> {
    const secret = generateWebhookSecret();
    const sealed = await this.secrets.seal(secret);
    const subscription = await this.change(actor, id, 'rotateWebhookSecret', (subscription) => {
      subscription.previousSecretEncrypted = subscription.secretEncrypted;
      subscription.previousSecretExpiresAt = new Date(Date.now() + ROTATION_OVERLAP_MS);
      subscription.secretEncrypted = sealed;
      subscription.secretHint = secret.slice(-4);
    });
    return { subscription, secret };
  }

  setEnabled(actor: Actor, id: string, enabled: boolean): Promise<WebhookSubscription> {
    return this.change(actor, id, enabled ? 'enableWebhookSubscription' : 'disableWebhookSubscription', (subscription) => {
      subscription.enabled = enabled;
      subscription.disabledReason = enabled ? null : `disabled by ${actor.label}`;
      if (enabled) subscription.consecutiveFailures = 0;
    });
  }

  /** Deletes the subscription with its delivery log; returns it as it was. */
  delete(actor: Actor, id: string): Promise<WebhookSubscription> {
    return this.dataSource.transaction(async (manager) => {
      const subscription = await this.locked(manager, id);
      await this.record(manager, actor, 'deleteWebhookSubscription', null, subscription);
      await manager.delete(WebhookSubscription, { id });
      subscription.id = id;
      return subscription;
    });
  }

  /** Queues a signed "webhook.ping" (one attempt, sent even while the subscription is disabled) and returns its delivery. */
  async ping(actor: Actor, id: string): Promise<WebhookDeliveryModel> {
    const delivery = await this.dataSource.transaction(async (manager) => {
      const subscription = await this.locked(manager, id);
      const eventId = randomUUID();
      const body = JSON.stringify({
        id: eventId,
        type: PING_EVENT_TYPE,
        occurredAt: new Date().toISOString(),
        document: null,
        paths: [],
        subscription: { id: subscription.id, name: subscription.name },
      });
      const delivery = await this.insertDelivery(manager, {
        subscriptionId: id,
        eventId,
        eventSeq: '0',
        orderingKey: `ping:${eventId}`,
        eventType: PING_EVENT_TYPE,
        documentType: null,
        documentId: null,
        body,
        maxAttempts: 1,
        redeliveryOf: null,
      });
      await this.audit.record(manager, actor, {
        action: 'pingWebhookSubscription',
        documentType: 'WEBHOOK',
        documentId: id,
        after: { deliveryId: delivery.id },
      });
      return delivery;
    });
    this.dispatcher.wake();
    return this.deliveryModel(delivery, []);
  }

  /** Sends a delivery's event again, as a new delivery with the same event id and body. */
  async redeliver(actor: Actor, deliveryId: string): Promise<WebhookDeliveryModel> {
    const delivery = await this.dataSource.transaction(async (manager) => {
      const original = await manager.findOneBy(WebhookDelivery, { id: deliveryId });
      if (!original) throw AppError.notFound('Webhook delivery');
      const delivery = await this.insertDelivery(manager, {
        subscriptionId: original.subscriptionId,
        eventId: original.eventId,
        eventSeq: original.eventSeq,
        // A redelivery is asked for by hand: it does not wait for (or hold up) the document's other events.
        orderingKey: `redelivery:${randomUUID()}`,
        eventType: original.eventType,
        documentType: original.documentType,
        documentId: original.documentId,
        body: original.body,
        maxAttempts: original.eventType === PING_EVENT_TYPE ? 1 : this.config.WEBHOOK_MAX_ATTEMPTS,
        redeliveryOf: original.id,
      });
      await this.audit.record(manager, actor, {
        action: 'redeliverWebhookDelivery',
        documentType: 'WEBHOOK',
        documentId: original.subscriptionId,
        after: { deliveryId: delivery.id, redeliveryOf: original.id, eventId: original.eventId },
      });
      return delivery;
    });
    this.dispatcher.wake();
    return this.deliveryModel(delivery, []);
  }

  /** A page of the delivery log, newest first, each delivery with its attempts (one more statement for the page). */
  async deliveries(page: PageRequest, filter: WebhookDeliveryFilter): Promise<KeysetPage<WebhookDeliveryModel>> {
    const query = this.dataSource.getRepository(WebhookDelivery).createQueryBuilder('delivery').where('TRUE');
    for (const [criterion, column] of Object.entries(FILTER_COLUMNS) as [keyof typeof FILTER_COLUMNS, string][]) {
      const value = filter[criterion];
      if (value !== undefined && value !== null) query.andWhere(`delivery.${column} = :${criterion}`, { [criterion]: value });
    }
    if (filter.from) query.andWhere('delivery.created_at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('delivery.created_at < :to', { to: filter.to });
    const found = await paginateByKeyset(query, page, { keys: [{ expression: 'delivery.created_at', kind: 'timestamp' }], direction: 'DESC' });
    const ids = found.edges.map((edge) => edge.node.id);
    const attempts = ids.length
      ? await this.dataSource
          .getRepository(WebhookDeliveryAttempt)
          .createQueryBuilder('a')
          .where('a.delivery_id = ANY(:ids)', { ids })
          .orderBy('a.attempt')
          .getMany()
      : [];
    const byDelivery = new Map<string, WebhookDeliveryAttempt[]>();
    for (const attempt of attempts) byDelivery.set(attempt.deliveryId, [...(byDelivery.get(attempt.deliveryId) ?? []), attempt]);
    const sortValues = new Map<WebhookDeliveryModel, unknown[]>();
    const edges = found.edges.map((edge) => {
      const node = this.deliveryModel(edge.node, byDelivery.get(edge.node.id) ?? []);
      sortValues.set(node, found.sortValues.get(edge.node) ?? []);
      return {
        get cursor() {
          return edge.cursor;
        },
        node,
      };
    });
    return { edges, pageInfo: found.pageInfo, totalCount: found.totalCount, sortValues };
  }

  private deliveryModel(delivery: WebhookDelivery, attempts: WebhookDeliveryAttempt[]): WebhookDeliveryModel {
    return {
      id: delivery.id,
      subscriptionId: delivery.subscriptionId,
      eventId: delivery.eventId,
      eventType: delivery.eventType,
      // Events about no document (a sync run) keep their own type in the envelope only.
      documentType: isDocumentType(delivery.documentType) ? delivery.documentType : null,
      documentId: delivery.documentId,
      status: delivery.status,
      attemptCount: delivery.attempts,
      maxAttempts: delivery.maxAttempts,
      nextAttemptAt: delivery.status === WebhookDeliveryStatus.PENDING ? delivery.nextAttemptAt : null,
      createdAt: delivery.createdAt,
      completedAt: delivery.completedAt,
      lastStatusCode: delivery.lastStatusCode,
      lastError: delivery.lastError,
      redeliveryOf: delivery.redeliveryOf,
      body: delivery.body,
      attempts,
    };
  }

  private async insertDelivery(
    manager: EntityManager,
    values: Pick<
      WebhookDelivery,
      'subscriptionId' | 'eventId' | 'eventSeq' | 'orderingKey' | 'eventType' | 'documentType' | 'documentId' | 'body' | 'maxAttempts' | 'redeliveryOf'
    >,
  ): Promise<WebhookDelivery> {
    const delivery = manager.create(WebhookDelivery, { ...values, status: WebhookDeliveryStatus.PENDING, attempts: 0 });
    await manager.save(delivery);
    return manager.findOneByOrFail(WebhookDelivery, { id: delivery.id });
  }

  /** The URL as it will be stored, or BAD_USER_INPUT on input.url saying why the guard refuses it. */
  private async checkedUrl(raw: string): Promise<string> {
    try {
      const url = checkTargetUrl(raw.trim(), this.policy);
      await resolveTarget(url, this.policy);
      return url.toString();
    } catch (error) {
      const message = error instanceof WebhookTargetError || error instanceof Error ? error.message : String(error);
      throw AppError.badInput([{ path: 'input.url', message }]);
    }
  }

  private async sealedHeaders(
    headers: { name: string; value: string }[] | null | undefined,
  ): Promise<Pick<WebhookSubscription, 'headerNames' | 'headersEncrypted'>> {
    const list = headers ?? [];
    const names = list.map((header) => header.name.toLowerCase());
    if (new Set(names).size !== names.length) throw AppError.badInput([{ path: 'input.headers', message: 'names a header twice' }]);
    if (list.length === 0) return { headerNames: [], headersEncrypted: null };
    return {
      headerNames: list.map((header) => header.name),
      headersEncrypted: await this.secrets.seal(JSON.stringify(Object.fromEntries(list.map((header) => [header.name, header.value])))),
    };
  }

  private async locked(manager: EntityManager, id: string): Promise<WebhookSubscription> {
    const subscription = await manager.findOne(WebhookSubscription, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!subscription) throw AppError.notFound('Webhook subscription');
    return subscription;
  }

  private change(actor: Actor, id: string, action: string, apply: (subscription: WebhookSubscription) => void): Promise<WebhookSubscription> {
    return this.dataSource.transaction(async (manager) => {
      const subscription = await this.locked(manager, id);
      const before = auditedSubscription(subscription);
      apply(subscription);
      await manager.save(subscription);
      await this.record(manager, actor, action, subscription, before);
      return subscription;
    });
  }

  private record(
    manager: EntityManager,
    actor: Actor,
    action: string,
    subscription: WebhookSubscription | null,
    before: WebhookSubscription | Record<string, unknown> | null,
  ): Promise<void> {
    const beforeState = before instanceof WebhookSubscription ? auditedSubscription(before) : before;
    const id = subscription?.id ?? (before instanceof WebhookSubscription ? before.id : null);
    return this.audit.record(manager, actor, {
      action,
      documentType: 'WEBHOOK',
      documentId: id,
      before: beforeState,
      after: subscription ? auditedSubscription(subscription) : null,
    });
  }
}

function isDocumentType(value: string | null): value is DocumentType {
  return value !== null && (Object.values(DocumentType) as string[]).includes(value);
}
