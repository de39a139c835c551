import { Permission, type Role } from './permissions';

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
}

export function can(actor: Actor | null | undefined, permission: Permission): boolean {
  return Boolean(actor?.permissions.includes(permission));
}

/** Who a security event concerns before any credential checked out (a failed sign-in). */
export const ANONYMOUS_ACTOR: Actor = { kind: 'ANONYMOUS', id: null, label: 'anonymous', permissions: [] };

/** The actor of jobs the app runs by itself (scheduled publishing, demo content). */
export const SYSTEM_ACTOR: Actor = { kind: 'SYSTEM', id: null, label: 'system', permissions: Object.values(Permission) };
