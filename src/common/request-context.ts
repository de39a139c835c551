import { AsyncLocalStorage } from 'node:async_hooks';

/** What the app knows about the HTTP request it is serving, wherever in the call stack it is. */
export interface RequestContext {
  requestId: string;
  /** The client's IP as Fastify reads it (after TRUST_PROXY), for sign-in limits and the audit log. */
  clientIp?: string;
  /** SQL statements run so far for this request; read by the statement-count header and bench. */
  sqlStatements: number;
  /**
   * What the request read, as cache tags (see read-tags.ts): the response cache files its entry
   * under them, and a write that changes any of them invalidates the entry.
   */
  readTags?: Set<string>;
}

export const requestContextStorage = new AsyncLocalStorage<RequestContext>();

export function currentRequestContext(): RequestContext | undefined {
  return requestContextStorage.getStore();
}
