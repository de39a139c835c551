import { Inject, Injectable } from '@nestjs/common';
import { AppError, ErrorCode } from '../common/errors/app-error';
import { AttemptLimiter, AttemptReservation } from './attempt-limiter';
import { SecurityEvents } from './security-events';

/** Injection tokens of the three limiters (src/auth/auth.module.ts builds them). */
export const ACCOUNT_AND_ADDRESS_LIMITER = Symbol('ACCOUNT_AND_ADDRESS_LIMITER');
export const ACCOUNT_LIMITER = Symbol('ACCOUNT_LIMITER');
export const ADDRESS_LIMITER = Symbol('ADDRESS_LIMITER');

type Operation = 'login' | 'refreshToken' | 'apiKey';

/** An attempt holding its reservations while the credential is checked. */
export interface ReservedAttempt {
  /** The credential checked out: gives the attempts back so that successes never use up a budget. */
  succeeded(): Promise<void>;
}

interface Held {
  limiter: AttemptLimiter;
  key: string;
  budget: string;
  reservation: AttemptReservation;
}

/**
 * The budgets that stand between a client and a password or token check, each reserved before
 * the check so that concurrent attempts cannot get past it:
 *
 * - per account and client IP (5 in 15 minutes): what a client gets for one account;
 * - per account (LOGIN_ATTEMPTS_PER_ACCOUNT), only from IPs the account never signed in from:
 *   many addresses together cannot guess on, yet the owner at an address of theirs is not
 *   locked out by them;
 * - per client IP (LOGIN_ATTEMPTS_PER_ADDRESS) across accounts, shared with refresh-token and
 *   API-key failures.
 *
 * A success gives back its reservations and starts the account's counts over.
 */
@Injectable()
export class SignInBudgets {
  constructor(
    @Inject(ACCOUNT_AND_ADDRESS_LIMITER) private readonly perAccountAndAddress: AttemptLimiter,
    @Inject(ACCOUNT_LIMITER) private readonly perAccount: AttemptLimiter,
    @Inject(ADDRESS_LIMITER) private readonly perAddress: AttemptLimiter,
    private readonly events: SecurityEvents,
  ) {}

  /** Reserves a sign-in attempt, or throws RATE_LIMITED. `knownAddress`: the account signed in from this IP before. */
  async reserveSignIn(email: string, clientIp: string, knownAddress: boolean, userId: string | null): Promise<ReservedAttempt> {
    const accountAndAddress = `login:${email}|${clientIp}`;
    const account = `account:${email}`;
    const held = await this.reserve('login', userId, [
      { limiter: this.perAccountAndAddress, key: accountAndAddress, budget: 'account and address' },
      { limiter: this.perAddress, key: addressKey(clientIp), budget: 'address' },
      ...(knownAddress ? [] : [{ limiter: this.perAccount, key: account, budget: 'account' }]),
    ]);
    return {
      succeeded: async () => {
        await Promise.all([
          this.perAccountAndAddress.reset(accountAndAddress),
          this.perAccount.reset(account),
          this.releaseAll(held.filter((entry) => entry.limiter === this.perAddress)),
        ]);
      },
    };
  }

  /** Reserves a refresh-token attempt from the client's IP budget, or throws RATE_LIMITED. */
  async reserveRefresh(clientIp: string): Promise<ReservedAttempt> {
    const held = await this.reserve('refreshToken', null, [{ limiter: this.perAddress, key: addressKey(clientIp), budget: 'address' }]);
    return { succeeded: () => this.releaseAll(held) };
  }

  /**
   * API keys are checked on every request an integration makes, so a valid key spends nothing:
   * the IP's budget is read before the key is looked up, and only a key that does not check out
   * counts against it.
   */
  async assertApiKeyAllowed(clientIp: string): Promise<void> {
    const reservation = await this.perAddress.peek(addressKey(clientIp));
    // Refused like an invalid credential: the whole request, before anything runs.
    if (!reservation.allowed)
      throw new AppError(ErrorCode.RATE_LIMITED, `Too many failed authentication attempts: try again in ${reservation.retryAfterSeconds} seconds`, {
        retryAfterSeconds: reservation.retryAfterSeconds,
        http: { status: 429, headers: new Map([['retry-after', String(reservation.retryAfterSeconds)]]) },
      });
  }

  async countApiKeyFailure(clientIp: string): Promise<void> {
    const reservation = await this.perAddress.reserve(addressKey(clientIp));
    if (reservation.firstRefusal) await this.events.limited('apiKey', 'address', reservation.retryAfterSeconds);
  }

  private async reserve(operation: Operation, userId: string | null, budgets: Omit<Held, 'reservation'>[]): Promise<Held[]> {
    const held = await Promise.all(budgets.map(async (budget) => ({ ...budget, reservation: await budget.limiter.reserve(budget.key) })));
    const refused = held.filter((entry) => !entry.reservation.allowed);
    if (refused.length === 0) return held;
    // No check is made: the budgets that allowed it get their attempt back.
    await this.releaseAll(held.filter((entry) => entry.reservation.allowed));
    for (const entry of refused) {
      if (entry.reservation.firstRefusal) await this.events.limited(operation, entry.budget, entry.reservation.retryAfterSeconds, userId);
    }
    throw limitedError(Math.max(...refused.map((entry) => entry.reservation.retryAfterSeconds)), operation);
  }

  private async releaseAll(held: Held[]): Promise<void> {
    await Promise.all(held.map((entry) => entry.limiter.release(entry.key, entry.reservation)));
  }
}

function addressKey(clientIp: string): string {
  return `address:${clientIp}`;
}

function limitedError(retryAfterSeconds: number, operation: Operation): AppError {
  const what = operation === 'login' ? 'sign-in' : operation === 'refreshToken' ? 'refresh' : 'authentication';
  return new AppError(ErrorCode.RATE_LIMITED, `Too many failed ${what} attempts: try again in ${retryAfterSeconds} seconds`, { retryAfterSeconds });
}
