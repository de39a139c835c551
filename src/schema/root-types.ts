import { type GraphQLSchema } from 'graphql';

/** Nest leaves the root operation types without descriptions; the API documents them too. */
export function documentRootTypes(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  if (query) query.description = "Read the practice's content. Public reads return published content only.";
  const mutation = schema.getMutationType();
  if (mutation) mutation.description = 'Change content: editors, admins and integrations, with a credential.';
  return schema;
}
