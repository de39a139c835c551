import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { SLUG_PATTERN } from '../slugs/slugify';

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
}
