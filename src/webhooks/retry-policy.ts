/** No single wait longer than a day, whatever the base or a Retry-After asks. */
const MAX_DELAY_MS = 24 * 3600 * 1000;

/**
 * Wait before the next attempt after `attempt` failed: the base doubled per attempt, ±25% jitter
 * (so that deliveries that failed together do not all come back together), at least what the
 * receiver asked for with Retry-After.
 */
export function retryDelayMs(attempt: number, baseMs: number, retryAfterMs: number | null, random: () => number = Math.random): number {
  const exponential = Math.min(baseMs * 2 ** Math.max(0, attempt - 1), MAX_DELAY_MS);
  const jittered = Math.round(exponential * (0.75 + random() * 0.5));
  return Math.min(Math.max(jittered, retryAfterMs ?? 0), MAX_DELAY_MS);
}

/** Retry-After as delay-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | null {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return null;
  if (/^\d+$/.test(text.trim())) return Number(text.trim()) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Timeouts, connection errors, 408, 429 and 5xx may pass on their own; other answers will not. */
export function isRetryableStatus(statusCode: number): boolean {
  return statusCode === 408 || statusCode === 429 || statusCode >= 500;
}
