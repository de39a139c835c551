import { Role } from '../../src/auth/permissions';
import { AccountsFactory } from '../factories/accounts.factory';
import { EditorialClient, eventually } from '../support/editorial-client';
import { startTestApp, type TestApp } from '../support/test-app';
import { readmeVerifier, WEBHOOK_TEST_ENV, WebhookReceiver } from './webhook-receiver';

const SUBSCRIPTION_FIELDS = 'id name url eventTypes documentTypes headerNames secretHint enabled disabledReason consecutiveFailures previousSecretExpiresAt';
const DELIVERY_FIELDS = 'id eventId eventType documentId status attemptCount redeliveryOf attempts { statusCode }';

describe('managing webhook subscriptions', () => {
  let app: TestApp;
  let admin: EditorialClient;
  let editor: EditorialClient;
  let receiver: WebhookReceiver;
  const verify = readmeVerifier();

  beforeAll(async () => {
    app = await startTestApp({ ...WEBHOOK_TEST_ENV, WEBHOOK_DISABLE_AFTER_FAILURES: '2' });
    const accounts = new AccountsFactory(app);
    admin = new EditorialClient(app, (await accounts.signedIn(Role.ADMIN)).headers);
    editor = new EditorialClient(app, (await accounts.signedIn(Role.EDITOR)).headers);
    receiver = await WebhookReceiver.start();
  });

  afterAll(async () => {
    await app.close();
    await receiver.stop();
  });

  beforeEach(() => {
    receiver.received.length = 0;
    receiver.answer = () => ({ status: 200 });
  });

  const create = (input: Record<string, unknown>) =>
    admin.mutate(
      'createWebhookSubscription',
      'CreateWebhookSubscriptionInput',
      { name: 'Hooks', url: receiver.url, ...input },
      `subscription { ${SUBSCRIPTION_FIELDS} } secret`,
    );
  const act = (name: string, id: string, selection = SUBSCRIPTION_FIELDS) => admin.mutate(name, 'WebhookSubscriptionIdInput', { id }, selection);
  const deliveries = async (filter: Record<string, unknown>, first = 20, after?: string) =>
    (
      await admin.ok(
        `query($filter: WebhookDeliveryFilter, $first: Int, $after: String) { webhookDeliveries(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { ${DELIVERY_FIELDS} } } } }`,
        { filter, first, after },
      )
    ).webhookDeliveries;
  async function publishNew(title: string): Promise<{ id: string; version: number }> {
    const treatment = await admin.createTreatment({ title });
    return admin.publish('Treatment', treatment);
  }

  it('is for admins only', async () => {
    const refused = await editor.attempt('createWebhookSubscription', 'CreateWebhookSubscriptionInput', { name: 'Nope', url: receiver.url }, 'secret');
    expect(refused.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const list = await editor.call('{ webhookSubscriptions { id } }');
    expect(list.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const log = await editor.call('{ webhookDeliveries { totalCount } }');
    expect(log.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('shows the secret once, stores it and the header values encrypted, and sends the extra headers', async () => {
    const created = await create({ headers: [{ name: 'Authorization', value: 'Bearer receiver-token' }] });
    const { subscription, secret } = created;
    expect(subscription).toMatchObject({ headerNames: ['Authorization'], secretHint: secret.slice(-4), enabled: true, eventTypes: [], documentTypes: [] });
    const [row] = await app.dataSource.query('SELECT secret_encrypted, headers_encrypted FROM webhook_subscriptions WHERE id = $1', [subscription.id]);
    expect(row.secret_encrypted).not.toContain(secret.slice(6));
    expect(row.headers_encrypted).not.toContain('receiver-token');
    const audit = await app.dataSource.query(`SELECT after::text AS after FROM audit_log WHERE document_id = $1`, [subscription.id]);
    expect(audit.map((entry: { after: string }) => entry.after).join()).not.toContain(secret.slice(6));

    await publishNew('Header Therapy');
    const [webhook] = await eventually(async () => (receiver.received.length ? receiver.received : null), { what: 'the webhook' });
    expect(webhook.headers.authorization).toBe('Bearer receiver-token');
    expect(verify(webhook.rawBody, String(webhook.headers['x-webhook-signature']), secret)).toBe(true);
    await act('deleteWebhookSubscription', subscription.id, 'id');
  });

  it('refuses a header the app sets itself, naming the field', async () => {
    const refused = await admin.attempt(
      'createWebhookSubscription',
      'CreateWebhookSubscriptionInput',
      {
        name: 'Bad header',
        url: receiver.url,
        headers: [{ name: 'X-Webhook-Signature', value: 'forged' }],
      },
      'secret',
    );
    expect(refused.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0].extensions.fields).toEqual([{ path: 'input.headers[0].name', message: expect.stringMatching(/X-Webhook-/) }]);
  });

  it('sends only the event and document types asked for, after an update too', async () => {
    const { subscription } = await create({ eventTypes: ['DOCUMENT_UNPUBLISHED'] });
    const published = await publishNew('Filtered Therapy');
    await admin.mutate('unpublishTreatment', 'DocumentVersionInput', { id: published.id, version: published.version });
    await eventually(async () => receiver.events().length >= 1, { what: 'the unpublish' });
    expect(receiver.events().map((event) => event.type)).toEqual(['document.unpublished']);

    const updated = await admin.mutate(
      'updateWebhookSubscription',
      'UpdateWebhookSubscriptionInput',
      { id: subscription.id, name: 'Conditions only', eventTypes: [], documentTypes: ['CONDITION'] },
      SUBSCRIPTION_FIELDS,
    );
    expect(updated).toMatchObject({ name: 'Conditions only', eventTypes: [], documentTypes: ['CONDITION'] });
    receiver.received.length = 0;
    await publishNew('Ignored Therapy');
    const condition = await admin.createCondition({ name: 'Announced Condition' });
    await admin.publish('Condition', condition);
    await eventually(async () => receiver.events().length >= 1, { what: 'the condition publish' });
    expect(receiver.events().map((event) => [event.type, event.document.type])).toEqual([['document.published', 'CONDITION']]);
    await act('deleteWebhookSubscription', subscription.id, 'id');
  });

  it('signs with the old and the new secret for a day after a rotation', async () => {
    const { subscription, secret: oldSecret } = await create({});
    const rotated = await act('rotateWebhookSecret', subscription.id, `subscription { ${SUBSCRIPTION_FIELDS} } secret`);
    expect(rotated.secret).not.toBe(oldSecret);
    expect(Date.parse(rotated.subscription.previousSecretExpiresAt) - Date.now()).toBeGreaterThan(23 * 3600 * 1000);
    await publishNew('Rotated Therapy');
    const [webhook] = await eventually(async () => (receiver.received.length ? receiver.received : null), { what: 'the webhook' });
    const header = String(webhook.headers['x-webhook-signature']);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    expect(verify(webhook.rawBody, header, rotated.secret)).toBe(true);
    expect(verify(webhook.rawBody, header, oldSecret)).toBe(true);
    await act('deleteWebhookSubscription', subscription.id, 'id');
  });

  it('queues nothing while disabled, and sends again once enabled', async () => {
    const { subscription } = await create({});
    const disabled = await act('disableWebhookSubscription', subscription.id);
    expect(disabled).toMatchObject({ enabled: false, disabledReason: expect.stringMatching(/^disabled by admin-/) });
    const quiet = await publishNew('Quiet Therapy');
    await eventually(
      async () => (await app.dataSource.query('SELECT 1 FROM outbox_events WHERE document_id = $1 AND processed_at IS NOT NULL', [quiet.id])).length > 0,
      {
        what: 'the event to be processed',
      },
    );
    expect((await deliveries({ subscriptionId: subscription.id })).totalCount).toBe(0);
    expect(await act('enableWebhookSubscription', subscription.id)).toMatchObject({ enabled: true, disabledReason: null });
    const loud = await publishNew('Loud Therapy');
    await eventually(async () => receiver.events().length >= 1, { what: 'the webhook after enabling' });
    expect(receiver.events().map((event) => event.document.id)).toEqual([loud.id]);
    await act('deleteWebhookSubscription', subscription.id, 'id');
  });

  it('pings, redelivers with the same event id, and pages through the log', async () => {
    const { subscription } = await create({});
    const ping = await act('pingWebhookSubscription', subscription.id, DELIVERY_FIELDS);
    expect(ping).toMatchObject({ eventType: 'webhook.ping', status: 'PENDING', documentId: null });
    await eventually(async () => receiver.received.some((webhook) => webhook.body.type === 'webhook.ping'), { what: 'the ping' });

    await publishNew('Logged Therapy One');
    await publishNew('Logged Therapy Two');
    await eventually(async () => (await deliveries({ subscriptionId: subscription.id, status: 'SUCCEEDED' })).totalCount === 3, { what: 'three deliveries' });
    const firstPage = await deliveries({ subscriptionId: subscription.id }, 2);
    expect(firstPage.edges).toHaveLength(2);
    expect(firstPage.pageInfo.hasNextPage).toBe(true);
    const secondPage = await deliveries({ subscriptionId: subscription.id }, 2, firstPage.pageInfo.endCursor);
    expect(secondPage.edges.map((edge: { node: { eventType: string } }) => edge.node.eventType)).toEqual(['webhook.ping']);
    expect((await deliveries({ subscriptionId: subscription.id, eventType: 'document.published' })).totalCount).toBe(2);

    const original = firstPage.edges[0].node;
    const again = await admin.mutate('redeliverWebhookDelivery', 'WebhookDeliveryIdInput', { id: original.id }, DELIVERY_FIELDS);
    expect(again).toMatchObject({ eventId: original.eventId, redeliveryOf: original.id, status: 'PENDING' });
    await eventually(async () => receiver.events().filter((event) => event.id === original.eventId).length === 2, { what: 'the redelivery' });
    await act('deleteWebhookSubscription', subscription.id, 'id');
    expect((await deliveries({ subscriptionId: subscription.id })).totalCount).toBe(0);
  });

  it('disables a subscription after repeated failed deliveries, with an audit entry saying why', async () => {
    // A 410 will not change with retries: each delivery fails at its first attempt.
    receiver.answer = () => ({ status: 410, body: 'gone' });
    const { subscription } = await create({});
    await publishNew('Failing Therapy One');
    await publishNew('Failing Therapy Two');
    const [row] = await eventually(
      async () => {
        const rows = await app.dataSource.query('SELECT enabled, disabled_reason, consecutive_failures FROM webhook_subscriptions WHERE id = $1', [
          subscription.id,
        ]);
        return rows[0].enabled ? null : rows;
      },
      { what: 'the subscription to be disabled' },
    );
    expect(row).toEqual({ enabled: false, disabled_reason: 'disabled after 2 consecutive failed deliveries', consecutive_failures: 2 });
    const log = await admin.ok(`query($filter: AuditLogFilter) { auditLog(filter: $filter) { edges { node { action actorKind actorLabel after } } } }`, {
      filter: { documentId: subscription.id, action: 'disableWebhookSubscription' },
    });
    expect(log.auditLog.edges.map((edge: { node: unknown }) => edge.node)).toEqual([
      {
        action: 'disableWebhookSubscription',
        actorKind: 'SYSTEM',
        actorLabel: 'webhook dispatcher',
        after: expect.objectContaining({ enabled: false, disabledReason: 'disabled after 2 consecutive failed deliveries' }),
      },
    ]);
    const failed = await deliveries({ subscriptionId: subscription.id, status: 'FAILED' });
    expect(failed.edges.map((edge: { node: { attemptCount: number; attempts: unknown[] } }) => [edge.node.attemptCount, edge.node.attempts])).toEqual([
      [1, [{ statusCode: 410 }]],
      [1, [{ statusCode: 410 }]],
    ]);
    await act('deleteWebhookSubscription', subscription.id, 'id');
  });
});
