import { BlockList, isIP } from 'node:net';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/** Names proxy-addr (Fastify's trustProxy) knows besides addresses. */
const ADDRESS_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** What Fastify's `trustProxy` option accepts, parsed from TRUST_PROXY. */
export type TrustProxySetting = boolean | string[];

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/** `1.2.3.4`, `2001:db8::1`, `10.0.0.0/8` or `2001:db8::/32`. */
function isAddressOrRange(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

export function isAddressList(value: unknown): boolean {
  return typeof value === 'string' && splitList(value).every(isAddressOrRange);
}

export function isTrustProxyValue(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const trimmed = value.trim().toLowerCase();
  if (['', 'false', 'true'].includes(trimmed)) return true;
  return splitList(trimmed).every((entry) => ADDRESS_RANGE_NAMES.has(entry) || isAddressOrRange(entry));
}

/** Validates a comma-separated list of IP addresses and CIDR ranges (empty allowed). */
export function IsAddressList(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isAddressList', validator: { validate: isAddressList } }, options);
}

/** Validates TRUST_PROXY: false, true, or proxies' addresses/ranges. */
export function IsTrustProxy(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isTrustProxy', validator: { validate: isTrustProxyValue } }, options);
}

/**
 * TRUST_PROXY as Fastify's `trustProxy`: `false` (default: the client IP is the socket's peer),
 * `true` (believe every X-Forwarded-For hop: only behind a proxy that overwrites the header), or
 * the proxies' addresses/ranges (and proxy-addr's `loopback`, `linklocal`, `uniquelocal`): the
 * client IP is then the last X-Forwarded-For hop that is not one of them. (Fastify 5 trusts no
 * header for a bare hop count, since the peer itself would not be checked: not offered.)
 */
export function parseTrustProxy(value: string): TrustProxySetting {
  const trimmed = value.trim().toLowerCase();
  if (trimmed === '' || trimmed === 'false') return false;
  if (trimmed === 'true') return true;
  return splitList(trimmed);
}

const REMEMBERED_ANSWERS = 10_000;

/** A set of addresses and ranges (RATE_LIMIT_ALLOW) that answers "is this client IP in it?". */
export class AddressSet {
  private readonly list = new BlockList();
  private readonly answers = new Map<string, boolean>();
  readonly isEmpty: boolean;

  constructor(value: string) {
    const entries = splitList(value);
    this.isEmpty = entries.length === 0;
    for (const entry of entries) {
      const [address, prefix] = entry.split('/');
      const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
      if (prefix === undefined) this.list.addAddress(address, family);
      else this.list.addSubnet(address, Number(prefix), family);
    }
  }

  has(ip: string): boolean {
    if (this.isEmpty) return false;
    // Checking a BlockList builds a SocketAddress each time: remember the answer per client IP.
    let answer = this.answers.get(ip);
    if (answer === undefined) {
      // An IPv4 client of a dual-stack socket shows as ::ffff:a.b.c.d.
      const plain = ip.toLowerCase().startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
      const family = isIP(plain);
      answer = family !== 0 && this.list.check(plain, family === 6 ? 'ipv6' : 'ipv4');
      if (this.answers.size >= REMEMBERED_ANSWERS) this.answers.clear();
      this.answers.set(ip, answer);
    }
    return answer;
  }
}
