import { Catch } from '@nestjs/common';
import { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';

/**
 * Errors meant for the client (AppError and other GraphQL errors) go straight to the response
 * formatter; without this filter Nest logs each of them as an unhandled exception.
 */
@Catch(GraphQLError)
export class ClientErrorFilter implements GqlExceptionFilter {
  catch(exception: GraphQLError) {
    return exception;
  }
}
