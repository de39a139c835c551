import { FastifyReply, FastifyRequest } from 'fastify';
import { RequestLoaders } from '../loaders/request-loaders';

/** What every resolver receives as its context, built once per request. */
export interface GraphQLContext {
  req: FastifyRequest;
  reply: FastifyReply;
  loaders: RequestLoaders;
}
