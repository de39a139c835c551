import { randomUUID } from 'node:crypto';
import { ApiKey } from '../../src/api-keys/api-key.entity';
import { generateApiKey } from '../../src/api-keys/api-key-secret';
import { API_KEY_SCOPES, type Permission, Role } from '../../src/auth/permissions';
import { hashPassword } from '../../src/users/passwords';
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

/**
 * Creates users and API keys straight in the test database and returns their credentials;
 * tests then use them through the HTTP API like a client would.
 */
export class AccountsFactory {
  constructor(private readonly app: TestApp) {}

  async user(overrides: { email?: string; role?: Role; password?: string; disabled?: boolean } = {}): Promise<UserCredentials> {
    const email = overrides.email ?? uniqueEmail(overrides.role === Role.ADMIN ? 'admin' : 'editor');
    const password = overrides.password ?? `pw-${randomUUID()}`;
    const repository = this.app.dataSource.getRepository(User);
    const user = await repository.save(
      repository.create({
        email: email.toLowerCase(),
        role: overrides.role ?? Role.EDITOR,
        passwordHash: await hashPassword(password),
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
