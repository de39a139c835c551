import { loadConfig } from '../../src/config/app-config';
import { AddressSet, parseTrustProxy } from '../../src/delivery/rate-limit-settings';

describe('rate limit settings', () => {
  it('default to limits on, loopback not exempt, and no proxy trusted', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      RATE_LIMIT: 'on',
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: 1200,
      RATE_LIMIT_MUTATIONS_PER_MINUTE: 30,
      RATE_LIMIT_AUTHENTICATED_PER_MINUTE: 6000,
      RATE_LIMIT_AUTHENTICATED_MUTATIONS_PER_MINUTE: 600,
    });
    expect(new AddressSet(config.RATE_LIMIT_ALLOW).has('127.0.0.1')).toBe(false);
    expect(parseTrustProxy(config.TRUST_PROXY)).toBe(false);
  });

  it('read TRUST_PROXY as false, true, or a list of proxies', () => {
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('TRUE')).toBe(true);
    expect(parseTrustProxy(' 10.0.0.0/8, loopback ,2001:db8::/32')).toEqual(['10.0.0.0/8', 'loopback', '2001:db8::/32']);
  });

  it('stop the start on a wrong value, with one line naming the variable and its rule', () => {
    expect(() => loadConfig({ TRUST_PROXY: '2' })).toThrow(
      /^Invalid configuration: TRUST_PROXY must be false, true, or comma-separated proxy IP addresses or CIDR ranges \(or loopback, linklocal, uniquelocal\) \(got "2"\)$/,
    );
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/^Invalid configuration: TRUST_PROXY/);
    expect(() => loadConfig({ RATE_LIMIT_ALLOW: '127.0.0.1,localhost' })).toThrow(
      /^Invalid configuration: RATE_LIMIT_ALLOW must be comma-separated IP addresses or CIDR ranges, e\.g\. 127\.0\.0\.1,10\.0\.0\.0\/8 \(got "127\.0\.0\.1,localhost"\)$/,
    );
    expect(() => loadConfig({ RATE_LIMIT_ANONYMOUS_PER_MINUTE: '0' })).toThrow(
      /^Invalid configuration: RATE_LIMIT_ANONYMOUS_PER_MINUTE must be an integer between 1 and 1000000/,
    );
    expect(() => loadConfig({ RATE_LIMIT_MUTATIONS_PER_MINUTE: 'many' })).toThrow(/^Invalid configuration: RATE_LIMIT_MUTATIONS_PER_MINUTE/);
    expect(() => loadConfig({ RATE_LIMIT: 'maybe' })).toThrow(/^Invalid configuration: RATE_LIMIT must be on or off/);
  });

  it('match client addresses against RATE_LIMIT_ALLOW, IPv4 clients of a dual-stack socket included', () => {
    const allowed = new AddressSet('127.0.0.1, ::1, 10.8.0.0/16, 2001:db8::/32');
    expect(allowed.has('127.0.0.1')).toBe(true);
    expect(allowed.has('::ffff:127.0.0.1')).toBe(true);
    expect(allowed.has('::1')).toBe(true);
    expect(allowed.has('10.8.200.3')).toBe(true);
    expect(allowed.has('2001:db8:1::5')).toBe(true);
    expect(allowed.has('10.9.0.1')).toBe(false);
    expect(allowed.has('127.0.0.2')).toBe(false);
    expect(allowed.has('not-an-address')).toBe(false);
  });
});
