import { getNamedType, type GraphQLResolveInfo, isObjectType } from 'graphql';
import { type RequestLoaders } from './request-loaders';

/**
 * What a query selects of the documents a root field returns, handed by the resolver to the read
 * service so that one statement can fetch the documents and every relation the query asks for.
 * `path` leads from the root field to the documents (['edges', 'node'] for a connection).
 */
export class DocumentSelection {
  private constructor(
    readonly info: GraphQLResolveInfo,
    readonly loaders: RequestLoaders,
    readonly typeName: string,
    readonly path: string[],
  ) {}

  /** The selection of a root field that returns one document. */
  static of(info: GraphQLResolveInfo, loaders: RequestLoaders): DocumentSelection {
    return new DocumentSelection(info, loaders, getNamedType(info.returnType).name, []);
  }

  /** The selection of the nodes of a root field that returns a connection (`edges { node }`). */
  static ofNodes(info: GraphQLResolveInfo, loaders: RequestLoaders): DocumentSelection {
    const connection = getNamedType(info.returnType);
    const edges = isObjectType(connection) ? getNamedType(connection.getFields().edges?.type) : undefined;
    const node = edges && isObjectType(edges) ? getNamedType(edges.getFields().node?.type) : undefined;
    return new DocumentSelection(info, loaders, node?.name ?? '', ['edges', 'node']);
  }
}
