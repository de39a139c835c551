import { createHmac } from 'node:crypto';

/** `t=<unix seconds>,v1=<hex>` (one v1 per secret while a rotated secret still signs). */
export const SIGNATURE_HEADER = 'x-webhook-signature';

/** HMAC-SHA256 of `<timestamp>.<raw body>`, hex, as Stripe signs: the timestamp is signed too, so an old request cannot be replayed with a new one. */
export function signPayload(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

export function signatureHeader(secrets: readonly string[], timestamp: number, body: string): string {
  return [`t=${timestamp}`, ...secrets.map((secret) => `v1=${signPayload(secret, timestamp, body)}`)].join(',');
}
