/**
 * What a client is told when the database gave up waiting, or the app gave up waiting for it:
 * each is a TIMEOUT (safe to retry), never an internal error. Returns null for any other error.
 *
 * - 57014 query_canceled: statement_timeout (DB_STATEMENT_TIMEOUT_MS) cancelled the statement;
 * - 55P03 lock_not_available: lock_timeout (DB_LOCK_TIMEOUT_MS) ran out waiting for a row lock;
 * - 25P03 idle_in_transaction_session_timeout: the server closed a session left idle in a transaction;
 * - pg-pool's "timeout exceeded when trying to connect": no pooled connection became free within
 *   DB_POOL_ACQUIRE_TIMEOUT_MS (pg's own "connection timeout" when a new one took that long).
 */
export function databaseTimeoutMessage(error: unknown): string | null {
  const candidate = (error ?? {}) as { code?: unknown; message?: unknown; driverError?: { code?: unknown } };
  const code = candidate.driverError?.code ?? candidate.code;
  switch (code) {
    case '57014':
      return 'The database did not finish this request in time (statement timeout); try again';
    case '55P03':
      return 'The request waited too long for content another change is saving (lock timeout); try again';
    case '25P03':
      return 'The database closed a transaction that was idle too long; try again';
  }
  const message = typeof candidate.message === 'string' ? candidate.message : '';
  if (message === 'timeout exceeded when trying to connect' || message === 'Connection terminated due to connection timeout') {
    return 'No database connection became free in time (the server is busy); try again';
  }
  return null;
}
