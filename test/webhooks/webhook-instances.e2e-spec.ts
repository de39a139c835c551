import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Role } from '../../src/auth/permissions';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import { startAppProcess } from '../support/app-process';
import { AccountsFactory } from '../factories/accounts.factory';
import { EditorialClient, eventually } from '../support/editorial-client';
import { startTestApp, type TestApp } from '../support/test-app';
import { createSharedTestDatabase, type SharedTestDatabase, testDatabaseServerUrl } from '../support/test-database';
import { WEBHOOK_TEST_ENV, WebhookReceiver } from './webhook-receiver';

async function adminOn(app: TestApp): Promise<EditorialClient> {
  return new EditorialClient(app, (await new AccountsFactory(app).signedIn(Role.ADMIN)).headers);
}

// On a server both instances run side by side; on the embedded database (one session for every
// connection) they run side by side too, as the scheduler's tests do, through the one socket.
describe('webhooks across instances and restarts', () => {
  let database: SharedTestDatabase;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    database = await createSharedTestDatabase();
    receiver = await WebhookReceiver.start();
  });

  afterAll(async () => {
    await receiver.stop();
    await database.drop();
  });

  beforeEach(async () => {
    receiver.received.length = 0;
    receiver.answer = () => ({ status: 200 });
    // A test that failed half-way must not leave its subscription to the next one.
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query('DELETE FROM webhook_subscriptions');
    } finally {
      await client.end();
    }
  });

  it(`delivers every event exactly once with two instances and one receiver (${testDatabaseServerUrl() ? 'PostgreSQL server' : 'embedded'})`, async () => {
    const instances = [await startTestApp(WEBHOOK_TEST_ENV, { database }), await startTestApp(WEBHOOK_TEST_ENV, { database })];
    try {
      const admins = [await adminOn(instances[0]), await adminOn(instances[1])];
      const created = await admins[0].mutate(
        'createWebhookSubscription',
        'CreateWebhookSubscriptionInput',
        { name: 'Both', url: receiver.url },
        'subscription { id }',
      );
      // Publishes on both instances, several per document.
      const documents = [];
      for (let index = 0; index < 6; index++) documents.push(await admins[index % 2].createTreatment({ title: `Twin Therapy ${index}` }));
      let events = 0;
      for (let round = 0; round < 3; round++) {
        for (const [index, document] of documents.entries()) {
          const editor = admins[(index + round) % 2];
          const current = (await editor.ok(`query($id: ID) { treatment(id: $id, stage: DRAFT) { version } }`, { id: document.id })).treatment.version;
          const version =
            round === 0
              ? current
              : (await editor.mutate('updateTreatment', 'UpdateTreatmentInput', { id: document.id, version: current, summary: `R${round}` }, 'version'))
                  .version;
          await editor.publish('Treatment', { id: document.id, version });
          events++;
        }
      }
      await eventually(async () => receiver.events().length >= events, { timeoutMs: 20_000, what: `${events} deliveries` });
      // The receiver answered before the instance recorded it: wait for the last records.
      await eventually(
        async () => {
          const [{ pending }] = await instances[0].dataSource.query(
            `SELECT count(*)::int AS pending FROM webhook_deliveries WHERE subscription_id = $1 AND status <> 'SUCCEEDED'`,
            [created.subscription.id],
          );
          return pending === 0;
        },
        { what: 'every delivery to be recorded' },
      );
      expect(receiver.events()).toHaveLength(events);
      expect(new Set(receiver.events().map((event) => event.id)).size).toBe(events);
      const [{ attempts }] = await instances[0].dataSource.query(
        `SELECT count(*)::int AS attempts FROM webhook_delivery_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id WHERE d.subscription_id = $1`,
        [created.subscription.id],
      );
      expect(attempts).toBe(events);
      for (const document of documents) {
        const versions = receiver
          .events()
          .filter((event) => event.document.id === document.id)
          .map((event) => event.document.version);
        expect(versions).toEqual([...versions].sort((a, b) => a - b));
      }
      await admins[0].mutate('deleteWebhookSubscription', 'WebhookSubscriptionIdInput', { id: created.subscription.id }, 'id');
    } finally {
      for (const instance of instances) await instance.close();
    }
  });

  it('continues a retry after the app was stopped mid-retry and started again', async () => {
    // Every attempt fails while the first app runs; its retries wait a second.
    receiver.answer = () => ({ status: 503 });
    const first = await startTestApp({ ...WEBHOOK_TEST_ENV, WEBHOOK_RETRY_BASE_MS: '1000' }, { database });
    let subscriptionId: string;
    let eventId: string;
    try {
      const admin = await adminOn(first);
      subscriptionId = (
        await admin.mutate('createWebhookSubscription', 'CreateWebhookSubscriptionInput', { name: 'Restart', url: receiver.url }, 'subscription { id }')
      ).subscription.id;
      const treatment = await admin.createTreatment({ title: 'Restarted Therapy' });
      await admin.publish('Treatment', treatment);
      await eventually(async () => receiver.events().length >= 1, { what: 'the first attempt' });
      eventId = receiver.events()[0].id;
      await eventually(
        async () =>
          (await first.dataSource.query(`SELECT 1 FROM webhook_deliveries WHERE event_id = $1 AND lease_token IS NULL AND attempts = 1`, [eventId])).length > 0,
        { what: 'the first attempt to be recorded' },
      );
    } finally {
      await first.close();
    }
    const [waiting] = await (async () => {
      const second = await startTestApp(WEBHOOK_TEST_ENV, { database });
      try {
        receiver.answer = () => ({ status: 200 });
        const delivered = await eventually(
          async () => {
            const [row] = await second.dataSource.query(`SELECT status, attempts FROM webhook_deliveries WHERE event_id = $1`, [eventId]);
            return row?.status === 'SUCCEEDED' ? row : null;
          },
          { what: 'the retry after the restart' },
        );
        const attempts = await second.dataSource.query(
          `SELECT a.attempt, a.status_code FROM webhook_delivery_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id WHERE d.event_id = $1 ORDER BY a.attempt`,
          [eventId],
        );
        await new EditorialClient(second, (await new AccountsFactory(second).signedIn(Role.ADMIN)).headers).mutate(
          'deleteWebhookSubscription',
          'WebhookSubscriptionIdInput',
          { id: subscriptionId },
          'id',
        );
        return [{ delivered, attempts }];
      } finally {
        await second.close();
      }
    })();
    expect(waiting.delivered).toEqual({ status: 'SUCCEEDED', attempts: 2 });
    expect(waiting.attempts).toEqual([
      { attempt: 1, status_code: 503 },
      { attempt: 2, status_code: 200 },
    ]);
    expect(receiver.events().map((event) => event.id)).toEqual([eventId, eventId]);
  });

  it('takes over a delivery whose request was cut off when its app stopped, and sends it again', async () => {
    receiver.answer = () => 'hang';
    const first = await startTestApp(WEBHOOK_TEST_ENV, { database });
    let eventId: string;
    let subscriptionId: string;
    try {
      const admin = await adminOn(first);
      subscriptionId = (
        await admin.mutate('createWebhookSubscription', 'CreateWebhookSubscriptionInput', { name: 'Cut off', url: receiver.url }, 'subscription { id }')
      ).subscription.id;
      const treatment = await admin.createTreatment({ title: 'Cut Off Therapy' });
      await admin.publish('Treatment', treatment);
      await eventually(async () => receiver.events().length >= 1, { what: 'the request to arrive' });
      eventId = receiver.events()[0].id;
    } finally {
      // Closes while the request is still waiting for an answer.
      await first.close();
    }
    receiver.answer = () => ({ status: 200 });
    const second = await startTestApp(WEBHOOK_TEST_ENV, { database });
    try {
      const [row] = await eventually(
        async () => {
          const rows = await second.dataSource.query(`SELECT status, attempts FROM webhook_deliveries WHERE event_id = $1`, [eventId]);
          return rows[0]?.status === 'SUCCEEDED' ? rows : null;
        },
        { what: 'the delivery after the restart' },
      );
      // The cut-off attempt was given back at shutdown: it does not count.
      expect(row).toEqual({ status: 'SUCCEEDED', attempts: 1 });
      expect(receiver.events().map((event) => event.id)).toEqual([eventId, eventId]);
      await new EditorialClient(second, (await new AccountsFactory(second).signedIn(Role.ADMIN)).headers).mutate(
        'deleteWebhookSubscription',
        'WebhookSubscriptionIdInput',
        { id: subscriptionId },
        'id',
      );
    } finally {
      await second.close();
    }
  });
  it('sends again, once its lease runs out, a delivery whose app was killed (SIGKILL) in the middle of it, and never while the lease holds', async () => {
    receiver.answer = () => 'hang';
    const killed = await startAppProcess(database, WEBHOOK_TEST_ENV);
    const dataSource = await new DataSource(buildDataSourceOptions({ url: database.url, poolSize: 1 })).initialize();
    const deliveryOf = async (eventId: string) =>
      (
        await dataSource.query(
          `SELECT status, attempts, lease_token IS NOT NULL AS leased, lease_expires_at > now() AS lease_holds FROM webhook_deliveries WHERE event_id = $1`,
          [eventId],
        )
      )[0];
    let survivor: TestApp | null = null;
    try {
      const admin = new EditorialClient(killed, (await new AccountsFactory({ dataSource, graphql: killed.graphql }).signedIn(Role.ADMIN)).headers);
      const subscriptionId = (
        await admin.mutate('createWebhookSubscription', 'CreateWebhookSubscriptionInput', { name: 'Killed', url: receiver.url }, 'subscription { id }')
      ).subscription.id;
      const treatment = await admin.createTreatment({ title: 'Killed Therapy' });
      await admin.publish('Treatment', treatment);
      await eventually(async () => receiver.events().length >= 1, { what: 'the request to arrive' });
      const eventId = receiver.events()[0].id;
      await killed.kill();

      // The dead app's lease is still on the delivery: nobody else may send it yet.
      expect(await deliveryOf(eventId)).toEqual({ status: 'PENDING', attempts: 1, leased: true, lease_holds: true });
      receiver.answer = () => ({ status: 200 });
      survivor = await startTestApp(WEBHOOK_TEST_ENV, { database });
      // Ten of the survivor's polls (every 100 ms) pass over the leased delivery.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(receiver.events().map((event) => event.id)).toEqual([eventId]);

      // A lease lasts the request timeout plus 30 s; the test ends it instead of waiting.
      await dataSource.query(`UPDATE webhook_deliveries SET lease_expires_at = now() - interval '1 second' WHERE event_id = $1`, [eventId]);
      await eventually(async () => (await deliveryOf(eventId)).status === 'SUCCEEDED', { what: 'the delivery after the lease ran out' });
      // The killed attempt may have reached the receiver: it counts, and the event id lets the receiver drop the repeat.
      expect(await deliveryOf(eventId)).toEqual({ status: 'SUCCEEDED', attempts: 2, leased: false, lease_holds: null });
      expect(receiver.events().map((event) => event.id)).toEqual([eventId, eventId]);
      await new EditorialClient(survivor, (await new AccountsFactory(survivor).signedIn(Role.ADMIN)).headers).mutate(
        'deleteWebhookSubscription',
        'WebhookSubscriptionIdInput',
        { id: subscriptionId },
        'id',
      );
    } finally {
      await killed.kill();
      await survivor?.close();
      await dataSource.destroy();
    }
  });
});
