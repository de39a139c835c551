import { Column, CreateDateColumn, Entity, Index, ManyToOne, JoinColumn, PrimaryGeneratedColumn } from 'typeorm';
import { WebhookSubscription } from './webhook-subscription.entity';

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}

/**
 * One event for one subscription. The body is frozen when the delivery is created, so every
 * attempt (and a redelivery) sends the same bytes. Deliveries of one subscription that share an
 * `orderingKey` (a document) are sent one at a time, in `eventSeq` order.
 */
@Entity('webhook_deliveries')
@Index('IDX_webhook_deliveries_due', ['nextAttemptAt'], { where: `status = 'PENDING'` })
@Index('IDX_webhook_deliveries_order', ['subscriptionId', 'orderingKey', 'eventSeq'], { where: `status = 'PENDING'` })
@Index('IDX_webhook_deliveries_log', ['subscriptionId', 'createdAt'])
export class WebhookDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  subscriptionId: string;

  @ManyToOne(() => WebhookSubscription, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subscription_id' })
  subscription?: WebhookSubscription;

  /** The outbox event's id: the `id` of the envelope, which receivers de-duplicate by. */
  @Column({ type: 'uuid' })
  eventId: string;

  /** The outbox event's position; orders the deliveries of one document. */
  @Column({ type: 'bigint' })
  eventSeq: string;

  @Column({ type: 'varchar', length: 80 })
  orderingKey: string;

  @Column({ type: 'varchar', length: 64 })
  eventType: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  documentType: string | null;

  @Column({ type: 'uuid', nullable: true })
  documentId: string | null;

  /** The JSON body as signed and sent. */
  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'varchar', length: 16, default: WebhookDeliveryStatus.PENDING })
  status: WebhookDeliveryStatus;

  /** Attempts started (a claim counts one). */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** Attempts allowed: the configured number, or one for a test ping. */
  @Column({ type: 'integer' })
  maxAttempts: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  /** The instance sending it holds it until then; past it, another instance may take it over. */
  @Column({ type: 'timestamptz', nullable: true })
  leaseExpiresAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  leaseToken: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ type: 'integer', nullable: true })
  lastStatusCode: number | null;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  /** The delivery this one sends again (redeliverWebhookDelivery). */
  @Column({ type: 'uuid', nullable: true })
  redeliveryOf: string | null;
}

/** One HTTP attempt of a delivery, as the delivery log shows it. */
@Entity('webhook_delivery_attempts')
@Index(['deliveryId', 'attempt'])
export class WebhookDeliveryAttempt {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  deliveryId: string;

  @ManyToOne(() => WebhookDelivery, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delivery_id' })
  delivery?: WebhookDelivery;

  @Column({ type: 'integer' })
  attempt: number;

  @Column({ type: 'timestamptz' })
  startedAt: Date;

  @Column({ type: 'integer' })
  durationMs: number;

  @Column({ type: 'integer', nullable: true })
  statusCode: number | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** The first kilobyte of the response body. */
  @Column({ type: 'text', nullable: true })
  responseExcerpt: string | null;
}
