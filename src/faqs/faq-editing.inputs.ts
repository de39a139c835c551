import { Field, ID, InputType, Int, PartialType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { changeRequestFrom } from '../content/change-request';
import { FAQ_TYPE } from '../content/content-types';
import { pickFields, SeoInput } from '../content/editorial.inputs';
import { ChangeRequest } from '../content/editorial.types';
import { IsSlug } from '../common/validation/validators';

@InputType({ description: 'A new FAQ. Place it on pages with `attachFaq` or the pages\' `faqs` lists.' })
export class CreateFaqInput {
  @Field(() => String, { description: 'The question (1 to 300 characters).' })
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(300)
  question: string;

  @Field(() => String, { description: 'The answer, in Markdown.' })
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(100_000)
  answer: string;

  @Field(() => String, { nullable: true, description: 'URL slug; made from the question when omitted.' })
  @IsOptional()
  @IsSlug()
  slug?: string | null;

  @Field(() => [String], { nullable: true, description: 'Tags (up to 20, 100 characters each).' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  tags?: string[] | null;

  @Field(() => SeoInput, { nullable: true, description: 'Search-engine settings.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SeoInput)
  seo?: SeoInput | null;
}

@InputType({ description: 'Changes to a FAQ; omitted fields keep their value.' })
export class UpdateFaqInput extends PartialType(CreateFaqInput) {
  @Field(() => ID, { description: 'The FAQ.' })
  @IsUUID('all', { message: 'must be a UUID' })
  id: string;

  @Field(() => Int, { description: 'The version you read; a newer one means someone else changed it (CONFLICT).' })
  @IsInt()
  @Min(1)
  version: number;
}

export function faqChange(input: Partial<CreateFaqInput>, path: string): ChangeRequest {
  const fields = pickFields(input, ['question', 'answer', 'tags']);
  if (fields.tags === null) fields.tags = [];
  return changeRequestFrom(FAQ_TYPE, input, path, fields);
}
