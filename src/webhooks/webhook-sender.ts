import http from 'node:http';
import https from 'node:https';
import { type LookupFunction } from 'node:net';
import { parseRetryAfter, isRetryableStatus } from './retry-policy';
import { checkTargetUrl, resolveTarget, type TargetPolicy, WebhookTargetError } from './target-guard';
import { SIGNATURE_HEADER, signatureHeader } from './webhook-signature';

const EXCERPT_BYTES = 1024;
const USER_AGENT = 'practice-cms-webhooks/1';

export interface OutgoingWebhook {
  url: string;
  /** Extra headers of the subscription. */
  headers: Record<string, string>;
  /** The current secret, and the previous one while it still signs. */
  secrets: string[];
  body: string;
  eventId: string;
  eventType: string;
  deliveryId: string;
}

export interface SendResult {
  startedAt: Date;
  durationMs: number;
  statusCode: number | null;
  ok: boolean;
  /** Worth another attempt (timeouts, connection errors, 408, 429, 5xx). */
  retryable: boolean;
  retryAfterMs: number | null;
  error: string | null;
  responseExcerpt: string | null;
}

/**
 * POSTs one webhook: Content-Type application/json, signed, to the address the guard allowed,
 * within the timeout (connection to last byte), redirects not followed (a 3xx is a failure).
 */
export class WebhookSender {
  // Keep-alive: a subscription receiving a burst reuses its connections (each was checked when opened).
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;

  constructor(
    private readonly policy: TargetPolicy,
    private readonly timeoutMs: number,
    maxSockets: number,
  ) {
    this.httpAgent = new http.Agent({ keepAlive: true, maxSockets });
    this.httpsAgent = new https.Agent({ keepAlive: true, maxSockets });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  async send(webhook: OutgoingWebhook, signal?: AbortSignal): Promise<SendResult> {
    const startedAt = new Date();
    const started = performance.now();
    const finish = (result: Omit<SendResult, 'startedAt' | 'durationMs'>): SendResult => ({
      startedAt,
      durationMs: Math.round(performance.now() - started),
      ...result,
    });
    try {
      const url = checkTargetUrl(webhook.url, this.policy);
      const target = await resolveTarget(url, this.policy);
      const response = await this.post(url, target, webhook, signal);
      const ok = response.statusCode >= 200 && response.statusCode < 300;
      return finish({
        statusCode: response.statusCode,
        ok,
        retryable: !ok && isRetryableStatus(response.statusCode),
        retryAfterMs: parseRetryAfter(response.retryAfter),
        error: ok
          ? null
          : response.statusCode >= 300 && response.statusCode < 400
            ? `redirect (${response.statusCode}) not followed`
            : `HTTP ${response.statusCode}`,
        responseExcerpt: response.excerpt,
      });
    } catch (error) {
      const refused = error instanceof WebhookTargetError;
      const message = error instanceof Error ? error.message : String(error);
      return finish({
        statusCode: null,
        ok: false,
        retryable: !refused,
        retryAfterMs: null,
        error: refused ? `target refused: ${message}` : message,
        responseExcerpt: null,
      });
    }
  }

  private post(
    url: URL,
    target: { address: string; family: 4 | 6 },
    webhook: OutgoingWebhook,
    signal?: AbortSignal,
  ): Promise<{ statusCode: number; retryAfter: string | undefined; excerpt: string }> {
    const timestamp = Math.floor(Date.now() / 1000);
    const body = Buffer.from(webhook.body, 'utf8');
    // Connect to the checked address only, whatever DNS says by now.
    const pinned: LookupFunction = (_hostname, options, callback) => {
      if (options.all) (callback as unknown as (error: null, addresses: { address: string; family: number }[]) => void)(null, [target]);
      else callback(null, target.address, target.family);
    };
    const secure = url.protocol === 'https:';
    return new Promise((resolve, reject) => {
      const request = (secure ? https : http).request(
        url,
        {
          method: 'POST',
          agent: secure ? this.httpsAgent : this.httpAgent,
          lookup: pinned,
          signal,
          headers: {
            ...webhook.headers,
            'content-type': 'application/json',
            'content-length': String(body.length),
            'user-agent': USER_AGENT,
            'x-webhook-id': webhook.eventId,
            'x-webhook-event': webhook.eventType,
            'x-webhook-delivery': webhook.deliveryId,
            [SIGNATURE_HEADER]: signatureHeader(webhook.secrets, timestamp, webhook.body),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          let kept = 0;
          response.on('data', (chunk: Buffer) => {
            if (kept < EXCERPT_BYTES) {
              chunks.push(chunk.subarray(0, EXCERPT_BYTES - kept));
              kept += Math.min(chunk.length, EXCERPT_BYTES - kept);
            }
          });
          response.on('end', () => {
            clearTimeout(timer);
            resolve({ statusCode: response.statusCode ?? 0, retryAfter: response.headers['retry-after'], excerpt: Buffer.concat(chunks).toString('utf8') });
          });
          response.on('error', fail);
        },
      );
      const timer = setTimeout(() => request.destroy(new Error(`timed out after ${this.timeoutMs} ms`)), this.timeoutMs);
      function fail(error: Error) {
        clearTimeout(timer);
        const code = (error as NodeJS.ErrnoException).code;
        reject(new Error(code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message));
      }
      request.on('error', fail);
      request.end(body);
    });
  }
}
