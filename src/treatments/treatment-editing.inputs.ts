import { MedicalReviewField, type MedicalReviewInput, medicalReviewChange } from '../medical-review/medical-review.inputs';
import { Field, InputType, PartialType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsEnum, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { ImageInput, imageRefOf } from '../common/images/image.model';
import { changeRequestFrom } from '../content/change-request';
import { DocumentRefInput, PageFieldsInput, WithDocumentVersion, pickFields } from '../content/editorial.inputs';
import { ChangeRequest } from '../content/editorial.types';

import { Invasiveness, TreatmentSetting } from './treatment.enums';
import { TREATMENT_TYPE } from './treatment.descriptor';

const MARKDOWN_LIMIT = 100_000;

@InputType({ description: 'How a procedure is done; omitted fields keep their value.' })
export class ProcedureFactsInput {
  @Field(() => TreatmentSetting, { nullable: true, description: 'Where it takes place.' })
  @IsOptional()
  @IsEnum(TreatmentSetting)
  setting?: TreatmentSetting | null;

  @Field(() => Invasiveness, { nullable: true, description: 'How invasive it is.' })
  @IsOptional()
  @IsEnum(Invasiveness)
  invasiveness?: Invasiveness | null;

  @Field(() => String, { nullable: true, description: 'Anesthesia or sedation (up to 200 characters).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  anesthesia?: string | null;

  @Field(() => String, { nullable: true, description: 'Typical duration (up to 100 characters).' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  typicalDuration?: string | null;

  @Field(() => String, { nullable: true, description: 'Preparation, in Markdown.' })
  @IsOptional()
  @IsString()
  @MaxLength(MARKDOWN_LIMIT)
  preparation?: string | null;

  @Field(() => String, { nullable: true, description: 'Recovery, in Markdown.' })
  @IsOptional()
  @IsString()
  @MaxLength(MARKDOWN_LIMIT)
  recovery?: string | null;

  @Field(() => String, { nullable: true, description: 'Follow-up, in Markdown.' })
  @IsOptional()
  @IsString()
  @MaxLength(MARKDOWN_LIMIT)
  followUp?: string | null;

  @Field(() => String, { nullable: true, description: 'Risks and side effects, in Markdown.' })
  @IsOptional()
  @IsString()
  @MaxLength(MARKDOWN_LIMIT)
  risks?: string | null;
}

@InputType({ description: 'A new treatment.' })
export class CreateTreatmentInput extends PageFieldsInput {
  @Field(() => String, { description: 'Name of the treatment (1 to 200 characters).' })
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200)
  title: string;

  @Field(() => String, { nullable: true, description: 'One or two plain sentences (up to 500 characters).' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  summary?: string | null;

  @Field(() => String, { nullable: true, description: 'Main content, in Markdown.' })
  @IsOptional()
  @IsString()
  @MaxLength(MARKDOWN_LIMIT)
  body?: string | null;

  @Field(() => ImageInput, { nullable: true, description: 'Main image at the top of the page, from the media library (null removes it).' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ImageInput)
  heroImage?: ImageInput | null;

  @Field(() => String, { nullable: true, description: 'Category for navigation (up to 100 characters).' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  category?: string | null;

  @Field(() => ProcedureFactsInput, { nullable: true, description: 'How the procedure is done.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProcedureFactsInput)
  procedure?: ProcedureFactsInput | null;

  @Field(() => [String], { nullable: true, description: 'Benefits, one short statement each (up to 30, 300 characters each).' })
  @IsOptional()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  benefits?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether a trial comes before the full treatment.' })
  @IsOptional()
  @IsBoolean()
  trialAvailable?: boolean | null;

  @Field(() => String, { nullable: true, description: 'How the trial works, in Markdown.' })
  @IsOptional()
  @IsString()
  @MaxLength(MARKDOWN_LIMIT)
  trialDetails?: string | null;

  @Field(() => [DocumentRefInput], { nullable: true, description: 'Conditions it treats, in display order (replaces the list).' })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => DocumentRefInput)
  conditions?: DocumentRefInput[] | null;

  @Field(() => [DocumentRefInput], { nullable: true, description: 'Providers who perform it (replaces the list).' })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => DocumentRefInput)
  providers?: DocumentRefInput[] | null;

  @Field(() => [DocumentRefInput], { nullable: true, description: 'Locations where it is offered (replaces the list).' })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => DocumentRefInput)
  locations?: DocumentRefInput[] | null;

  @Field(() => [DocumentRefInput], { nullable: true, description: 'Related treatments, in order (replaces the list).' })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => DocumentRefInput)
  relatedTreatments?: DocumentRefInput[] | null;

  @MedicalReviewField()
  medicalReview?: MedicalReviewInput | null;
}

@InputType({ description: 'Changes to a treatment; omitted fields keep their value.' })
export class UpdateTreatmentInput extends WithDocumentVersion(PartialType(CreateTreatmentInput, { omitDefaultValues: true })) {}

export function treatmentChange(input: Partial<CreateTreatmentInput>, path: string): ChangeRequest {
  const fields = {
    ...pickFields(input, ['title', 'summary', 'body', 'category', 'benefits', 'trialAvailable', 'trialDetails']),
    ...pickFields(input.procedure ?? {}, ['setting', 'invasiveness', 'anesthesia', 'typicalDuration', 'preparation', 'recovery', 'followUp', 'risks']),
  };
  if (fields.summary === null) fields.summary = '';
  if (fields.body === null) fields.body = '';
  if (fields.benefits === null) fields.benefits = [];
  if (fields.trialAvailable === null) fields.trialAvailable = false;
  if (input.heroImage !== undefined) fields.heroImage = imageRefOf(input.heroImage);
  return changeRequestFrom(TREATMENT_TYPE, input, path, { ...fields, ...medicalReviewChange(input.medicalReview) });
}
