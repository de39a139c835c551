import { type DataSource, type EntityManager } from 'typeorm';
import { type AuditLogService } from '../audit/audit-log.service';
import { SYSTEM_ACTOR } from '../auth/actor';
import { envelopeOf, type OutboxEventRow } from './webhook-envelope';
import { PING_EVENT_TYPE } from './webhook-event-types';
import { type SendResult } from './webhook-sender';
import { auditedSubscription, WebhookSubscription } from './webhook-subscription.entity';

/** One transaction at a time turns outbox events into deliveries, so deliveries are created in outbox order. */
const FAN_OUT_LOCK = 7_305_214_001;
export const FAN_OUT_BATCH = 500;

export interface DeliverySettings {
  maxAttempts: number;
  retryBaseMs: number;
  disableAfterFailures: number;
  sitePaths: ReadonlyMap<string, string>;
}

/** A delivery this instance holds the lease of, with what it needs to send it. */
export interface ClaimedDelivery {
  id: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  body: string;
  attempt: number;
  maxAttempts: number;
  url: string;
  headersEncrypted: string | null;
  secretEncrypted: string;
  previousSecretEncrypted: string | null;
}

/** What happened to a delivery after an attempt. */
export type AttemptOutcome = { status: 'SUCCEEDED' } | { status: 'FAILED'; subscriptionDisabled: boolean } | { status: 'PENDING'; retryInMs: number };

/**
 * The SQL of the outbox and of deliveries. Every method is one short transaction: no connection
 * is held while a webhook is sent (the embedded database has only one).
 */
export class WebhookDeliveryStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLogService,
    private readonly settings: DeliverySettings,
  ) {}

  /**
   * Claims the oldest unprocessed outbox events (FOR UPDATE SKIP LOCKED), creates one delivery per
   * matching enabled subscription, and marks the events processed. Returns how many events it took.
   */
  fanOut(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      // The lock, the events and the enabled subscriptions in one round trip; no lock reads as no events.
      const [{ events, subscriptions }]: {
        events: OutboxEventRow[] | null;
        subscriptions: { id: string; event_types: string[]; document_types: string[] }[] | null;
      }[] = await manager.query(
        `WITH lock AS (SELECT pg_try_advisory_xact_lock($1) AS locked),
         events AS (
           SELECT id, seq::text AS seq, created_at, event_type, document_type, document_id, payload FROM outbox_events
           WHERE (SELECT locked FROM lock) AND processed_at IS NULL ORDER BY seq LIMIT $2 FOR UPDATE SKIP LOCKED)
         SELECT (SELECT json_agg(e ORDER BY e.seq::bigint) FROM events e) AS events,
           CASE WHEN EXISTS (SELECT 1 FROM events) THEN
             (SELECT json_agg(json_build_object('id', id, 'event_types', event_types, 'document_types', document_types)) FROM webhook_subscriptions WHERE enabled)
           END AS subscriptions`,
        [FAN_OUT_LOCK, FAN_OUT_BATCH],
      );
      if (!events?.length) return 0;
      const deliveries = [];
      for (const event of events) {
        const matching = (subscriptions ?? []).filter(
          (subscription) =>
            (subscription.event_types.length === 0 || subscription.event_types.includes(event.event_type)) &&
            (subscription.document_types.length === 0 || subscription.document_types.includes(event.document_type)),
        );
        if (matching.length === 0) continue;
        const body = JSON.stringify(envelopeOf(event, this.settings.sitePaths));
        for (const subscription of matching) {
          deliveries.push({
            subscription_id: subscription.id,
            event_id: event.id,
            event_seq: event.seq,
            ordering_key: `${event.document_type}:${event.document_id}`,
            event_type: event.event_type,
            document_type: event.document_type,
            document_id: event.document_id,
            body,
          });
        }
      }
      // The deliveries and the events' processed mark in one statement.
      await manager.query(
        `WITH deliveries AS (
           INSERT INTO webhook_deliveries (subscription_id, event_id, event_seq, ordering_key, event_type, document_type, document_id, body, max_attempts)
           SELECT v.subscription_id, v.event_id, v.event_seq, v.ordering_key, v.event_type, v.document_type, v.document_id, v.body, $2
           FROM jsonb_to_recordset($1::jsonb) AS v(subscription_id uuid, event_id uuid, event_seq bigint, ordering_key text, event_type text, document_type text, document_id uuid, body text)
           RETURNING 1)
         UPDATE outbox_events SET processed_at = now() WHERE id = ANY($3::uuid[])`,
        [JSON.stringify(deliveries), this.settings.maxAttempts, events.map((event) => event.id)],
      );
      return events.length;
    });
  }

  /**
   * Takes up to `limit` due deliveries for `leaseMs`. Only the oldest pending delivery of each
   * document (per subscription) is due, so one document's events arrive in order and never two at
   * once; rows another instance is claiming are skipped, and a leased row is nobody else's until
   * its lease runs out (an instance that died mid-request).
   */
  async claim(limit: number, leaseToken: string, leaseMs: number): Promise<ClaimedDelivery[]> {
    // TypeORM answers an UPDATE with [rows, count].
    const [rows]: [Record<string, unknown>[], number] = await this.dataSource.query(
      `WITH due AS (
         SELECT d.id FROM webhook_deliveries d
         JOIN webhook_subscriptions s ON s.id = d.subscription_id AND (s.enabled OR d.event_type = '${PING_EVENT_TYPE}')
         WHERE d.status = 'PENDING' AND d.next_attempt_at <= now() AND (d.lease_expires_at IS NULL OR d.lease_expires_at < now())
           AND NOT EXISTS (
             SELECT 1 FROM webhook_deliveries e
             WHERE e.subscription_id = d.subscription_id AND e.ordering_key = d.ordering_key AND e.status = 'PENDING' AND e.event_seq < d.event_seq)
         ORDER BY d.next_attempt_at, d.event_seq
         LIMIT $1
         FOR UPDATE OF d SKIP LOCKED
       )
       UPDATE webhook_deliveries d
       SET lease_token = $2, lease_expires_at = now() + make_interval(secs => $3::double precision / 1000), attempts = d.attempts + 1
       FROM due, webhook_subscriptions s
       WHERE d.id = due.id AND s.id = d.subscription_id
       RETURNING d.id, d.subscription_id, d.event_id, d.event_type, d.body, d.attempts, d.max_attempts, s.url, s.headers_encrypted, s.secret_encrypted,
         CASE WHEN s.previous_secret_expires_at > now() THEN s.previous_secret_encrypted END AS previous_secret_encrypted`,
      [limit, leaseToken, leaseMs],
    );
    return rows.map((row) => ({
      id: row.id as string,
      subscriptionId: row.subscription_id as string,
      eventId: row.event_id as string,
      eventType: row.event_type as string,
      body: row.body as string,
      attempt: Number(row.attempts),
      maxAttempts: Number(row.max_attempts),
      url: row.url as string,
      headersEncrypted: (row.headers_encrypted as string | null) ?? null,
      secretEncrypted: row.secret_encrypted as string,
      previousSecretEncrypted: (row.previous_secret_encrypted as string | null) ?? null,
    }));
  }

  /** Records an attempt and decides what follows; does nothing (null) when the lease was lost meanwhile. */
  async record(delivery: ClaimedDelivery, leaseToken: string, result: SendResult, retryDelayMs: number): Promise<AttemptOutcome | null> {
    const retry = !result.ok && result.retryable && delivery.attempt < delivery.maxAttempts;
    const status = result.ok ? 'SUCCEEDED' : retry ? 'PENDING' : 'FAILED';
    const attempt = [delivery.id, delivery.attempt, result.startedAt, result.durationMs, result.statusCode, result.error, result.responseExcerpt];
    if (status !== 'FAILED') {
      // The common cases in one statement: the delivery's new state, its attempt, and (on success) the failure count reset.
      const [row] = await this.dataSource.query(
        `WITH held AS (
           UPDATE webhook_deliveries SET status = $8::varchar, lease_token = NULL, lease_expires_at = NULL, last_status_code = $5, last_error = $6,
             completed_at = CASE WHEN $9::double precision IS NULL THEN now() END,
             next_attempt_at = CASE WHEN $9::double precision IS NULL THEN next_attempt_at ELSE now() + make_interval(secs => $9::double precision / 1000) END
           WHERE id = $1 AND lease_token = $10 AND status = 'PENDING'
           RETURNING id, subscription_id),
         logged AS (
           INSERT INTO webhook_delivery_attempts (delivery_id, attempt, started_at, duration_ms, status_code, error, response_excerpt)
           SELECT id, $2::int, $3::timestamptz, $4::int, $5::int, $6::text, $7::text FROM held RETURNING 1),
         reset AS (
           UPDATE webhook_subscriptions SET consecutive_failures = 0
           WHERE $8::varchar = 'SUCCEEDED' AND $11::boolean AND consecutive_failures <> 0 AND id = (SELECT subscription_id FROM held) RETURNING 1)
         SELECT (SELECT count(*) FROM logged)::int AS recorded, (SELECT count(*) FROM reset)::int AS reset`,
        [...attempt, status, status === 'PENDING' ? retryDelayMs : null, leaseToken, delivery.eventType !== PING_EVENT_TYPE],
      );
      if (row.recorded === 0) return null;
      return status === 'PENDING' ? { status, retryInMs: retryDelayMs } : { status };
    }
    return this.dataSource.transaction(async (manager) => {
      const [held] = await manager.query(`SELECT 1 FROM webhook_deliveries WHERE id = $1 AND lease_token = $2 AND status = 'PENDING' FOR UPDATE`, [
        delivery.id,
        leaseToken,
      ]);
      if (!held) return null;
      await manager.query(
        `INSERT INTO webhook_delivery_attempts (delivery_id, attempt, started_at, duration_ms, status_code, error, response_excerpt) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        attempt,
      );
      await manager.query(
        `UPDATE webhook_deliveries SET status = 'FAILED', lease_token = NULL, lease_expires_at = NULL, last_status_code = $2, last_error = $3, completed_at = now() WHERE id = $1`,
        [delivery.id, result.statusCode, result.error],
      );
      // A test ping says nothing about the subscription's health.
      if (delivery.eventType === PING_EVENT_TYPE) return { status, subscriptionDisabled: false };
      return { status, subscriptionDisabled: await this.countFailure(manager, delivery.subscriptionId) };
    });
  }

  /** One more failed delivery in a row; past the limit the subscription is disabled, with an audit entry saying why. */
  private async countFailure(manager: EntityManager, subscriptionId: string): Promise<boolean> {
    // TypeORM answers an UPDATE with [rows, count].
    const [[row]]: [{ consecutive_failures: number; enabled: boolean }[], number] = await manager.query(
      'UPDATE webhook_subscriptions SET consecutive_failures = consecutive_failures + 1 WHERE id = $1 RETURNING consecutive_failures, enabled',
      [subscriptionId],
    );
    if (!row || !row.enabled || row.consecutive_failures < this.settings.disableAfterFailures) return false;
    const subscription = await manager.findOneByOrFail(WebhookSubscription, { id: subscriptionId });
    const before = auditedSubscription(subscription);
    subscription.enabled = false;
    subscription.disabledReason = `disabled after ${row.consecutive_failures} consecutive failed deliveries`;
    await manager.save(subscription);
    await this.audit.record(
      manager,
      { ...SYSTEM_ACTOR, label: 'webhook dispatcher' },
      {
        action: 'disableWebhookSubscription',
        documentType: 'WEBHOOK',
        documentId: subscriptionId,
        before,
        after: auditedSubscription(subscription),
      },
    );
    return true;
  }

  /** Gives back deliveries this instance was sending when it stopped; the attempt does not count. */
  async release(ids: string[], leaseToken: string): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource.query(
      `UPDATE webhook_deliveries SET lease_token = NULL, lease_expires_at = NULL, attempts = attempts - 1 WHERE id = ANY($1::uuid[]) AND lease_token = $2`,
      [ids, leaseToken],
    );
  }

  /** Deletes processed outbox events and finished deliveries older than their retention. */
  async prune(outboxRetentionHours: number, logRetentionDays: number): Promise<void> {
    await this.dataSource.query(`DELETE FROM outbox_events WHERE processed_at < now() - make_interval(hours => $1)`, [outboxRetentionHours]);
    await this.dataSource.query(`DELETE FROM webhook_deliveries WHERE status <> 'PENDING' AND completed_at < now() - make_interval(days => $1)`, [
      logRetentionDays,
    ]);
  }
}
