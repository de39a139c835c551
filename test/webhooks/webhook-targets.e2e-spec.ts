import { Role } from '../../src/auth/permissions';
import { AccountsFactory } from '../factories/accounts.factory';
import { EditorialClient, eventually } from '../support/editorial-client';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestDnsServer } from './test-dns-server';
import { WebhookReceiver } from './webhook-receiver';

describe('webhook targets (SSRF guard on, http allowed)', () => {
  let app: TestApp;
  let admin: EditorialClient;
  let dns: TestDnsServer;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    dns = await TestDnsServer.start();
    receiver = await WebhookReceiver.start();
    // Plain http is allowed here so that the refusals below are the address guard's, as the examples are written.
    app = await startTestApp({ WEBHOOK_DNS_SERVERS: dns.serverSetting, WEBHOOK_POLL_INTERVAL_MS: '100', WEBHOOK_ALLOW_HTTP: 'true' });
    admin = new EditorialClient(app, (await new AccountsFactory(app).signedIn(Role.ADMIN)).headers);
  });

  afterAll(async () => {
    await app.close();
    await receiver.stop();
    await dns.stop();
  });

  const create = (url: string) => admin.attempt('createWebhookSubscription', 'CreateWebhookSubscriptionInput', { name: 'Target', url }, 'subscription { id }');

  async function refusal(url: string): Promise<string> {
    const response = await create(url);
    expect(response.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    const fields = response.errors?.[0].extensions.fields ?? [];
    expect(fields.map((field) => field.path)).toEqual(['input.url']);
    return fields[0].message;
  }

  it('refuses the cloud metadata address', async () => {
    expect(await refusal('http://169.254.169.254/latest/meta-data/')).toMatch(/169\.254\.169\.254, a link-local or cloud metadata address/);
  });

  it('refuses loopback, also written as IPv4-mapped IPv6', async () => {
    expect(await refusal(`http://127.0.0.1:${receiver.port}/hooks`)).toMatch(/127\.0\.0\.1, a loopback address/);
    expect(await refusal(`http://[::ffff:127.0.0.1]:${receiver.port}/hooks`)).toMatch(/a loopback address/);
    expect(await refusal('https://[::1]/hooks')).toMatch(/a loopback address/);
  });

  it('refuses a host name that resolves to a private address', async () => {
    dns.address = '10.0.0.1';
    expect(await refusal('http://intranet.example.test/hooks')).toBe(
      'intranet.example.test resolves to 10.0.0.1, a private address (set WEBHOOK_ALLOW_PRIVATE_TARGETS=true to allow it)',
    );
  });

  it('refuses URLs with credentials and what is not a URL', async () => {
    dns.address = '93.184.216.34';
    expect(await refusal('https://user:pass@www.example.test/hooks')).toMatch(/must not contain a user name or password/);
    expect(await refusal('ftp://www.example.test/hooks')).toBe('must be an http:// or https:// URL');
    expect(await refusal('not a url')).toBe('must be an absolute URL');
  });

  it('checks again at delivery time: a name that later resolves to loopback (DNS rebinding) is a logged failure, nothing is sent', async () => {
    dns.address = '93.184.216.34';
    const created = await admin.mutate(
      'createWebhookSubscription',
      'CreateWebhookSubscriptionInput',
      { name: 'Rebinding', url: `http://rebind.example.test:${receiver.port}/hooks` },
      'subscription { id }',
    );
    dns.address = '127.0.0.1';
    const treatment = await admin.createTreatment({ title: 'Rebound Therapy' });
    await admin.publish('Treatment', treatment);
    const delivery = await eventually(
      async () => {
        const log = await admin.ok(
          `query($filter: WebhookDeliveryFilter) { webhookDeliveries(filter: $filter) { edges { node { status attemptCount lastError attempts { statusCode error } } } } }`,
          { filter: { subscriptionId: created.subscription.id } },
        );
        const node = log.webhookDeliveries.edges[0]?.node;
        return node?.status === 'FAILED' ? node : null;
      },
      { what: 'the refused delivery' },
    );
    // A refused target is not retried: it would be refused again.
    expect(delivery.attemptCount).toBe(1);
    expect(delivery.attempts).toEqual([
      { statusCode: null, error: expect.stringMatching(/^target refused: rebind\.example\.test resolves to 127\.0\.0\.1, a loopback address/) },
    ]);
    expect(receiver.received).toHaveLength(0);
  });
});
