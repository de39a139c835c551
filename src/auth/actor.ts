import { Permission, type Role } from './permissions';

export type CredentialKind = 'USER' | 'API_KEY' | 'PREVIEW_TOKEN' | 'SYSTEM';

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
}

export function can(actor: Actor | null | undefined, permission: Permission): boolean {
  return Boolean(actor?.permissions.includes(permission));
}

/** The actor of jobs the app runs by itself (scheduled publishing, demo content). */
export const SYSTEM_ACTOR: Actor = { kind: 'SYSTEM', id: null, label: 'system', permissions: Object.values(Permission) };
