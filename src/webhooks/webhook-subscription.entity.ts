import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * Where and what to send when content changes. The signing secret and the extra headers are
 * stored encrypted (AES-256-GCM, see webhook-secrets.ts): HMAC signing needs the secret itself,
 * so it cannot be kept as a hash.
 */
@Entity('webhook_subscriptions')
export class WebhookSubscription {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'text' })
  url: string;

  /** Event types to send ("document.published"); empty: every type. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  eventTypes: string[];

  /** Document types to send ("TREATMENT"); empty: every type. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  documentTypes: string[];

  /** Names of the extra headers, readable in lists; their values are only in `headersEncrypted`. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  headerNames: string[];

  /** The extra headers as encrypted JSON, or null when there are none. */
  @Column({ type: 'text', nullable: true })
  headersEncrypted: string | null;

  @Column({ type: 'text' })
  secretEncrypted: string;

  /** The last four characters of the secret, to tell which one a receiver holds. */
  @Column({ type: 'varchar', length: 8 })
  secretHint: string;

  /** After a rotation the old secret also signs, until `previousSecretExpiresAt`, so receivers can switch without losing events. */
  @Column({ type: 'text', nullable: true })
  previousSecretEncrypted: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  previousSecretExpiresAt: Date | null;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  /** Why the subscription is disabled: by an admin, or after repeated failed deliveries. */
  @Column({ type: 'text', nullable: true })
  disabledReason: string | null;

  /** Deliveries in a row that ended failed; a success starts the count over. */
  @Column({ type: 'integer', default: 0 })
  consecutiveFailures: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;
}

/** What the audit log records of a subscription: never its secret or header values. */
export function auditedSubscription(subscription: WebhookSubscription): Record<string, unknown> {
  return {
    name: subscription.name,
    url: subscription.url,
    eventTypes: subscription.eventTypes,
    documentTypes: subscription.documentTypes,
    headerNames: subscription.headerNames,
    secretHint: subscription.secretHint,
    enabled: subscription.enabled,
    disabledReason: subscription.disabledReason,
  };
}
