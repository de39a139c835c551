import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Stage } from './document-status';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `How many results to return, 0 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).` })
  @IsInt()
  @Min(0, { message: `must be between 0 and ${MAX_PAGE_SIZE}` })
  @Max(MAX_PAGE_SIZE, { message: `must be between 0 and ${MAX_PAGE_SIZE}` })
  first: number = DEFAULT_PAGE_SIZE;

  @Field(() => String, { nullable: true, description: 'Return results after this cursor (an `endCursor` or edge `cursor` from a previous page).' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  after?: string | null;

  @Field(() => Stage, {
    defaultValue: Stage.PUBLISHED,
    description:
      'PUBLISHED (default) for the live content; DRAFT for the latest edits, which needs an editor credential, an API key with content:read-draft or a preview token.',
  })
  @IsEnum(Stage)
  stage: Stage = Stage.PUBLISHED;
}
