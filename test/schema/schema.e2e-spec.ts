import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { type GraphQLSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType, isScalarType, isSpecifiedScalarType, isUnionType } from 'graphql';
import { printSortedSchema } from '../../src/schema/schema-sdl';
import { useTestApp } from '../support/use-test-app';

/** Every named type, field, argument, input field and enum value that lacks a description. */
function undocumentedElements(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || (isScalarType(type) && isSpecifiedScalarType(type))) continue;
    if (!type.description) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description) missing.push(`${type.name}.${field.name}`);
        for (const arg of field.args) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
      }
    }
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) if (!field.description) missing.push(`${type.name}.${field.name}`);
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
    }
    if (isUnionType(type) && !type.description) missing.push(type.name);
  }
  return missing;
}

describe('the GraphQL schema', () => {
  const app = useTestApp();
  let schema: GraphQLSchema;

  beforeAll(async () => {
    schema = app.running.app.get(GraphQLSchemaHost).schema;
  });

  it('matches the committed schema.gql (run `npm run build && npm run schema:generate` after changing it)', () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'schema.gql'), 'utf8');
    expect(printSortedSchema(schema)).toBe(committed);
  });

  it('describes every type, field, argument, input field and enum value', () => {
    expect(undocumentedElements(schema)).toEqual([]);
  });

  it('answers introspection so that clients can generate types', async () => {
    const response = await app.graphql('{ __schema { queryType { name } } }');
    expect(response.data.__schema.queryType.name).toBe('Query');
  });
});
