import { can } from '../auth/actor';
import { Permission } from '../auth/permissions';
import { type DocumentType, Stage } from './documents/document-status';
import { AppError } from '../common/errors/app-error';
import { type GraphQLContext } from '../common/graphql/graphql-context';

/**
 * Checks that the caller may read drafts (editor, key with content:read-draft, preview token)
 * and marks the response private: drafts must never sit in a shared cache.
 */
function requireDraftReader(context: GraphQLContext, previewTokens = true): void {
  if (!context.actor)
    throw AppError.unauthenticated(
      previewTokens
        ? 'Reading drafts needs an editor credential, an API key with content:read-draft or a preview token'
        : 'This needs an editor credential or an API key with content:read-draft',
    );
  if (!can(context.actor, Permission.CONTENT_READ_DRAFT)) throw AppError.forbidden('This credential cannot read drafts (content:read-draft)');
}

/** Editors' reads beyond a document's draft (workflow facts, revisions): no preview token may make them. */
export function requireDraftAccess(context: GraphQLContext): void {
  requireDraftReader(context, false);
  if (context.actor?.previewScope)
    throw AppError.forbidden('A preview token reads the drafts it names only: editorial information and revisions need an editor credential');
}

/** For list queries taking `stage`: at DRAFT, a preview token must name the whole type. */
export function requireListStageAccess(context: GraphQLContext, type: DocumentType, stage: Stage | undefined | null): Stage {
  if (stage !== Stage.DRAFT) return Stage.PUBLISHED;
  requireDraftReader(context);
  const scope = context.actor?.previewScope;
  if (scope && (scope.documentType !== type || scope.documentIds !== null))
    throw AppError.forbidden(
      `This preview token cannot list ${type} drafts: it names ${scope.documentIds ? 'single documents' : `${scope.documentType} documents`}`,
    );
  return Stage.DRAFT;
}

/**
 * One document read at `stage`. At DRAFT, a preview token reads only the documents it names: one
 * of another type is refused, and one outside its list reads as not found (whether it exists is
 * none of the token's business).
 */
export async function readAtStage<T extends { id: string }>(
  context: GraphQLContext,
  type: DocumentType,
  stage: Stage | undefined | null,
  read: (stage: Stage) => Promise<T | null>,
): Promise<T | null> {
  if (stage !== Stage.DRAFT) return read(Stage.PUBLISHED);
  requireDraftReader(context);
  const scope = context.actor?.previewScope;
  if (!scope) return read(Stage.DRAFT);
  if (scope.documentType !== type) throw AppError.forbidden(`This preview token reads ${scope.documentType} drafts only`);
  const found = await read(Stage.DRAFT);
  return found && (scope.documentIds === null || scope.documentIds.includes(found.id)) ? found : null;
}
