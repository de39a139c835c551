import { type DocumentType } from '../content/documents/document-status';
import { type User } from '../users/user.entity';
import { Permission, ROLE_PERMISSIONS, type Role } from './permissions';

/** ANONYMOUS names no credential: the caller of a failed sign-in, in the audit log. */
export type CredentialKind = 'USER' | 'API_KEY' | 'PREVIEW_TOKEN' | 'SYSTEM' | 'ANONYMOUS';

/** Who is making a change or a privileged read, as established from the request's credential. */
export interface Actor {
  kind: CredentialKind;
  /** User id, API key id, or null for the system (scheduler, CLI). */
  id: string | null;
  /** For logs and the audit trail: an email, a key name, "scheduler". */
  label: string;
  role?: Role;
  permissions: Permission[];
  /** For users: whether they sign in with a second factor (REQUIRE_ADMIN_TWO_FACTOR holds admins to it). */
  twoFactor?: boolean;
  /** Set for preview tokens only: the drafts the token may read. */
  previewScope?: PreviewScope;
}

/** What a preview token may read at stage DRAFT: documents of one type, or every document of it. */
export interface PreviewScope {
  /** The preview token's id (its row in preview_tokens). */
  tokenId: string;
  documentType: DocumentType;
  /** The documents it names; null for every document of the type (lists included). */
  documentIds: string[] | null;
}

export function can(actor: Actor | null | undefined, permission: Permission): boolean {
  return Boolean(actor?.permissions.includes(permission));
}

/** Who a security event concerns before any credential checked out (a failed sign-in). */
export const ANONYMOUS_ACTOR: Actor = { kind: 'ANONYMOUS', id: null, label: 'anonymous', permissions: [] };

/** The actor of jobs the app runs by itself (scheduled publishing, demo content). */
export const SYSTEM_ACTOR: Actor = { kind: 'SYSTEM', id: null, label: 'system', permissions: Object.values(Permission) };

/** The actor of a signed-in user: what their role grants, read fresh with the user. */
export function userActor(user: Pick<User, 'id' | 'email' | 'role'> & { twoFactorEnabledAt?: Date | null; twoFactor?: boolean }): Actor {
  return {
    kind: 'USER',
    id: user.id,
    label: user.email,
    role: user.role,
    permissions: ROLE_PERMISSIONS[user.role],
    twoFactor: user.twoFactor ?? (user.twoFactorEnabledAt !== null && user.twoFactorEnabledAt !== undefined),
  };
}
