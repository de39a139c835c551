import { Permission, Role } from '../../src/auth/permissions';
import { AccountsFactory } from '../factories/accounts.factory';
import { EditorialClient, eventually } from '../support/editorial-client';
import { startTestApp, type TestApp } from '../support/test-app';
import { jsonBatch, sync } from '../sync/sync-helpers';
import { WEBHOOK_TEST_ENV, WebhookReceiver } from './webhook-receiver';

/** A provider sync tells webhooks once per run that changed the directory, beside its per-document events. */
describe('webhooks of provider sync runs', () => {
  let app: TestApp;
  let admin: EditorialClient;
  let syncKey: Record<string, string>;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    app = await startTestApp(WEBHOOK_TEST_ENV);
    const accounts = new AccountsFactory(app);
    admin = new EditorialClient(app, (await accounts.signedIn(Role.ADMIN)).headers);
    syncKey = { 'x-api-key': (await accounts.apiKey({ scopes: [Permission.PROVIDERS_SYNC] })).secret };
    receiver = await WebhookReceiver.start();
    await admin.mutate(
      'createWebhookSubscription',
      'CreateWebhookSubscriptionInput',
      { name: 'Directory', url: receiver.url, eventTypes: ['SYNC_COMPLETED'] },
      'subscription { id }',
    );
  });

  afterAll(async () => {
    await app.close();
    await receiver.stop();
  });

  it('sends one sync.completed with the source and the counts, and nothing for a run that changed nothing', async () => {
    const report = await sync(app, syncKey, { source: 'credentialing', ...jsonBatch() });
    const [webhook] = await eventually(async () => (receiver.received.length > 0 ? receiver.received : null), { what: 'the sync webhook' });
    expect(webhook.body).toMatchObject({
      type: 'sync.completed',
      document: { type: 'SYNC_RUN', id: report.runId },
      details: { source: 'credentialing', status: report.status, created: report.counts.created, updated: 0, failed: report.counts.failed },
    });
    expect(report.counts.created).toBeGreaterThan(0);

    // The delivery log lists it (a sync run is no document type: documentType is null, documentId the run).
    const log = await admin.ok(
      `query { webhookDeliveries(filter: { eventType: "sync.completed" }) { edges { node { eventType documentType documentId status } } } }`,
    );
    expect(log.webhookDeliveries.edges.map((edge: { node: unknown }) => edge.node)).toContainEqual({
      eventType: 'sync.completed',
      documentType: null,
      documentId: report.runId,
      status: 'SUCCEEDED',
    });

    const again = await sync(app, syncKey, { source: 'credentialing', ...jsonBatch() });
    expect(again.counts.created + again.counts.updated).toBe(0);
    const events: { count: string }[] = await app.dataSource.query(`SELECT count(*) FROM outbox_events WHERE event_type = 'sync.completed'`);
    expect(Number(events[0].count)).toBe(1);
  });
});

describe('webhooks of settings changes', () => {
  let app: TestApp;
  let admin: EditorialClient;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    app = await startTestApp(WEBHOOK_TEST_ENV);
    admin = new EditorialClient(app, (await new AccountsFactory(app).signedIn(Role.ADMIN)).headers);
    receiver = await WebhookReceiver.start();
    await admin.mutate(
      'createWebhookSubscription',
      'CreateWebhookSubscriptionInput',
      { name: 'Settings', url: receiver.url, eventTypes: ['SETTINGS_CHANGED'] },
      'subscription { id }',
    );
  });

  afterAll(async () => {
    await app.close();
    await receiver.stop();
  });

  it('sends settings.changed when a sync source is configured, with the rules before and after, naming the source by a stable id', async () => {
    await admin.mutate('configureSyncSource', 'ConfigureSyncSourceInput', { name: 'credentialing', priority: 10 }, 'name');
    await admin.mutate('configureSyncSource', 'ConfigureSyncSourceInput', { name: 'credentialing', priority: 20 }, 'name');
    const webhooks = await eventually(async () => (receiver.received.length >= 2 ? receiver.received : null), { what: 'two settings webhooks' });
    const [first, second] = webhooks.map((webhook) => webhook.body);
    expect(first).toMatchObject({ type: 'settings.changed', document: { type: 'SYNC_SOURCE' }, details: { setting: 'syncSource', before: null } });
    expect(second).toMatchObject({ details: { before: { name: 'credentialing', priority: 10 }, after: { name: 'credentialing', priority: 20 } } });
    expect(second.document.id).toBe(first.document.id);
    expect(first.document.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
