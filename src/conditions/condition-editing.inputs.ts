import { Type } from 'class-transformer';
import { MedicalReviewField, type MedicalReviewInput, medicalReviewChange } from '../medical-review/medical-review.inputs';
import { Field, InputType, PartialType } from '@nestjs/graphql';
import { ArrayMaxSize, IsEnum, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { ImageInput, imageRefOf } from '../common/images/image.model';
import { changeRequestFrom } from '../content/change-request';
import { PageFieldsInput, WithDocumentVersion, pickFields } from '../content/editorial.inputs';
import { ChangeRequest } from '../content/editorial.types';
import { Icd10CodesRule } from '../common/validation/field-rules';
import { BodyRegion } from './body-region.enums';
import { CONDITION_TYPE } from './condition.descriptor';

@InputType({ description: 'A new condition.' })
export class CreateConditionInput extends PageFieldsInput {
  @Field(() => String, { description: 'Name of the condition (1 to 200 characters).' })
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200)
  name: string;

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

  @Field(() => ImageInput, { nullable: true, description: 'Image illustrating the condition, from the media library (null removes it).' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ImageInput)
  image?: ImageInput | null;

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

  @Field(() => [String], {
    nullable: true,
    description:
      'Up to 50 ICD-10-CM codes (M54.50), stored in capitals with the dot ("m54.50" and the claims form "M5450" are stored as "M54.50"), repeats dropped.',
  })
  @IsOptional()
  @Icd10CodesRule()
  icd10Codes?: string[] | null;

  @MedicalReviewField()
  medicalReview?: MedicalReviewInput | null;
}

@InputType({ description: 'Changes to a condition; omitted fields keep their value.' })
export class UpdateConditionInput extends WithDocumentVersion(PartialType(CreateConditionInput, { omitDefaultValues: true })) {}

export function conditionChange(input: Partial<CreateConditionInput>, path: string): ChangeRequest {
  const fields = pickFields(input, ['name', 'aliases', 'summary', 'body', 'bodyRegion', 'symptoms', 'icd10Codes']);
  for (const list of ['aliases', 'symptoms', 'icd10Codes']) if (fields[list] === null) fields[list] = [];
  for (const text of ['summary', 'body']) if (fields[text] === null) fields[text] = '';
  if (input.image !== undefined) fields.image = imageRefOf(input.image);
  return changeRequestFrom(CONDITION_TYPE, input, path, { ...fields, ...medicalReviewChange(input.medicalReview) });
}
