import { type AppConfig } from '../config/app-config';

/** What every response that is not public says: no browser, CDN or proxy may keep it. */
export const PRIVATE_NO_STORE = 'private, no-store';

/**
 * The Cache-Control of public responses, from configuration: anonymous PUBLISHED reads may be
 * kept by browsers for `max-age`, by shared caches for `s-maxage`, and served stale for
 * `stale-while-revalidate` while a shared cache fetches a fresh copy.
 */
export class HttpCachePolicy {
  constructor(private readonly config: AppConfig) {}

  /** The default max-age: what Apollo's cache control gives every field without a lower hint. */
  get maxAge(): number {
    return this.config.CACHE_MAX_AGE_SECONDS;
  }

  /**
   * The header of a public response that may be kept `maxAge` seconds. `changesWithin` is set
   * when an answer in it changes at a known instant (an office opens or closes): no cache,
   * shared or not, may keep it longer, nor serve it stale.
   */
  publicHeader(maxAge = this.maxAge, changesWithin?: number): string {
    if (maxAge <= 0) return PRIVATE_NO_STORE;
    const sharedMaxAge = Math.min(this.config.CACHE_S_MAXAGE_SECONDS, changesWithin ?? Infinity);
    const staleWhileRevalidate = changesWithin === undefined ? this.config.CACHE_STALE_WHILE_REVALIDATE_SECONDS : 0;
    return `public, max-age=${maxAge}, s-maxage=${sharedMaxAge}${staleWhileRevalidate > 0 ? `, stale-while-revalidate=${staleWhileRevalidate}` : ''}`;
  }
}

/** The max-age of a public Cache-Control header, or null when the header is not a public one. */
export function publicMaxAgeOf(header: unknown): number | null {
  if (typeof header !== 'string' || !header.startsWith('public')) return null;
  const match = /(?:^|,)\s*max-age=(\d+)/.exec(header);
  return match ? Number(match[1]) : null;
}
