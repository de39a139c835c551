import { type Type } from '@nestjs/common';
import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Stage } from './document-status';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** The arguments every connection takes: a page size, a cursor and the stage to read. */
export interface PageArgs {
  first: number;
  after?: string | null;
  stage: Stage;
}

export interface PageArgsOptions {
  defaultPageSize: number;
  maxPageSize: number;
  /** What a cursor of this connection comes from. */
  afterDescription: string;
  /** What each stage reads here, and who may read drafts. */
  stageDescription: string;
}

/**
 * The ArgsType of a connection's paging arguments with its own limits and descriptions (search
 * pages are shorter than lists); one set of validation rules for every connection.
 */
export function pageArgs({ defaultPageSize, maxPageSize, afterDescription, stageDescription }: PageArgsOptions): Type<PageArgs> {
  @ArgsType()
  class ConnectionPageArgs implements PageArgs {
    @Field(() => Int, { defaultValue: defaultPageSize, description: `How many results to return, 0 to ${maxPageSize} (default ${defaultPageSize}).` })
    @IsInt()
    @Min(0, { message: `must be between 0 and ${maxPageSize}` })
    @Max(maxPageSize, { message: `must be between 0 and ${maxPageSize}` })
    first: number = defaultPageSize;

    @Field(() => String, { nullable: true, description: afterDescription })
    @IsOptional()
    @IsString()
    @MaxLength(1000)
    after?: string | null;

    @Field(() => Stage, { defaultValue: Stage.PUBLISHED, description: stageDescription })
    @IsEnum(Stage)
    stage: Stage = Stage.PUBLISHED;
  }
  return ConnectionPageArgs;
}

@ArgsType()
export class ConnectionArgs extends pageArgs({
  defaultPageSize: DEFAULT_PAGE_SIZE,
  maxPageSize: MAX_PAGE_SIZE,
  afterDescription: 'Return results after this cursor (an `endCursor` or edge `cursor` from a previous page).',
  stageDescription:
    'PUBLISHED (default) for the live content; DRAFT for the latest edits, which needs an editor credential, an API key with content:read-draft or a preview token.',
}) {}
