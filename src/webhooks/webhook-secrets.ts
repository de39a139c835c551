import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { type DataSource } from 'typeorm';
import { type AppConfig } from '../config/app-config';
import { readOrInitializeSetting } from '../settings/app-settings';

const SECRET_MARKER = 'whsec_';
const FORMAT = 'v1';

/** `whsec_` and 256 random bits (base64url): what the receiver verifies signatures with. */
export function generateWebhookSecret(): string {
  return `${SECRET_MARKER}${randomBytes(32).toString('base64url')}`;
}

/**
 * Encrypts values at rest with AES-256-GCM (a random nonce per value, authenticated). Webhook
 * signatures are HMACs, so the app needs each secret itself at delivery time: a hash, as for API
 * keys, cannot sign. With WEBHOOK_SECRET_KEY the key lives outside the database, and a copy of the
 * database alone reveals no secret.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(keyMaterial: string) {
    this.key = createHash('sha256').update(keyMaterial).digest();
  }

  seal(plain: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [FORMAT, nonce.toString('base64url'), cipher.getAuthTag().toString('base64url'), sealed.toString('base64url')].join(':');
  }

  open(sealed: string): string {
    const [format, nonce, tag, data] = sealed.split(':');
    if (format !== FORMAT || !nonce || !tag || data === undefined) throw new Error('not a sealed webhook value');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(nonce, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }
}

/**
 * The box of this app, made when first needed: WEBHOOK_SECRET_KEY, else a key generated once and
 * shared by every instance through app_settings (an app that never uses webhooks stores none).
 */
export class WebhookSecrets {
  private box: Promise<SecretBox> | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  private current(): Promise<SecretBox> {
    this.box ??= (async () =>
      new SecretBox(
        this.config.WEBHOOK_SECRET_KEY ?? (await readOrInitializeSetting(this.dataSource, 'webhook_secret_key', () => randomBytes(32).toString('base64url'))),
      ))();
    // A failed read is tried again next time.
    this.box.catch(() => (this.box = null));
    return this.box;
  }

  async seal(plain: string): Promise<string> {
    return (await this.current()).seal(plain);
  }

  async open(sealed: string): Promise<string> {
    return (await this.current()).open(sealed);
  }
}
