import { Field, InputType, PartialType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { ImageInput, imageRefOf } from '../common/images/image.model';
import { changeRequestFrom } from '../content/change-request';
import { PageFieldsInput, WithDocumentVersion, pickFields } from '../content/editorial.inputs';
import { ChangeRequest } from '../content/editorial.types';
import { NpiRule } from '../common/validation/field-rules';
import { IsHttpUrl, IsPhoneNumber } from '../common/validation/validators';
import { PRACTICE_TYPE } from './practice.descriptor';

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
export class CreatePracticeInput extends PageFieldsInput {
  @Field(() => String, { description: 'Name of the practice (1 to 200 characters).' })
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200)
  name: string;

  @Field(() => String, { nullable: true, description: 'About the practice, in Markdown.' })
  @IsOptional()
  @IsString()
  @MaxLength(100_000)
  description?: string | null;

  @Field(() => ImageInput, { nullable: true, description: "The practice's logo, from the media library (null removes it)." })
  @IsOptional()
  @ValidateNested()
  @Type(() => ImageInput)
  logo?: ImageInput | null;

  @Field(() => String, { nullable: true, description: 'Main phone number, any common US form; stored in E.164.' })
  @IsOptional()
  @IsPhoneNumber()
  mainPhone?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The practice's organization NPI (type 2): 10 digits with a correct check digit; exported on the FHIR Organization.",
  })
  @IsOptional()
  @NpiRule()
  npi?: string | null;

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
}

@InputType({ description: 'Changes to the practice; omitted fields keep their value.' })
export class UpdatePracticeInput extends WithDocumentVersion(PartialType(CreatePracticeInput, { omitDefaultValues: true })) {}

export function practiceChange(input: Partial<CreatePracticeInput>, path: string): ChangeRequest {
  const fields = pickFields(input, ['name', 'description', 'mainPhone', 'npi', 'website', 'bookingUrl', 'specialty']);
  if (fields.description === null) fields.description = '';
  if (input.socialProfiles !== undefined) fields.socialProfiles = (input.socialProfiles ?? []).map(({ network, url }) => ({ network, url }));
  if (input.logo !== undefined) fields.logo = imageRefOf(input.logo);
  return changeRequestFrom(PRACTICE_TYPE, input, path, fields);
}
