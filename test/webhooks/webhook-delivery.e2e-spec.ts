import { createHmac } from 'node:crypto';
import { Role } from '../../src/auth/permissions';
import { AccountsFactory } from '../factories/accounts.factory';
import { EditorialClient, eventually } from '../support/editorial-client';
import { startTestApp, type TestApp } from '../support/test-app';
import { readmeVerifier, WEBHOOK_TEST_ENV, WebhookReceiver } from './webhook-receiver';

const SUBSCRIPTION = 'subscription { id secretHint enabled } secret';
const DELIVERIES = `query($filter: WebhookDeliveryFilter, $first: Int, $after: String) {
  webhookDeliveries(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id eventId eventType documentId status attemptCount lastStatusCode attempts { attempt startedAt statusCode durationMs error responseExcerpt } } }
  }
}`;

describe('webhook delivery', () => {
  let app: TestApp;
  let admin: EditorialClient;
  let receiver: WebhookReceiver;
  const verify = readmeVerifier();

  beforeAll(async () => {
    app = await startTestApp({ ...WEBHOOK_TEST_ENV, SITE_PATHS: 'TREATMENT=/treatments/{slug},PRACTICE=/' });
    admin = new EditorialClient(app, (await new AccountsFactory(app).signedIn(Role.ADMIN)).headers);
    receiver = await WebhookReceiver.start();
  });

  afterAll(async () => {
    await app.close();
    await receiver.stop();
  });

  beforeEach(() => {
    receiver.received.length = 0;
    receiver.answer = () => ({ status: 200, body: 'ok' });
  });

  async function subscribe(input: Record<string, unknown> = {}): Promise<{ id: string; secret: string }> {
    const created = await admin.mutate(
      'createWebhookSubscription',
      'CreateWebhookSubscriptionInput',
      { name: 'Site', url: receiver.url, ...input },
      SUBSCRIPTION,
    );
    return { id: created.subscription.id, secret: created.secret };
  }

  async function unsubscribe(id: string) {
    await admin.mutate('deleteWebhookSubscription', 'WebhookSubscriptionIdInput', { id }, 'id');
  }

  it('delivers a publish once, signed, with the envelope; a tampered body or an old timestamp fails the README check', async () => {
    const { id, secret } = await subscribe();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    try {
      const treatment = await admin.createTreatment({ title: 'Signed Therapy' });
      const published = await admin.publish('Treatment', treatment);

      const [webhook] = await eventually(async () => (receiver.received.length > 0 ? receiver.received : null), { what: 'the webhook' });
      expect(webhook.headers['content-type']).toBe('application/json');
      expect(webhook.headers['x-webhook-event']).toBe('document.published');
      expect(webhook.body).toEqual({
        id: webhook.headers['x-webhook-id'],
        type: 'document.published',
        occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        document: { type: 'TREATMENT', id: treatment.id, slug: 'signed-therapy', previousSlug: null, version: published.version },
        paths: ['/treatments/signed-therapy'],
      });
      const signature = String(webhook.headers['x-webhook-signature']);
      expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(verify(webhook.rawBody, signature, secret)).toBe(true);
      expect(verify(webhook.rawBody.replace('signed-therapy', 'signed-therapz'), signature, secret)).toBe(false);
      expect(verify(webhook.rawBody, signature, `${secret}x`)).toBe(false);
      // The same body correctly signed ten minutes ago is a replay: outside the five-minute window.
      const old = Math.floor(Date.now() / 1000) - 600;
      const replay = `t=${old},v1=${createHmac('sha256', secret).update(`${old}.${webhook.rawBody}`).digest('hex')}`;
      expect(verify(webhook.rawBody, replay, secret)).toBe(false);

      // Once: nothing else arrives, and the outbox event is marked processed.
      const log = await eventually(
        async () => {
          const found = await admin.ok(DELIVERIES, { filter: { subscriptionId: id } });
          return found.webhookDeliveries.edges[0]?.node.status === 'SUCCEEDED' ? found : null;
        },
        { what: 'the delivery to be recorded' },
      );
      expect(log.webhookDeliveries.totalCount).toBe(1);
      expect(log.webhookDeliveries.edges[0].node).toMatchObject({ eventId: webhook.body.id, status: 'SUCCEEDED', attemptCount: 1, lastStatusCode: 200 });
      expect(log.webhookDeliveries.edges[0].node.attempts).toEqual([
        { attempt: 1, startedAt: expect.any(String), statusCode: 200, durationMs: expect.any(Number), error: null, responseExcerpt: 'ok' },
      ]);
      const [event] = await app.dataSource.query('SELECT processed_at FROM outbox_events WHERE id = $1', [webhook.body.id]);
      expect(event.processed_at).toBeInstanceOf(Date);
      expect(receiver.received).toHaveLength(1);
    } finally {
      await unsubscribe(id);
    }
  });

  it('retries a 500 with growing waits and delivers on the fourth attempt', async () => {
    const { id } = await subscribe();
    receiver.answer = (_request, index) => (index < 3 ? { status: 500, body: `failure ${index + 1}` } : { status: 200, body: 'ok' });
    try {
      const treatment = await admin.createTreatment({ title: 'Retried Therapy' });
      await admin.publish('Treatment', treatment);
      const delivery = await eventually(
        async () => {
          const log = await admin.ok(DELIVERIES, { filter: { subscriptionId: id, status: 'SUCCEEDED' } });
          return log.webhookDeliveries.edges[0]?.node;
        },
        { what: 'the delivery to succeed' },
      );
      expect(delivery).toMatchObject({ attemptCount: 4, lastStatusCode: 200 });
      expect(delivery.attempts.map((attempt: { statusCode: number }) => attempt.statusCode)).toEqual([500, 500, 500, 200]);
      expect(delivery.attempts[0].responseExcerpt).toBe('failure 1');
      // Backoff: each wait at least 75% of the base (100 ms) doubled per attempt.
      const starts = delivery.attempts.map((attempt: { startedAt: string }) => Date.parse(attempt.startedAt));
      for (let index = 1; index < starts.length; index++) expect(starts[index] - starts[index - 1]).toBeGreaterThanOrEqual(75 * 2 ** (index - 1));
      expect(new Set(receiver.received.map((webhook) => webhook.body.id)).size).toBe(1);
      expect(receiver.received).toHaveLength(4);
    } finally {
      await unsubscribe(id);
    }
  });

  it('delivers all 20 publishes made while the receiver was down, in order per document, none twice', async () => {
    const { id } = await subscribe();
    await receiver.stop();
    const documents = [];
    for (let index = 0; index < 4; index++) documents.push(await admin.createTreatment({ title: `Offline Therapy ${index}` }));
    const expected = new Map<string, number[]>();
    try {
      for (let round = 0; round < 5; round++) {
        for (const document of documents) {
          const current = await admin.ok(`query($id: ID) { treatment(id: $id, stage: DRAFT) { version } }`, { id: document.id });
          let version = current.treatment.version;
          if (round > 0) {
            version = (await admin.mutate('updateTreatment', 'UpdateTreatmentInput', { id: document.id, version, summary: `Round ${round}` }, 'version'))
              .version;
          }
          const published = await admin.publish('Treatment', { id: document.id, version });
          expected.set(document.id, [...(expected.get(document.id) ?? []), published.version]);
        }
      }
      // The dispatcher has been failing to connect meanwhile.
      await eventually(
        async () =>
          (
            await app.dataSource.query(
              `SELECT 1 FROM webhook_delivery_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id WHERE d.subscription_id = $1 AND a.error IS NOT NULL LIMIT 1`,
              [id],
            )
          ).length > 0,
        {
          what: 'a failed attempt',
        },
      );
      await receiver.start();
      const events = await eventually(async () => (receiver.events().length >= 20 ? receiver.events() : null), { timeoutMs: 30_000, what: '20 deliveries' });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(receiver.events()).toHaveLength(20);
      expect(new Set(events.map((event) => event.id)).size).toBe(20);
      for (const document of documents) {
        const versions = events.filter((event) => event.document.id === document.id).map((event) => event.document.version);
        expect(versions).toEqual(expected.get(document.id));
      }
    } finally {
      await unsubscribe(id);
    }
  });
});
