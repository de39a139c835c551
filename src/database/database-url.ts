/**
 * Where a PostgreSQL URL points, for logs: "host:port", or the socket directory of a
 * `postgres://user@/db?host=/dir` URL (which the WHATWG URL parser refuses: userinfo without a host).
 */
export function databaseLocationOf(url: string): string {
  const socketDirectory = /[?&]host=([^&]+)/.exec(url)?.[1];
  if (socketDirectory) return decodeURIComponent(socketDirectory);
  try {
    return new URL(url).host;
  } catch {
    return 'the configured server';
  }
}
