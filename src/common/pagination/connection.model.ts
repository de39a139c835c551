import { Type } from '@nestjs/common';
import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'Where a page of results sits in the whole list (Relay).' })
export class PageInfo {
  @Field(() => Boolean, { description: 'True when more results follow `endCursor`.' })
  hasNextPage: boolean;

  @Field(() => Boolean, { description: 'True when results come before `startCursor` (a cursor was given).' })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first edge of this page.' })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge; pass it as `after` for the next page.' })
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /** A number, or a lazy thenable that counts only when a query selects the field. */
  totalCount: number | PromiseLike<number>;
}

/**
 * Builds the `<Name>Connection` and `<Name>Edge` object types for a node type. The edge type can
 * carry extra fields (a location's `distanceKm`) by passing a subclass of the generated edge.
 */
export function ConnectionOf<T>(nodeType: Type<T>, name: string, nodeDescription: string, edgeFields: Type<object> = class {}) {
  @ObjectType(`${name}Edge`, { description: `One ${nodeDescription} in a list, with its cursor.` })
  class EdgeType extends edgeFields {
    @Field(() => String, { description: 'Opaque cursor of this edge; pass it as `after` to continue after it.' })
    cursor: string;

    @Field(() => nodeType, { description: `The ${nodeDescription}.` })
    node: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${nodeDescription} results (Relay connection).` })
  class ConnectionType {
    @Field(() => [EdgeType], { description: 'The results of this page, in order.' })
    edges: EdgeType[];

    @Field(() => PageInfo, { description: 'Cursors and whether more pages exist.' })
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'Number of results matching the filter, across all pages.' })
    totalCount: number;
  }

  return { Connection: ConnectionType, Edge: EdgeType };
}
