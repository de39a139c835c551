import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { hashPassword } from '../src/users/passwords';

/** Publishes per block; blocks alternate between webhooks off and on so that machine noise hits both alike. */
const BLOCK = 250;
/** off, on, on, off, on, on: 500 publishes without a subscription, 1,000 with one. */
const PLAN: ('off' | 'on')[] = ['off', 'on', 'on', 'off', 'on', 'on'];
/** Publishes before the measured blocks, not counted: the app's first requests (cold code) would fall on the first block's side. */
const WARM_UP = 100;
const DELIVERY_BUDGET_MS = 10_000;
const PUBLISH_OVERHEAD_BUDGET = 0.05;

export interface WebhookBenchResult {
  publishes: { off: number; on: number };
  /** Median and p95 of the publish mutation over HTTP, in ms. */
  publishMs: { off: { p50: number; p95: number }; on: { p50: number; p95: number } };
  /** (on p50 / off p50) - 1. */
  publishOverhead: number;
  /** From the publish request's start to the receiver's first byte of the webhook, in ms. */
  deliveryLagMs: { p50: number; p99: number; max: number };
  delivered: number;
  duplicates: number;
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] * 10) / 10;
}

async function graphql(baseUrl: string, token: string | null, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown };
  if (!body.data || body.errors) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/**
 * 1,000 publishes with one webhook subscription (a receiver on loopback answering 200) and 500
 * without, one at a time through the API as an editor publishes: how long after its publish each
 * webhook arrives, and what the subscription costs the publish mutation. The app must run with
 * WEBHOOK_ALLOW_HTTP and WEBHOOK_ALLOW_PRIVATE_TARGETS (the receiver is plain http on loopback).
 */
export async function runWebhookBenchmark(baseUrl: string, databaseUrl: string): Promise<WebhookBenchResult> {
  const receiver = await startReceiver();
  const receiverUrl = `http://127.0.0.1:${receiver.port}/hooks`;
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const password = 'bench-admin-password-1';
    await client.query(`INSERT INTO users (email, role, password_hash) VALUES ('bench-webhooks@example.com', 'ADMIN', $1)`, [await hashPassword(password)]);
    const login = await graphql(
      baseUrl,
      null,
      `
        mutation ($input: LoginInput!) {
          login(input: $input) {
            accessToken
          }
        }
      `,
      {
        input: { email: 'bench-webhooks@example.com', password },
      },
    );
    const token: string = login.login.accessToken;
    const total = WARM_UP + PLAN.length * BLOCK;
    const drafts: { id: string }[] = (
      await client.query(
        `INSERT INTO treatments (slug, title, status) SELECT 'webhook-bench-' || g, 'Webhook Bench ' || g, 'DRAFT' FROM generate_series(1, $1) g RETURNING id`,
        [total],
      )
    ).rows;
    const created = await graphql(
      baseUrl,
      token,
      `
        mutation ($input: CreateWebhookSubscriptionInput!) {
          createWebhookSubscription(input: $input) {
            subscription {
              id
            }
          }
        }
      `,
      { input: { name: 'bench', url: receiverUrl, eventTypes: ['DOCUMENT_PUBLISHED'] } },
    );
    const subscriptionId: string = created.createWebhookSubscription.subscription.id;
    const setEnabled = (enabled: boolean) =>
      graphql(
        baseUrl,
        token,
        `mutation($input: WebhookSubscriptionIdInput!) { ${enabled ? 'enable' : 'disable'}WebhookSubscription(input: $input) { enabled } }`,
        {
          input: { id: subscriptionId },
        },
      );

    const publishMs = { off: [] as number[], on: [] as number[] };
    const publishedAt = new Map<string, number>();
    let next = 0;
    const publish = (id: string) =>
      graphql(
        baseUrl,
        token,
        `
          mutation ($input: DocumentVersionInput!) {
            publishTreatment(input: $input) {
              version
            }
          }
        `,
        { input: { id, version: 1 } },
      );
    await setEnabled(false);
    for (let index = 0; index < WARM_UP; index++) await publish(drafts[next++].id);
    for (const mode of PLAN) {
      await setEnabled(mode === 'on');
      for (let index = 0; index < BLOCK; index++) {
        const { id } = drafts[next++];
        const started = performance.timeOrigin + performance.now();
        await publish(id);
        publishMs[mode].push(performance.timeOrigin + performance.now() - started);
        if (mode === 'on') publishedAt.set(id, started);
      }
      // Deliveries still in flight would load the next block: let them finish first.
      const deadline = Date.now() + 60_000;
      for (;;) {
        const arrived = await receiver.arrivals();
        if (Date.now() > deadline || [...publishedAt.keys()].every((id) => arrived.has(id))) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    const arrivals = await receiver.arrivals();
    const lags = [...publishedAt].map(([id, started]) => (arrivals.get(id)?.[0] ?? Number.POSITIVE_INFINITY) - started);
    const delivered = lags.filter(Number.isFinite).length;
    const offP50 = percentile(publishMs.off, 0.5);
    const onP50 = percentile(publishMs.on, 0.5);
    return {
      publishes: { off: publishMs.off.length, on: publishMs.on.length },
      publishMs: { off: { p50: offP50, p95: percentile(publishMs.off, 0.95) }, on: { p50: onP50, p95: percentile(publishMs.on, 0.95) } },
      publishOverhead: Math.round((onP50 / offP50 - 1) * 1000) / 1000,
      deliveryLagMs: { p50: percentile(lags, 0.5), p99: percentile(lags, 0.99), max: percentile(lags, 1) },
      delivered,
      duplicates: [...arrivals.values()].reduce((sum, times) => sum + times.length - 1, 0),
    };
  } finally {
    await client.end();
    await receiver.stop();
  }
}

/** Forks bench/webhook-receiver and waits until it listens. */
async function startReceiver(): Promise<{ port: number; arrivals(): Promise<Map<string, number[]>>; stop(): Promise<void> }> {
  const child: ChildProcess = fork(join(__dirname, 'webhook-receiver.js'), { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', () => reject(new Error('the webhook receiver exited during start')));
    child.once('message', (message: { port: number }) => resolve(message.port));
  });
  return {
    port,
    arrivals: () =>
      new Promise((resolve) => {
        child.once('message', (message: { arrivals: [string, number[]][] }) => resolve(new Map(message.arrivals)));
        child.send({ type: 'arrivals' });
      }),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.send({ type: 'stop' });
      }),
  };
}

/** The console line, and the budget checks (the targets). */
export function checkWebhookResult(result: WebhookBenchResult): string[] {
  console.log(
    `webhooks: ${result.delivered}/${result.publishes.on} delivered, lag p50 ${result.deliveryLagMs.p50} ms, p99 ${result.deliveryLagMs.p99} ms, max ${result.deliveryLagMs.max} ms; ` +
      `publish p50 ${result.publishMs.off.p50} ms without a subscription, ${result.publishMs.on.p50} ms with one (${(result.publishOverhead * 100).toFixed(1)}%); ${result.duplicates} duplicates`,
  );
  const failures: string[] = [];
  if (result.delivered < result.publishes.on) failures.push(`only ${result.delivered} of ${result.publishes.on} webhooks arrived`);
  if (result.deliveryLagMs.p99 > DELIVERY_BUDGET_MS) failures.push(`webhook p99 lag ${result.deliveryLagMs.p99} ms is over ${DELIVERY_BUDGET_MS} ms`);
  if (result.publishOverhead > PUBLISH_OVERHEAD_BUDGET)
    failures.push(`publishing is ${(result.publishOverhead * 100).toFixed(1)}% slower with a webhook subscription (budget 5%)`);
  return failures;
}
