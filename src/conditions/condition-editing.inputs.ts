import { Field, ID, InputType, Int, PartialType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsEnum, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { changeRequestFrom } from '../content/change-request';
import { CONDITION_TYPE } from '../content/content-types';
import { DocumentRefInput, pickFields, SeoInput } from '../content/editorial.inputs';
import { ChangeRequest } from '../content/editorial.types';
import { IsIcd10CmCode, IsSlug } from '../common/validation/validators';
import { BodyRegion } from './body-region';

@InputType({ description: 'A new condition.' })
export class CreateConditionInput {
  @Field(() => String, { description: 'Name of the condition (1 to 200 characters).' })
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200)
  name: string;

  @Field(() => String, { nullable: true, description: 'URL slug; made from the name when omitted.' })
  @IsOptional()
  @IsSlug()
  slug?: string | null;

  @Field(() => [String], { nullable: true, description: 'Other names patients use (up to 20, 200 characters each).' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  aliases?: string[] | null;

  @Field(() => String, { nullable: true, description: 'One or two plain sentences (up to 500 characters).' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  summary?: string | null;

  @Field(() => String, { nullable: true, description: 'Main content, in Markdown.' })
  @IsOptional()
  @IsString()
  @MaxLength(100_000)
  body?: string | null;

  @Field(() => BodyRegion, { nullable: true, description: 'The part of the body mainly affected.' })
  @IsOptional()
  @IsEnum(BodyRegion)
  bodyRegion?: BodyRegion | null;

  @Field(() => [String], { nullable: true, description: 'Common symptoms (up to 30, 200 characters each).' })
  @IsOptional()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  symptoms?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'ICD-10-CM codes with the dot (M54.50).' })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsIcd10CmCode({ each: true })
  icd10Codes?: string[] | null;

  @Field(() => SeoInput, { nullable: true, description: 'Search-engine settings.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SeoInput)
  seo?: SeoInput | null;

  @Field(() => [DocumentRefInput], { nullable: true, description: 'FAQs of the page, in order (replaces the list).' })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => DocumentRefInput)
  faqs?: DocumentRefInput[] | null;
}

@InputType({ description: 'Changes to a condition; omitted fields keep their value.' })
export class UpdateConditionInput extends PartialType(CreateConditionInput) {
  @Field(() => ID, { description: 'The condition.' })
  @IsUUID('all', { message: 'must be a UUID' })
  id: string;

  @Field(() => Int, { description: 'The version you read; a newer one means someone else changed it (CONFLICT).' })
  @IsInt()
  @Min(1)
  version: number;
}

export function conditionChange(input: Partial<CreateConditionInput>, path: string): ChangeRequest {
  const fields = pickFields(input, ['name', 'aliases', 'summary', 'body', 'bodyRegion', 'symptoms', 'icd10Codes']);
  for (const list of ['aliases', 'symptoms', 'icd10Codes']) if (fields[list] === null) fields[list] = [];
  for (const text of ['summary', 'body']) if (fields[text] === null) fields[text] = '';
  return changeRequestFrom(CONDITION_TYPE, input, path, fields);
}
