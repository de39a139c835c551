import { randomBytes } from 'node:crypto';
import { generateSecret, generateURI, verifySync } from 'otplib';

/** RFC 6238 as every authenticator app reads it: SHA-1, 6 digits, 30-second steps. */
const TOTP_PERIOD_SECONDS = 30;
/** One step either side: a phone clock a little off, or a code typed as it changed. */
const TOTP_TOLERANCE_SECONDS = TOTP_PERIOD_SECONDS;
export const RECOVERY_CODE_COUNT = 10;

export function newTwoFactorSecret(): string {
  return generateSecret();
}

/** The otpauth:// URI an authenticator app scans as a QR code. */
export function twoFactorUri(secret: string, accountEmail: string, issuer: string): string {
  return generateURI({ issuer, label: accountEmail, secret });
}

/**
 * The time step of `code` when it is valid for `secret` and newer than `lastStep` (so a code
 * seen once, by an onlooker or a replayed request, is never accepted again); null otherwise.
 */
export function acceptedTimeStep(secret: string, code: string, lastStep: number | null): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const result = verifySync({ secret, token, epochTolerance: TOTP_TOLERANCE_SECONDS, ...(lastStep !== null ? { afterTimeStep: lastStep } : {}) });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/** Ten single-use codes like `k7mq-2xrp-9vdt` (60 random bits each), shown once. */
export function newRecoveryCodes(): string[] {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = randomBytes(12);
    const chars = Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
}

/** Recovery codes are compared without case, spaces or dashes: people type them from paper. */
export function normalizedRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]+/g, '');
}
