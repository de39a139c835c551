import { createHash, randomBytes } from 'node:crypto';

export const API_KEY_MARKER = 'pcms_';
const API_KEY_PATTERN = /^pcms_([0-9a-f]{8})_[A-Za-z0-9_-]{43}$/;

export interface GeneratedApiKey {
  /** The whole key, shown to its creator once. */
  secret: string;
  prefix: string;
  hash: string;
}

/** `pcms_<8 hex>_<43 base64url>`: 256 random bits after a prefix that identifies the key in lists and logs. */
export function generateApiKey(): GeneratedApiKey {
  const prefix = randomBytes(4).toString('hex');
  const secret = `${API_KEY_MARKER}${prefix}_${randomBytes(32).toString('base64url')}`;
  return { secret, prefix, hash: sha256(secret) };
}

export function looksLikeApiKey(token: string): boolean {
  return token.startsWith(API_KEY_MARKER);
}

export function isWellFormedApiKey(token: string): boolean {
  return API_KEY_PATTERN.test(token);
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
