import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DocumentType } from '../content/documents/document-status';
import { ConnectionOf } from '../common/pagination/connection.model';
import { WebhookDeliveryStatus } from './webhook-delivery.entity';
import { WebhookEventType } from './webhook-event-types';

registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'Where a webhook delivery stands.',
  valuesMap: {
    PENDING: { description: 'Waiting for its first attempt, being sent, or waiting to be retried.' },
    SUCCEEDED: { description: 'The receiver answered 2xx.' },
    FAILED: { description: 'Given up: an answer that will not change (4xx other than 408/429, a redirect, a refused target) or every attempt used.' },
  },
});

@ObjectType('WebhookSubscription', { description: 'Where the API POSTs content change events. Its secret is shown only when created or rotated.' })
export class WebhookSubscriptionModel {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id: string;

  @Field(() => String, { description: 'What the subscription is for.' })
  name: string;

  @Field(() => String, { description: 'The URL events are POSTed to.' })
  url: string;

  @Field(() => [WebhookEventType], { description: 'Events sent; empty: every event type.' })
  eventTypes: WebhookEventType[];

  @Field(() => [DocumentType], { description: 'Document types whose events are sent; empty: every type.' })
  documentTypes: DocumentType[];

  @Field(() => [String], { description: 'Names of the extra headers sent (their values are never shown).' })
  headerNames: string[];

  @Field(() => String, { description: 'The last four characters of the signing secret, to tell which one a receiver holds.' })
  secretHint: string;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'Until then the secret replaced by the last rotation still signs too (a second `v1=` in the signature header); null when none does.',
  })
  previousSecretExpiresAt: Date | null;

  @Field(() => Boolean, { description: 'Whether events are sent. Events while disabled are not queued for it.' })
  enabled: boolean;

  @Field(() => String, { nullable: true, description: 'Why it is disabled: by whom, or after how many failed deliveries in a row.' })
  disabledReason: string | null;

  @Field(() => Int, { description: 'Deliveries in a row that ended failed; at WEBHOOK_DISABLE_AFTER_FAILURES the subscription is disabled.' })
  consecutiveFailures: number;

  @Field(() => GraphQLISODateTime, { description: 'When it was created.' })
  createdAt: Date;

  @Field(() => GraphQLISODateTime, { description: 'When it last changed.' })
  updatedAt: Date;
}

@ObjectType('CreatedWebhookSubscription', { description: 'A subscription with its signing secret: store the secret now, it cannot be shown again.' })
export class CreatedWebhookSubscriptionModel {
  @Field(() => WebhookSubscriptionModel, { description: 'The subscription.' })
  subscription: WebhookSubscriptionModel;

  @Field(() => String, { description: 'The signing secret (`whsec_…`) the receiver verifies `X-Webhook-Signature` with. Shown only this once.' })
  secret: string;
}

@ObjectType('WebhookDeliveryAttempt', { description: 'One HTTP request of a delivery.' })
export class WebhookDeliveryAttemptModel {
  @Field(() => Int, { description: 'Which attempt it was, from 1.' })
  attempt: number;

  @Field(() => GraphQLISODateTime, { description: 'When the request started.' })
  startedAt: Date;

  @Field(() => Int, { description: 'How long it took, in milliseconds (resolving, connecting, the answer).' })
  durationMs: number;

  @Field(() => Int, { nullable: true, description: 'The HTTP status of the answer; null when there was none (timeout, connection error, refused target).' })
  statusCode: number | null;

  @Field(() => String, { nullable: true, description: 'What went wrong; null on success.' })
  error: string | null;

  @Field(() => String, { nullable: true, description: 'The first kilobyte of the response body.' })
  responseExcerpt: string | null;
}

@ObjectType('WebhookDelivery', { description: 'One event sent (or to be sent) to one subscription, with every attempt.' })
export class WebhookDeliveryModel {
  @Field(() => ID, { description: 'Identifier of the delivery (the `X-Webhook-Delivery` header).' })
  id: string;

  @Field(() => ID, { description: 'The subscription.' })
  subscriptionId: string;

  @Field(() => ID, { description: 'The event (the envelope `id` and `X-Webhook-Id`): the same for a redelivery, so receivers can de-duplicate.' })
  eventId: string;

  @Field(() => String, { description: 'The event type ("document.published", or "webhook.ping" for a test).' })
  eventType: string;

  @Field(() => DocumentType, {
    nullable: true,
    description: 'Type of the document the event is about; null for a test ping and for a sync run (sync.completed: `documentId` is the run).',
  })
  documentType: DocumentType | null;

  @Field(() => ID, { nullable: true, description: 'The document the event is about (for sync.completed, the sync run); null for a test ping.' })
  documentId: string | null;

  @Field(() => WebhookDeliveryStatus, { description: 'Where it stands.' })
  status: WebhookDeliveryStatus;

  @Field(() => Int, { description: 'Attempts made so far (one may be in progress).' })
  attemptCount: number;

  @Field(() => Int, { description: 'Attempts allowed before it is marked failed.' })
  maxAttempts: number;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the next attempt is due, while pending.' })
  nextAttemptAt: Date | null;

  @Field(() => GraphQLISODateTime, { description: 'When the delivery was created.' })
  createdAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it succeeded or was given up.' })
  completedAt: Date | null;

  @Field(() => Int, { nullable: true, description: 'HTTP status of the last attempt.' })
  lastStatusCode: number | null;

  @Field(() => String, { nullable: true, description: 'Error of the last attempt.' })
  lastError: string | null;

  @Field(() => ID, { nullable: true, description: 'The delivery this one sends again, when made by redeliverWebhookDelivery.' })
  redeliveryOf: string | null;

  @Field(() => String, { description: 'The JSON body, exactly as sent.' })
  body: string;

  @Field(() => [WebhookDeliveryAttemptModel], { description: 'Every attempt, first to last.' })
  attempts: WebhookDeliveryAttemptModel[];
}

export const { Connection: WebhookDeliveryConnection } = ConnectionOf(WebhookDeliveryModel, 'WebhookDelivery', 'webhook delivery');
