import { Field, ID, InputType, Int, PartialType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { changeRequestFrom } from '../content/change-request';
import { PRACTICE_TYPE } from '../content/content-types';
import { DocumentRefInput, pickFields, SeoInput } from '../content/editorial.inputs';
import { ChangeRequest } from '../content/editorial.types';
import { IsHttpUrl, IsPhoneNumber, IsSlug } from '../common/validation/validators';

@InputType({ description: 'A profile of the practice on a social network or directory.' })
export class SocialProfileInput {
  @Field(() => String, { description: 'The network ("facebook", "linkedin", "google").' })
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(50)
  network: string;

  @Field(() => String, { description: 'Address of the profile (http or https).' })
  @IsHttpUrl()
  url: string;
}

@InputType({ description: 'The practice (there is only one).' })
export class CreatePracticeInput {
  @Field(() => String, { description: 'Name of the practice (1 to 200 characters).' })
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200)
  name: string;

  @Field(() => String, { nullable: true, description: 'URL slug; made from the name when omitted.' })
  @IsOptional()
  @IsSlug()
  slug?: string | null;

  @Field(() => String, { nullable: true, description: 'About the practice, in Markdown.' })
  @IsOptional()
  @IsString()
  @MaxLength(100_000)
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Main phone number, any common US form; stored in E.164.' })
  @IsOptional()
  @IsPhoneNumber()
  mainPhone?: string | null;

  @Field(() => String, { nullable: true, description: 'Website (http or https).' })
  @IsOptional()
  @IsHttpUrl()
  website?: string | null;

  @Field(() => String, { nullable: true, description: 'Where patients request an appointment (http or https).' })
  @IsOptional()
  @IsHttpUrl()
  bookingUrl?: string | null;

  @Field(() => [SocialProfileInput], { nullable: true, description: 'Profiles on social networks (replaces the list).' })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => SocialProfileInput)
  socialProfiles?: SocialProfileInput[] | null;

  @Field(() => String, { nullable: true, description: 'The specialty in words (up to 200 characters).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  specialty?: string | null;

  @Field(() => SeoInput, { nullable: true, description: 'Search-engine settings.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SeoInput)
  seo?: SeoInput | null;

  @Field(() => [DocumentRefInput], { nullable: true, description: 'Practice-wide FAQs, in order (replaces the list).' })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => DocumentRefInput)
  faqs?: DocumentRefInput[] | null;
}

@InputType({ description: 'Changes to the practice; omitted fields keep their value.' })
export class UpdatePracticeInput extends PartialType(CreatePracticeInput) {
  @Field(() => ID, { description: 'The practice.' })
  @IsUUID('all', { message: 'must be a UUID' })
  id: string;

  @Field(() => Int, { description: 'The version you read; a newer one means someone else changed it (CONFLICT).' })
  @IsInt()
  @Min(1)
  version: number;
}

export function practiceChange(input: Partial<CreatePracticeInput>, path: string): ChangeRequest {
  const fields = pickFields(input, ['name', 'description', 'mainPhone', 'website', 'bookingUrl', 'specialty']);
  if (fields.description === null) fields.description = '';
  if (input.socialProfiles !== undefined) fields.socialProfiles = (input.socialProfiles ?? []).map(({ network, url }) => ({ network, url }));
  return changeRequestFrom(PRACTICE_TYPE, input, path, fields);
}
