import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { Stage } from './document-status';
import { SLUG_PATTERN } from '../../common/slugify';

/** `treatment(slug: …)` or `treatment(id: …)`: exactly one of them. */
@ArgsType()
export class DocumentLookupArgs {
  @Field(() => ID, { nullable: true, description: 'The document id.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  id?: string | null;

  @Field(() => String, { nullable: true, description: 'The current slug or any former slug of the document.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(SLUG_PATTERN, { message: 'must be lowercase letters, digits and single hyphens (e.g. "intrathecal-therapy")' })
  slug?: string | null;

  @Field(() => Stage, {
    defaultValue: Stage.PUBLISHED,
    description:
      'PUBLISHED (default) for the live content; DRAFT for the latest edits, which needs an editor credential, an API key with content:read-draft or a preview token.',
  })
  @IsEnum(Stage)
  stage: Stage = Stage.PUBLISHED;
}
