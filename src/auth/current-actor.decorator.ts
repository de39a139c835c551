import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { type GraphQLContext } from '../common/graphql/graphql-context';

/** The request's actor (null when anonymous); with @Requires the guard has already ensured one. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  return GqlExecutionContext.create(context).getContext<GraphQLContext>().actor;
});
