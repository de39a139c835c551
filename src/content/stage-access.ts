import { can } from '../auth/actor';
import { Permission } from '../auth/permissions';
import { Stage } from './documents/document-status';
import { AppError } from '../common/errors/app-error';
import { type GraphQLContext } from '../common/graphql/graphql-context';

/**
 * Checks that the caller may read drafts (editor, key with content:read-draft, preview token)
 * and marks the response private: drafts must never sit in a shared cache.
 */
export function requireDraftAccess(context: GraphQLContext): void {
  if (!context.actor) throw AppError.unauthenticated('Reading drafts needs an editor credential, an API key with content:read-draft or a preview token');
  if (!can(context.actor, Permission.CONTENT_READ_DRAFT)) throw AppError.forbidden('This credential cannot read drafts (content:read-draft)');
}

/** For queries taking `stage`: only DRAFT needs a credential. */
export function requireStageAccess(context: GraphQLContext, stage: Stage | undefined | null): Stage {
  if (stage === Stage.DRAFT) {
    requireDraftAccess(context);
    return Stage.DRAFT;
  }
  return Stage.PUBLISHED;
}
