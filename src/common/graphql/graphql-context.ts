import { type FastifyReply, type FastifyRequest } from 'fastify';
import { type Actor } from '../../auth/actor';
import type { RequestLoaders } from '../../content/loaders/request-loaders';
import { type ResponseWarning } from './response-warnings.plugin';

/**
 * What every resolver receives as its context, built once per request.
 *
 * Field resolvers that need no arguments take `(parent, _args, context)` without parameter
 * decorators: Nest then hands them to GraphQL as they are instead of wrapping each call in its
 * pipe and parameter machinery, which on a page of a hundred fields costs more than the fields.
 */
export interface GraphQLContext {
  req: FastifyRequest;
  reply: FastifyReply;
  loaders: RequestLoaders;
  /** The authenticated caller, or null for an anonymous (public) request. */
  actor: Actor | null;
  /** Seconds until an answer in the response changes (an office opens or closes): see cacheUntil. */
  changesWithinSeconds?: number;
  /** Warnings of successful mutations, sent in `extensions.warnings` (see responseWarningsPlugin). */
  warnings?: ResponseWarning[];
}
