import { FastifyReply, FastifyRequest } from 'fastify';
import { Actor } from '../../auth/actor';
import { RequestLoaders } from '../loaders/request-loaders';

/** What every resolver receives as its context, built once per request. */
export interface GraphQLContext {
  req: FastifyRequest;
  reply: FastifyReply;
  loaders: RequestLoaders;
  /** The authenticated caller, or null for an anonymous (public) request. */
  actor: Actor | null;
  /** Set when the response holds drafts or editor data: it is then sent `Cache-Control: private, no-store`. */
  privateResponse?: boolean;
}
