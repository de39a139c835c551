import { maybeCacheControlFromInfo } from '@apollo/cache-control-types';
import { GraphQLResolveInfo } from 'graphql';
import { currentRequestContext, RequestContext } from '../common/request-context';

/** Per request: the soonest instant (in seconds from now) an answer in its response changes. */
const changesWithin = new WeakMap<RequestContext, number>();

/**
 * For a field whose answer changes at a known instant (`openNow` when the office opens or
 * closes): the response may not be cached past that instant, by anyone. Lowers the field's
 * Apollo cache hint, which lowers the response's max-age, and records the bound for s-maxage.
 */
export function cacheUntil(info: GraphQLResolveInfo, instant: Date | null, now: Date): void {
  if (!instant) return;
  const seconds = Math.max(0, Math.floor((instant.getTime() - now.getTime()) / 1000));
  maybeCacheControlFromInfo(info)?.cacheHint.restrict({ maxAge: seconds });
  const context = currentRequestContext();
  if (context) changesWithin.set(context, Math.min(changesWithin.get(context) ?? Infinity, seconds));
}

/** The bound `cacheUntil` set for the current request, if any. */
export function responseChangesWithin(): number | undefined {
  const context = currentRequestContext();
  return context ? changesWithin.get(context) : undefined;
}

/** The earlier of two instants (either may be missing). */
export function earliest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a.getTime() <= b.getTime() ? a : b;
}
