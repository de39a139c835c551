import { ArgsType, Field } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { pageArgs } from '../content/documents/connection.args';
import { DocumentType } from '../content/documents/document-status';

/** The types the search index covers (migrations/…-SearchDocuments.ts keeps their rows). */
export const SEARCHABLE_TYPES = [DocumentType.TREATMENT, DocumentType.CONDITION, DocumentType.FAQ, DocumentType.PROVIDER, DocumentType.LOCATION] as const;

export const MAX_QUERY_LENGTH = 200;
export const DEFAULT_SEARCH_PAGE_SIZE = 10;
export const MAX_SEARCH_PAGE_SIZE = 50;

@ArgsType()
export class SearchArgs extends pageArgs({
  defaultPageSize: DEFAULT_SEARCH_PAGE_SIZE,
  maxPageSize: MAX_SEARCH_PAGE_SIZE,
  afterDescription: 'Return results after this cursor (an `endCursor` or edge `cursor` of the same search).',
  stageDescription:
    "PUBLISHED (default) searches the live site; DRAFT also finds unpublished documents (matched on their saved fields, shown with their pending drafts) and needs an editor's credential or an API key with content:read-draft.",
}) {
  @Field(() => String, {
    description: `What to look for, as typed on the site (up to ${MAX_QUERY_LENGTH} characters): words, any order; accents and case do not matter.`,
  })
  @IsString()
  @MaxLength(MAX_QUERY_LENGTH, { message: `must be at most ${MAX_QUERY_LENGTH} characters` })
  query: string;

  @Field(() => [DocumentType], {
    nullable: true,
    description: 'Only documents of these types (TREATMENT, CONDITION, FAQ, PROVIDER, LOCATION); all of them when left out.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(SEARCHABLE_TYPES.length)
  @IsIn(SEARCHABLE_TYPES, { each: true, message: 'must each be TREATMENT, CONDITION, FAQ, PROVIDER or LOCATION' })
  types?: DocumentType[] | null;
}
