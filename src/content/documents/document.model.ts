import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { DocumentEntity } from './document.entity';
import { DocumentStatus } from './document-status';

@ObjectType({ description: 'Search-engine settings of a page.' })
export class Seo {
  static of(document: Pick<DocumentEntity, 'metaTitle' | 'metaDescription' | 'canonicalUrl' | 'noindex'>): Seo {
    return { metaTitle: document.metaTitle, metaDescription: document.metaDescription, canonicalUrl: document.canonicalUrl, noindex: document.noindex };
  }

  @Field(() => String, { nullable: true, description: 'Title for the <title> tag; the page title when empty.' })
  metaTitle: string | null;

  @Field(() => String, { nullable: true, description: 'Text for the meta description tag.' })
  metaDescription: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Canonical URL: the one editors set (content that lives at another address), else the page's own `url`; null when neither is known.",
  })
  canonicalUrl: string | null;

  @Field(() => Boolean, { description: 'When true, ask search engines not to index the page.' })
  noindex: boolean;
}

/** GraphQL fields every content document shares; the content models extend it. */
@ObjectType({ isAbstract: true })
export abstract class DocumentModel {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id: string;

  @Field(() => String, { description: 'Canonical URL slug. A query by an old slug answers with this one.' })
  slug: string;

  @Field(() => DocumentStatus, { description: 'Whether the document is live.' })
  status: DocumentStatus;

  @Field(() => Int, { description: "Revision counter; send it back with an update so a colleague's save is never overwritten." })
  version: number;

  @Field(() => GraphQLISODateTime, { description: 'When the document was created.' })
  createdAt: Date;

  @Field(() => GraphQLISODateTime, { description: 'When the document last changed.' })
  updatedAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the live version was published.' })
  publishedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the document was first published.' })
  firstPublishedAt: Date | null;

  @Field(() => Seo, { description: 'Search-engine settings.' })
  seo: Seo;
}
