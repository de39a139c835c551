import { lookup } from 'node:dns/promises';
import { Resolver } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** A target the guard refuses: a clear input error when subscribing, a failed delivery later. */
export class WebhookTargetError extends Error {}

export interface TargetPolicy {
  allowHttp: boolean;
  allowPrivate: boolean;
  /** DNS servers to ask instead of the system resolver (`ip` or `ip:port`). */
  dnsServers: string[];
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Where no webhook may go: this host, private networks, link-local (cloud metadata at 169.254.169.254), CGNAT, multicast, reserved. */
const FORBIDDEN: [string, number, 'ipv4' | 'ipv6', string][] = [
  ['0.0.0.0', 8, 'ipv4', 'a "this network" address'],
  ['10.0.0.0', 8, 'ipv4', 'a private address'],
  ['100.64.0.0', 10, 'ipv4', 'a carrier-grade NAT address'],
  ['127.0.0.0', 8, 'ipv4', 'a loopback address'],
  ['169.254.0.0', 16, 'ipv4', 'a link-local or cloud metadata address'],
  ['172.16.0.0', 12, 'ipv4', 'a private address'],
  ['192.0.0.0', 24, 'ipv4', 'a reserved address'],
  ['192.0.2.0', 24, 'ipv4', 'a documentation address'],
  ['192.168.0.0', 16, 'ipv4', 'a private address'],
  ['198.18.0.0', 15, 'ipv4', 'a benchmarking address'],
  ['198.51.100.0', 24, 'ipv4', 'a documentation address'],
  ['203.0.113.0', 24, 'ipv4', 'a documentation address'],
  ['224.0.0.0', 4, 'ipv4', 'a multicast address'],
  ['240.0.0.0', 4, 'ipv4', 'a reserved address'],
  ['::', 128, 'ipv6', 'the unspecified address'],
  ['::1', 128, 'ipv6', 'a loopback address'],
  ['fc00::', 7, 'ipv6', 'a private (unique local) address'],
  ['fe80::', 10, 'ipv6', 'a link-local address'],
  ['ff00::', 8, 'ipv6', 'a multicast address'],
  ['2001:db8::', 32, 'ipv6', 'a documentation address'],
  ['100::', 64, 'ipv6', 'a discard address'],
];

const lists = FORBIDDEN.map(([network, prefix, family, reason]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, family);
  return { list, family, reason };
});

/** IPv4 written inside IPv6 (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96) is judged as that IPv4 address. */
function embeddedIpv4(address: string): string | null {
  const lower = address.toLowerCase();
  const match = /^(?:::ffff:|64:ff9b::)(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/.exec(lower);
  if (!match) return null;
  if (match[1]) return match[1];
  const high = parseInt(match[2], 16);
  const low = parseInt(match[3], 16);
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}

/** Why an address is refused, or null when it is a public one. */
export function forbiddenReason(address: string): string | null {
  const family = isIP(address);
  if (family === 0) return 'not an IP address';
  if (family === 6) {
    const ipv4 = embeddedIpv4(address);
    if (ipv4) return forbiddenReason(ipv4);
  }
  const type = family === 4 ? 'ipv4' : 'ipv6';
  for (const entry of lists) if (entry.family === type && entry.list.check(address, type)) return entry.reason;
  return null;
}

/** Checks what can be checked without the network: scheme, no credentials in the URL, a host. */
export function checkTargetUrl(raw: string, policy: TargetPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookTargetError('must be an absolute URL');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowHttp)) {
    throw new WebhookTargetError(
      policy.allowHttp ? 'must be an http:// or https:// URL' : 'must be an https:// URL (plain http needs WEBHOOK_ALLOW_HTTP=true)',
    );
  }
  if (url.username || url.password) throw new WebhookTargetError('must not contain a user name or password (send credentials as extra headers)');
  if (!url.hostname) throw new WebhookTargetError('must name a host');
  return url;
}

/** The host without IPv6 brackets. */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

async function resolveHost(host: string, policy: TargetPolicy): Promise<ResolvedAddress[]> {
  if (policy.dnsServers.length === 0) {
    const found = await lookup(host, { all: true, verbatim: true });
    return found.map((entry) => ({ address: entry.address, family: entry.family === 6 ? 6 : 4 }));
  }
  const resolver = new Resolver({ timeout: 3000, tries: 2 });
  resolver.setServers(policy.dnsServers);
  const [v4, v6] = await Promise.all([resolver.resolve4(host).catch(() => [] as string[]), resolver.resolve6(host).catch(() => [] as string[])]);
  return [...v4.map((address) => ({ address, family: 4 as const })), ...v6.map((address) => ({ address, family: 6 as const }))];
}

/**
 * Resolves the target's host and returns the address to connect to. Every address the name
 * resolves to must be allowed (a name with one private address among public ones is refused),
 * and the caller connects to exactly the address returned, so a DNS answer that changes between
 * this check and the connection (DNS rebinding) cannot point the request elsewhere.
 */
export async function resolveTarget(url: URL, policy: TargetPolicy): Promise<ResolvedAddress> {
  const host = hostOf(url);
  const literal = isIP(host);
  let addresses: ResolvedAddress[];
  if (literal) {
    addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
  } else {
    try {
      addresses = await resolveHost(host, policy);
    } catch (error) {
      throw new Error(`cannot resolve ${host}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    if (addresses.length === 0) throw new Error(`cannot resolve ${host}: no address`);
  }
  if (!policy.allowPrivate) {
    for (const { address } of addresses) {
      const reason = forbiddenReason(address);
      if (reason) throw new WebhookTargetError(`${host} resolves to ${address}, ${reason} (set WEBHOOK_ALLOW_PRIVATE_TARGETS=true to allow it)`);
    }
  }
  return addresses[0];
}
