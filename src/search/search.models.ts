import { type Type } from '@nestjs/common';
import { createUnionType, Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { contentTypeOf, contentTypeOfDocument } from '../content/document-descriptor';
import { PageInfo } from '../common/pagination/connection.model';
import { SEARCHABLE_TYPES } from './search.args';

export const SearchResultUnion = createUnionType({
  name: 'SearchResult',
  description: 'A document a site search found: a treatment, condition, FAQ, provider or location.',
  types: () => SEARCHABLE_TYPES.map((type) => contentTypeOf(type).model() as Type<object>),
  resolveType(value: object) {
    return contentTypeOfDocument(value)?.model();
  },
});

@ObjectType({ description: 'One search result: the document, how well it matches and where.' })
export class SearchEdge {
  @Field(() => String, { description: 'Opaque cursor of this result; pass it as `after` to continue after it.' })
  cursor: string;

  @Field(() => SearchResultUnion, { description: 'The document found (its type tells which page to link to).' })
  node: object;

  @Field(() => Float, {
    description:
      'Relevance: higher is better. Comparable within one search only: words in the title or aliases count most, then in the summary, then anywhere in the body; an FAQ counts half, so a page ranks before its FAQs.',
  })
  score: number;

  @Field(() => String, {
    nullable: true,
    description:
      'A passage of the summary or body around the matched words, as HTML: the words are wrapped in `<mark>…</mark>` and everything else is escaped. Null when the document has no text besides its title.',
  })
  snippet: string | null;
}

@ObjectType({ description: 'A page of search results, best first (Relay connection).' })
export class SearchConnection {
  @Field(() => [SearchEdge], { description: 'The results of this page, best first.' })
  edges: SearchEdge[];

  @Field(() => PageInfo, { description: 'Cursors and whether more results follow.' })
  pageInfo: PageInfo;

  @Field(() => Int, { description: 'Number of documents the search found, across all pages.' })
  totalCount: number | PromiseLike<number>;

  @Field(() => String, {
    nullable: true,
    description:
      'When no document contained every word as typed, the words searched for instead (misspellings corrected from the titles, unknown words left out); null when the search ran as typed.',
  })
  searchedFor: string | null;
}
