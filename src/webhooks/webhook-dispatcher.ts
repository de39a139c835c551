import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { ContentChanges } from '../content/content-changes';
import { retryDelayMs } from './retry-policy';
import { SettleTimer } from './settle-timer';
import { type ClaimedDelivery, FAN_OUT_BATCH, WebhookDeliveryStore } from './webhook-delivery.store';
import { WebhookSecrets } from './webhook-secrets';
import { WebhookSender } from './webhook-sender';

/** Prune at most this often per instance. */
const PRUNE_INTERVAL_MS = 10 * 60 * 1000;
/**
 * The dispatcher looks at new events once none has come for this long: the write that made them
 * answers its client first, and a burst of writes is fanned out, claimed and sent in batches
 * (with one subscription, publishing page after page was 3 to 9% slower without this)...
 */
const EVENT_SETTLE_MS = 20;
/** ...but never later than this after the first event of a burst. */
const EVENT_MAX_WAIT_MS = 250;
/** A lease outlives the longest attempt by this much, so no other instance takes over a request still running. */
const LEASE_MARGIN_MS = 30_000;

/**
 * Drains the outbox into webhook deliveries and sends them, in every app instance. Woken by
 * LISTEN/NOTIFY on a PostgreSQL server (and by this instance's own writes), with polling as the
 * fallback (the embedded database has no second session to listen on). Instances share the work
 * through the database: events are claimed with FOR UPDATE SKIP LOCKED, deliveries with a lease.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Webhooks');
  private readonly leaseToken = randomUUID();
  private readonly store: WebhookDeliveryStore;
  private readonly sender: WebhookSender;
  private readonly inFlight = new Map<string, AbortController>();
  private readonly tasks = new Set<Promise<void>>();
  private stopped = true;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private woken = false;
  /**
   * Set when outbox events may be waiting (a write here, a NOTIFY, a poll, the start); a finished
   * delivery wakes the loop only to claim what it unblocked, which needs no fan-out.
   */
  private eventsMayWait = true;
  private listener: Client | null = null;
  private lastPrune = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly secrets: WebhookSecrets,
    store: WebhookDeliveryStore,
    changes: ContentChanges,
  ) {
    this.store = store;
    this.sender = new WebhookSender(
      {
        allowHttp: config.WEBHOOK_ALLOW_HTTP,
        allowPrivate: config.WEBHOOK_ALLOW_PRIVATE_TARGETS,
        dnsServers: config.WEBHOOK_DNS_SERVERS.split(',')
          .map((server) => server.trim())
          .filter(Boolean),
      },
      config.WEBHOOK_TIMEOUT_MS,
      config.WEBHOOK_CONCURRENCY,
    );
    // This instance's own writes wake it, on the embedded database too.
    changes.subscribe(() => this.wakeSoon());
  }

  async onApplicationBootstrap(): Promise<void> {
    this.stopped = false;
    await this.listen();
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.eventsSettled.cancel();
    for (const controller of this.inFlight.values()) controller.abort();
    this.wake();
    await this.loop;
    await Promise.allSettled([...this.tasks]);
    await this.drain();
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
    this.sender.close();
  }

  /** Makes the loop look for work now (a queued ping or redelivery, a finished delivery that unblocks the next). */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  private readonly eventsSettled = new SettleTimer(EVENT_SETTLE_MS, EVENT_MAX_WAIT_MS, () => this.wake());

  /** New outbox events: the loop looks once they have settled. */
  private wakeSoon(): void {
    this.eventsMayWait = true;
    if (!this.stopped) this.eventsSettled.touch();
  }

  /** A connection of its own for LISTEN, on a PostgreSQL server only; without it polling does the work. */
  private async listen(): Promise<void> {
    const options = this.dataSource.options as { url?: string; extra?: { max?: number } };
    if (!options.url || (options.extra?.max ?? 1) <= 1) return;
    const client = new Client({ connectionString: options.url, connectionTimeoutMillis: 5000 });
    client.on('error', (error) => this.logger.warn(`outbox listener lost: ${error.message}; polling every ${this.config.WEBHOOK_POLL_INTERVAL_MS} ms`));
    try {
      await client.connect();
      await client.query('LISTEN outbox_events');
      client.on('notification', () => this.wakeSoon());
      this.listener = client;
    } catch (error) {
      this.logger.warn(`cannot LISTEN for outbox events (${error instanceof Error ? error.message : String(error)}); polling instead`);
      await client.end().catch(() => undefined);
    }
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let busy = false;
      try {
        this.woken = false;
        if (this.eventsMayWait) {
          this.eventsMayWait = false;
          const fannedOut = await this.store.fanOut();
          // A full batch may have left more behind.
          if (fannedOut === FAN_OUT_BATCH) this.eventsMayWait = busy = true;
        }
        const free = this.config.WEBHOOK_CONCURRENCY - this.inFlight.size;
        if (free > 0 && !this.stopped) {
          const claimed = await this.store.claim(free, this.leaseToken, this.config.WEBHOOK_TIMEOUT_MS + LEASE_MARGIN_MS);
          for (const delivery of claimed) this.start(delivery);
          busy ||= claimed.length === free;
        }
        if (Date.now() - this.lastPrune > PRUNE_INTERVAL_MS) {
          this.lastPrune = Date.now();
          await this.store.prune(this.config.OUTBOX_RETENTION_HOURS, this.config.WEBHOOK_LOG_RETENTION_DAYS);
        }
      } catch (error) {
        this.eventsMayWait = true;
        if (!this.stopped) this.logger.error(`webhook dispatch failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!busy && !this.woken && !this.stopped) {
        // Woken by nothing but the poll interval: events may have come in unannounced (no LISTEN).
        if (!(await this.sleep(this.config.WEBHOOK_POLL_INTERVAL_MS))) this.eventsMayWait = true;
      }
    }
  }

  /** Resolves true when woken, false when the time ran out. */
  private sleep(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wakeUp = null;
        resolve(false);
      }, ms);
      this.wakeUp = () => {
        this.wakeUp = null;
        clearTimeout(timer);
        resolve(true);
      };
    });
  }

  /** Sends one delivery in the background; its result is recorded in a transaction of its own. */
  private start(delivery: ClaimedDelivery): void {
    const controller = new AbortController();
    this.inFlight.set(delivery.id, controller);
    const task: Promise<void> = this.deliver(delivery, controller).finally(() => {
      if (!controller.signal.aborted) this.inFlight.delete(delivery.id);
      this.tasks.delete(task);
      this.wake();
    });
    this.tasks.add(task);
  }

  private async deliver(delivery: ClaimedDelivery, controller: AbortController): Promise<void> {
    try {
      const sealedSecrets = [delivery.secretEncrypted, ...(delivery.previousSecretEncrypted ? [delivery.previousSecretEncrypted] : [])];
      const result = await this.sender.send(
        {
          url: delivery.url,
          headers: delivery.headersEncrypted ? (JSON.parse(await this.secrets.open(delivery.headersEncrypted)) as Record<string, string>) : {},
          secrets: await Promise.all(sealedSecrets.map((sealed) => this.secrets.open(sealed))),
          body: delivery.body,
          eventId: delivery.eventId,
          eventType: delivery.eventType,
          deliveryId: delivery.id,
        },
        controller.signal,
      );
      // Stopping aborted it: the lease is given back at drain, and another instance (or the next start) sends it.
      if (controller.signal.aborted) return;
      const outcome = await this.store.record(
        delivery,
        this.leaseToken,
        result,
        retryDelayMs(delivery.attempt, this.config.WEBHOOK_RETRY_BASE_MS, result.retryAfterMs),
      );
      if (outcome?.status === 'FAILED') {
        this.logger.warn(`webhook delivery ${delivery.id} to ${delivery.url} failed after ${delivery.attempt} attempt(s): ${result.error}`);
        if (outcome.subscriptionDisabled) this.logger.warn(`webhook subscription ${delivery.subscriptionId} disabled after repeated failed deliveries`);
      }
      if (outcome?.status === 'PENDING' && outcome.retryInMs < this.config.WEBHOOK_POLL_INTERVAL_MS)
        setTimeout(() => this.wake(), outcome.retryInMs + 5).unref();
    } catch (error) {
      if (!this.stopped) this.logger.error(`recording webhook delivery ${delivery.id} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** At shutdown: the aborted requests' deliveries go back to the queue at once instead of waiting for their lease. */
  private async drain(): Promise<void> {
    const ids = [...this.inFlight.keys()];
    if (ids.length === 0) return;
    this.inFlight.clear();
    try {
      await this.store.release(ids, this.leaseToken);
    } catch (error) {
      this.logger.warn(`could not release ${ids.length} webhook deliveries at shutdown; they are retried when their lease ends: ${String(error)}`);
    }
  }
}
