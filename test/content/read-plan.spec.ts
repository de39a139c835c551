import { buildSchema, Kind, type FragmentDefinitionNode, type OperationDefinitionNode, parse } from 'graphql';
import { selectedFieldsByType } from '../../src/content/loaders/read-plan';

const schema = buildSchema(`
  interface Document { id: ID! title: String }
  type Treatment implements Document { id: ID! title: String summary: String conditions: [Condition!]! }
  type Condition implements Document { id: ID! title: String name: String treatments: [Treatment!]! }
  union SearchResult = Treatment | Condition
  type Query { treatment(slug: String): Treatment search(text: String): [SearchResult!]! document(id: ID!): Document }
  type Mutation { publishTreatment(id: ID!): Treatment }
`);

/** The fields selected per type by the operation in `source`, as sorted lists. */
function selected(source: string): Record<string, string[]> {
  const document = parse(source);
  const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const fragments = Object.fromEntries(
    document.definitions
      .filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [(fragment as FragmentDefinitionNode).name.value, fragment]),
  ) as Record<string, FragmentDefinitionNode>;
  const byType = selectedFieldsByType(schema, operation, fragments);
  return Object.fromEntries([...byType].map(([type, fields]) => [type, [...fields].sort()]));
}

describe('the read planner: fields selected per type', () => {
  it('collects each type’s fields from every place in the query', () => {
    expect(selected(`{ treatment(slug: "a") { title conditions { name treatments { summary } } } }`)).toEqual({
      Query: ['treatment'],
      Treatment: ['conditions', 'summary', 'title'],
      Condition: ['name', 'treatments'],
    });
  });

  it('follows fragment spreads and inline fragments', () => {
    expect(
      selected(`
        query { treatment(slug: "a") { ...Card conditions { ... on Condition { name } } } }
        fragment Card on Treatment { id title }
      `),
    ).toEqual({ Query: ['treatment'], Treatment: ['conditions', 'id', 'title'], Condition: ['name'] });
  });

  it('gives a field selected on an interface to every type that implements it', () => {
    expect(selected(`{ document(id: "1") { id ... on Treatment { summary } } }`)).toEqual({
      Query: ['document'],
      Treatment: ['id', 'summary'],
      Condition: ['id'],
    });
  });

  it('reads a union member’s fields from its inline fragment only', () => {
    expect(selected(`{ search(text: "x") { __typename ... on Condition { name } } }`)).toEqual({
      Query: ['search'],
      Treatment: ['__typename'],
      Condition: ['__typename', 'name'],
    });
  });

  it('starts a mutation at the mutation type', () => {
    expect(selected(`mutation { publishTreatment(id: "1") { id title } }`)).toEqual({ Mutation: ['publishTreatment'], Treatment: ['id', 'title'] });
  });

  it('reads a fragment that spreads itself once instead of looping', () => {
    expect(
      selected(`
        query { treatment(slug: "a") { ...Loop } }
        fragment Loop on Treatment { title conditions { treatments { ...Loop } } }
      `),
    ).toEqual({ Query: ['treatment'], Treatment: ['conditions', 'title'], Condition: ['treatments'] });
  });
});
