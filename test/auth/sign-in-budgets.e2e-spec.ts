import { Writable } from 'node:stream';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { AccountsFactory, LOGIN, uniqueEmail } from '../factories/accounts.factory';
import { startTestApp, type TestApp } from '../support/test-app';

/** The budgets this file's app runs with (README "Security"); the one per account and IP is fixed at 5. */
const PER_ACCOUNT_AND_ADDRESS = 5;
const PER_ACCOUNT = 10;
const PER_ADDRESS = 20;

type Tally = Record<string, number>;

function tally(responses: { errors?: { extensions: { code: string } }[] }[]): Tally {
  const counts: Tally = {};
  for (const response of responses) {
    const code = response.errors?.[0]?.extensions.code ?? 'NO_ERROR';
    counts[code] = (counts[code] ?? 0) + 1;
  }
  return counts;
}

describe('sign-in budgets per account, per address, and for the owner', () => {
  let app: TestApp;
  let accounts: AccountsFactory;
  const logLines: string[] = [];
  let nextAddress = 1;

  beforeAll(async () => {
    const logDestination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    app = await startTestApp(
      {
        // Each test chooses its client addresses through X-Forwarded-For.
        TRUST_PROXY: 'true',
        LOGIN_ATTEMPTS_PER_ACCOUNT: String(PER_ACCOUNT),
        LOGIN_ATTEMPTS_PER_ADDRESS: String(PER_ADDRESS),
        LOG_LEVEL: 'info',
      },
      { logDestination },
    );
    accounts = new AccountsFactory(app);
  });

  afterAll(() => app?.close());

  /** An address no other test used, so that budgets start fresh. */
  const freshAddress = () => `192.0.2.${nextAddress++}`;
  const login = (email: string, password: string, clientIp: string) => app.graphql(LOGIN, { input: { email, password } }, { 'x-forwarded-for': clientIp });

  it('checks the password at most 5 times for 100 parallel wrong sign-ins on one account', async () => {
    const { email } = await accounts.user();
    const address = freshAddress();
    const responses = await Promise.all(Array.from({ length: 100 }, (_, index) => login(email, `wrong-${index}`, address)));
    expect(tally(responses)).toEqual({ UNAUTHENTICATED: PER_ACCOUNT_AND_ADDRESS, RATE_LIMITED: 100 - PER_ACCOUNT_AND_ADDRESS });
  });

  it(`limits one address to ${PER_ADDRESS} failed sign-ins across 25 different emails`, async () => {
    const address = freshAddress();
    const responses = await Promise.all(Array.from({ length: 25 }, () => login(uniqueEmail('guess'), 'wrong-password', address)));
    expect(tally(responses)).toEqual({ UNAUTHENTICATED: PER_ADDRESS, RATE_LIMITED: 25 - PER_ADDRESS });
    // The address is limited for an account it has never tried, too.
    const someone = await accounts.user();
    expect((await login(someone.email, someone.password, address)).errors?.[0].extensions.code).toBe('RATE_LIMITED');
    // Other addresses are not.
    expect((await login(someone.email, someone.password, freshAddress())).errors).toBeUndefined();
  });

  it('does not spend the address budget on successful sign-ins (an office behind one address)', async () => {
    const address = freshAddress();
    const colleagues = await Promise.all(Array.from({ length: PER_ADDRESS + 1 }, () => accounts.user()));
    for (const colleague of colleagues) expect((await login(colleague.email, colleague.password, address)).errors).toBeUndefined();
  });

  it('keeps the owner signing in from an address of theirs while many addresses guess at the account', async () => {
    const owner = await accounts.user();
    const home = freshAddress();
    expect((await login(owner.email, owner.password, home)).errors).toBeUndefined();

    // One wrong guess from each of 15 addresses: the account's budget for unknown addresses runs out.
    const guesses = [];
    for (let index = 0; index < 15; index += 1) guesses.push(await login(owner.email, `wrong-${index}`, freshAddress()));
    expect(tally(guesses)).toEqual({ UNAUTHENTICATED: PER_ACCOUNT, RATE_LIMITED: 15 - PER_ACCOUNT });

    // Even the right password is refused from a new address: the attacker could be anywhere.
    expect((await login(owner.email, owner.password, freshAddress())).errors?.[0].extensions.code).toBe('RATE_LIMITED');
    // The owner, from where they signed in before, gets in.
    expect((await login(owner.email, owner.password, home)).errors).toBeUndefined();

    const limited = await app.dataSource.getRepository(AuditEntry).findBy({ action: 'authenticationLimited', documentId: owner.user.id });
    expect(limited).toEqual([
      expect.objectContaining({ actorKind: 'ANONYMOUS', after: { operation: 'login', budget: 'account', retryAfterSeconds: expect.any(Number) } }),
    ]);
  });

  it('counts refresh-token failures against the address budget, and sign-ins from it share that budget', async () => {
    const address = freshAddress();
    const refresh = (refreshToken: string) =>
      app.graphql(
        'mutation($input: RefreshTokenInput!) { refreshToken(input: $input) { refreshToken } }',
        { input: { refreshToken } },
        { 'x-forwarded-for': address },
      );
    const failures = [];
    for (let index = 0; index < PER_ADDRESS + 2; index += 1) failures.push(await refresh(`made-up-${index}`));
    expect(tally(failures)).toEqual({ UNAUTHENTICATED: PER_ADDRESS, RATE_LIMITED: 2 });
    const user = await accounts.user();
    expect((await login(user.email, user.password, address)).errors?.[0].extensions.code).toBe('RATE_LIMITED');
  });

  it('counts API keys that do not check out against the address budget; past it, keys from there are refused with 429', async () => {
    const address = freshAddress();
    const { secret } = await accounts.apiKey();
    const withKey = (key: string) => app.graphql('{ __typename }', {}, { 'x-api-key': key, 'x-forwarded-for': address });
    // A valid key spends nothing.
    for (let index = 0; index < PER_ADDRESS + 5; index += 1) expect((await withKey(secret)).status).toBe(200);

    const wrong = `${secret.slice(0, -4)}AAAA`;
    for (let index = 0; index < PER_ADDRESS; index += 1) expect((await withKey(wrong)).status).toBe(401);
    const refused = await withKey(wrong);
    expect(refused.status).toBe(429);
    expect(refused.errors?.[0].extensions.code).toBe('RATE_LIMITED');
    expect((await withKey(secret)).status).toBe(429);
  });

  it('records failed sign-ins in the audit log with the IP, and keeps email addresses out of the logs', async () => {
    const { email, user } = await accounts.user();
    const address = freshAddress();
    const unknown = uniqueEmail('nobody');
    logLines.length = 0;
    await login(email, 'wrong-password', address);
    await login(unknown, 'wrong-password', address);

    const entries = await app.dataSource.getRepository(AuditEntry).find({ where: { action: 'signInFailed', ipAddress: address }, order: { createdAt: 'ASC' } });
    expect(entries).toEqual([
      expect.objectContaining({ actorKind: 'ANONYMOUS', documentType: 'USER', documentId: user.id, after: { reason: 'wrongPassword' } }),
      expect.objectContaining({
        actorKind: 'ANONYMOUS',
        documentId: null,
        after: { reason: 'unknownEmail', emailDigest: expect.stringMatching(/^[0-9a-f]{16}$/) },
      }),
    ]);
    expect(JSON.stringify(entries)).not.toContain(unknown);

    expect(logLines.some((line) => line.includes(`Failed sign-in for user ${user.id}`))).toBe(true);
    expect(logLines.some((line) => line.includes('Failed sign-in for unknown email'))).toBe(true);
    const logs = logLines.join('\n');
    expect(logs).not.toContain(email);
    expect(logs).not.toContain(unknown);
    expect(logs).not.toContain('wrong-password');
  });
});
