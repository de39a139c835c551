import { applyDecorators, SetMetadata } from '@nestjs/common';
import { registerEnumType } from '@nestjs/graphql';

/** What a credential may do. API keys carry a subset as scopes; roles grant fixed sets. */
export enum Permission {
  CONTENT_READ_DRAFT = 'content:read-draft',
  CONTENT_WRITE = 'content:write',
  CONTENT_PUBLISH = 'content:publish',
  CONTENT_PURGE = 'content:purge',
  PROVIDERS_SYNC = 'providers:sync',
  API_KEYS_MANAGE = 'api-keys:manage',
  USERS_MANAGE = 'users:manage',
  AUDIT_READ = 'audit:read',
  PREVIEW_TOKENS_MANAGE = 'preview-tokens:manage',
  WEBHOOKS_MANAGE = 'webhooks:manage',
  SETTINGS_MANAGE = 'settings:manage',
}

export enum Role {
  ADMIN = 'ADMIN',
  EDITOR = 'EDITOR',
}

registerEnumType(Role, {
  name: 'Role',
  description: 'Role of a user account.',
  valuesMap: {
    ADMIN: { description: 'Everything editors can do, plus users, API keys, webhooks, purging from the trash and the audit log.' },
    EDITOR: { description: 'Create, edit, preview, publish and trash content.' },
  },
});

export const ROLE_PERMISSIONS: Record<Role, Permission[]> = {
  [Role.ADMIN]: Object.values(Permission),
  [Role.EDITOR]: [Permission.CONTENT_READ_DRAFT, Permission.CONTENT_WRITE, Permission.CONTENT_PUBLISH],
};

/** Scopes an API key may be given (integrations never manage users or keys). */
export const API_KEY_SCOPES: Permission[] = [Permission.CONTENT_READ_DRAFT, Permission.CONTENT_WRITE, Permission.CONTENT_PUBLISH, Permission.PROVIDERS_SYNC];

export const REQUIRED_PERMISSIONS = 'cms:required-permissions';
export const PUBLIC_OPERATION = 'cms:public-operation';
export const SIGNED_IN_USER_ONLY = 'cms:signed-in-user-only';
export const ALLOWED_BEFORE_TWO_FACTOR_SETUP = 'cms:allowed-before-two-factor-setup';

/**
 * The credential a mutation or query needs: the caller must hold at least one of `permissions`.
 * Mutations without @Requires or @PublicOperation are refused (secure by default).
 */
export const Requires = (...permissions: Permission[]) => SetMetadata(REQUIRED_PERMISSIONS, permissions);

/** Marks a mutation that anyone may call (login, token refresh). */
export const PublicOperation = () => SetMetadata(PUBLIC_OPERATION, true);

/**
 * Marks what an admin may do while REQUIRE_ADMIN_TWO_FACTOR holds them to two-factor sign-in and
 * they have not turned it on yet: set it up (and change the password). Everything else that needs
 * a credential is refused until then.
 */
export const AllowedBeforeTwoFactorSetup = () => SetMetadata(ALLOWED_BEFORE_TWO_FACTOR_SETUP, true);

/** Marks what only a signed-in user may do to their own account (not an API key, not a preview token). */
export const RequiresSignedInUser = () => applyDecorators(SetMetadata(REQUIRED_PERMISSIONS, []), SetMetadata(SIGNED_IN_USER_ONLY, true));
