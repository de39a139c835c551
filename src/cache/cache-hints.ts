import { type GraphQLContext } from '../common/graphql/graphql-context';

/**
 * For a field whose answer changes at a known instant (`openNow` when the office opens or
 * closes): the response may not be cached past that instant, by anyone. Recorded on the request's
 * context; the Cache-Control plugin lowers max-age and s-maxage to it.
 */
export function cacheUntil(context: GraphQLContext, instant: Date | null, now: Date): void {
  if (!instant) return;
  const seconds = Math.max(0, Math.floor((instant.getTime() - now.getTime()) / 1000));
  context.changesWithinSeconds = Math.min(context.changesWithinSeconds ?? Infinity, seconds);
}

/** The earlier of two instants (either may be missing). */
export function earliest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a.getTime() <= b.getTime() ? a : b;
}
