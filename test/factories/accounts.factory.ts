import { randomUUID } from 'node:crypto';
import * as argon2 from 'argon2';
import { ApiKey } from '../../src/api-keys/api-key.entity';
import { generateApiKey } from '../../src/api-keys/api-key-secret';
import { API_KEY_SCOPES, type Permission, Role } from '../../src/auth/permissions';
import { User } from '../../src/users/user.entity';
import { type TestApp } from '../support/test-app';

export interface UserCredentials {
  user: User;
  email: string;
  password: string;
}

export interface SignedInUser extends UserCredentials {
  accessToken: string;
  refreshToken: string;
  /** Headers that send the access token. */
  headers: Record<string, string>;
}

export interface ApiKeyCredentials {
  apiKey: ApiKey;
  secret: string;
}

export const LOGIN = `mutation Login($input: LoginInput!) {
  login(input: $input) { accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt user { id email role } }
}`;

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomUUID().slice(0, 8)}@example.com`;
}

/** The parts of a test app the factory writes and signs in through. */
type AccountsTarget = Pick<TestApp, 'dataSource' | 'graphql'>;

/**
 * Test users' passwords are hashed with the cheapest argon2id parameters: production's cost
 * (src/users/passwords.ts) is there to slow down attackers and takes a noticeable part of a second
 * per hash, which dozens of test users per file would spend on nothing. Verification reads the
 * parameters from the stored hash, so these users sign in through the same production code.
 */
function cheapTestHash(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 });
}

/**
 * Creates users and API keys straight in the test database and returns their credentials;
 * tests then use them through the HTTP API like a client would.
 */
export class AccountsFactory {
  private readonly target: () => AccountsTarget;

  /** `app` may be a function, for an app that starts later (`useTestApp`). */
  constructor(app: AccountsTarget | (() => AccountsTarget)) {
    this.target = typeof app === 'function' ? app : () => app;
  }

  private get app(): AccountsTarget {
    return this.target();
  }

  async user(overrides: { email?: string; role?: Role; password?: string; disabled?: boolean } = {}): Promise<UserCredentials> {
    const email = overrides.email ?? uniqueEmail(overrides.role === Role.ADMIN ? 'admin' : 'editor');
    const password = overrides.password ?? `pw-${randomUUID()}`;
    const repository = this.app.dataSource.getRepository(User);
    const user = await repository.save(
      repository.create({
        email: email.toLowerCase(),
        role: overrides.role ?? Role.EDITOR,
        passwordHash: await cheapTestHash(password),
        disabled: overrides.disabled ?? false,
      }),
    );
    return { user, email, password };
  }

  /** A user signed in through the `login` mutation. */
  async signedIn(role: Role = Role.EDITOR): Promise<SignedInUser> {
    const credentials = await this.user({ role });
    const response = await this.app.graphql(LOGIN, { input: { email: credentials.email, password: credentials.password } });
    if (response.errors) throw new Error(`login failed: ${JSON.stringify(response.errors)}`);
    const { accessToken, refreshToken } = response.data.login;
    return { ...credentials, accessToken, refreshToken, headers: bearer(accessToken) };
  }

  async apiKey(overrides: { name?: string; scopes?: Permission[]; revoked?: boolean } = {}): Promise<ApiKeyCredentials> {
    const generated = generateApiKey();
    const repository = this.app.dataSource.getRepository(ApiKey);
    const apiKey = await repository.save(
      repository.create({
        name: overrides.name ?? `Integration ${generated.prefix}`,
        prefix: generated.prefix,
        keyHash: generated.hash,
        scopes: overrides.scopes ?? API_KEY_SCOPES,
        revokedAt: overrides.revoked ? new Date() : null,
      }),
    );
    return { apiKey, secret: generated.secret };
  }
}
