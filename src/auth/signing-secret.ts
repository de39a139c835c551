import { randomBytes } from 'node:crypto';
import { type Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { readOrInitializeSetting } from '../settings/app-settings';

/** Injection token of the HS256 key that signs access and preview tokens. */
export const SIGNING_SECRET = Symbol('SIGNING_SECRET');

const SETTING_KEY = 'jwt_secret';

/**
 * JWT_SECRET when configured; otherwise a random secret generated once and kept in app_settings,
 * so that every instance on the same database signs and accepts the same tokens.
 */
export const signingSecretProvider: Provider = {
  provide: SIGNING_SECRET,
  inject: [AppConfig, DataSource],
  useFactory: (config: AppConfig, dataSource: DataSource): Promise<string> | string =>
    config.JWT_SECRET ?? readOrInitializeSetting(dataSource, SETTING_KEY, () => randomBytes(48).toString('base64url')),
};
