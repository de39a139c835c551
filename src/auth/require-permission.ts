import { AppError } from '../common/errors/app-error';
import { Actor, can } from './actor';
import { Permission } from './permissions';

/**
 * For checks inside services (draft reads, per-document rules): returns the actor when it holds
 * `permission`, throws UNAUTHENTICATED without a credential and FORBIDDEN without the permission.
 */
export function requirePermission(actor: Actor | null | undefined, permission: Permission): Actor {
  if (!actor) throw AppError.unauthenticated();
  if (!can(actor, permission)) throw AppError.forbidden();
  return actor;
}
