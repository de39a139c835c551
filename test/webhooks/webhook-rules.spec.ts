import { parseRetryAfter, retryDelayMs } from '../../src/webhooks/retry-policy';
import { SettleTimer } from '../../src/webhooks/settle-timer';
import { checkTargetUrl, forbiddenReason } from '../../src/webhooks/target-guard';

describe('webhook target rules', () => {
  const policy = { allowHttp: false, allowPrivate: false, dnsServers: [] };

  it('accepts only https unless plain http is allowed', () => {
    expect(checkTargetUrl('https://hooks.example.com/a', policy).href).toBe('https://hooks.example.com/a');
    expect(() => checkTargetUrl('http://hooks.example.com/a', policy)).toThrow('must be an https:// URL (plain http needs WEBHOOK_ALLOW_HTTP=true)');
    expect(checkTargetUrl('http://hooks.example.com/a', { ...policy, allowHttp: true }).protocol).toBe('http:');
  });

  it.each([
    ['127.0.0.1', 'a loopback address'],
    ['10.0.0.1', 'a private address'],
    ['172.31.255.255', 'a private address'],
    ['192.168.1.1', 'a private address'],
    ['169.254.169.254', 'a link-local or cloud metadata address'],
    ['100.100.100.200', 'a carrier-grade NAT address'],
    ['224.0.0.1', 'a multicast address'],
    ['0.0.0.0', 'a "this network" address'],
    ['::1', 'a loopback address'],
    ['fd00:ec2::254', 'a private (unique local) address'],
    ['fe80::1', 'a link-local address'],
    ['ff02::1', 'a multicast address'],
    ['::ffff:10.0.0.1', 'a private address'],
    ['::ffff:a9fe:a9fe', 'a link-local or cloud metadata address'],
    ['64:ff9b::7f00:1', 'a loopback address'],
  ])('refuses %s as %s', (address, reason) => {
    expect(forbiddenReason(address)).toBe(reason);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700::1111'])('allows the public address %s', (address) => {
    expect(forbiddenReason(address)).toBeNull();
  });
});

describe('webhook retry waits', () => {
  it('doubles from the base with ±25% jitter', () => {
    expect(retryDelayMs(1, 1000, null, () => 0)).toBe(750);
    expect(retryDelayMs(1, 1000, null, () => 1)).toBe(1250);
    expect(retryDelayMs(4, 1000, null, () => 0.5)).toBe(8000);
  });

  it('waits at least what Retry-After asks, and never more than a day', () => {
    expect(retryDelayMs(1, 1000, 60_000, () => 0.5)).toBe(60_000);
    expect(retryDelayMs(30, 30_000, null, () => 1)).toBe(24 * 3600 * 1000);
    expect(parseRetryAfter('120')).toBe(120_000);
    expect(parseRetryAfter(new Date(Date.now() + 30_000).toUTCString())).toBeGreaterThan(28_000);
    expect(parseRetryAfter('soon')).toBeNull();
  });
});

describe('the dispatcher waking for new outbox events (SettleTimer)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('looks once events have stopped coming for the settle time', () => {
    const wake = jest.fn();
    const timer = new SettleTimer(20, 250, wake);
    timer.touch();
    jest.advanceTimersByTime(19);
    expect(wake).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(wake).toHaveBeenCalledTimes(1);
  });

  it('batches a burst of events, but never waits longer than the maximum after the first', () => {
    const wake = jest.fn();
    const timer = new SettleTimer(20, 250, wake);
    // An event every 10 ms, as when an editor publishes page after page: the burst never settles.
    for (let elapsed = 0; elapsed < 240; elapsed += 10) {
      timer.touch();
      jest.advanceTimersByTime(10);
    }
    expect(wake).not.toHaveBeenCalled();
    timer.touch();
    jest.advanceTimersByTime(10);
    expect(wake).toHaveBeenCalledTimes(1);
    // The next burst starts its own wait.
    timer.touch();
    jest.advanceTimersByTime(20);
    expect(wake).toHaveBeenCalledTimes(2);
  });

  it('calls nothing after cancel (the app stopping)', () => {
    const wake = jest.fn();
    const timer = new SettleTimer(20, 250, wake);
    timer.touch();
    timer.cancel();
    jest.advanceTimersByTime(1000);
    expect(wake).not.toHaveBeenCalled();
  });
});
