import { randomBytes } from 'node:crypto';
import * as argon2 from 'argon2';

export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../common/validation/password-policy';

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

let dummyHash: Promise<string> | undefined;

/**
 * True when `password` matches `hash`. Without a hash (unknown email) it still runs one argon2
 * verification against a throwaway hash, so that an unknown email answers as slowly as a wrong
 * password and response times do not reveal which emails have accounts.
 */
export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) {
    dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    await argon2.verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return argon2.verify(hash, password).catch(() => false);
}

/** 24 URL-safe characters (144 random bits), for generated passwords shown once. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
