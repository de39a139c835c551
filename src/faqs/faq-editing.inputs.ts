import { MedicalReviewField, type MedicalReviewInput, medicalReviewChange } from '../medical-review/medical-review.inputs';
import { Field, InputType, PartialType } from '@nestjs/graphql';

import { ArrayMaxSize, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { changeRequestFrom } from '../content/change-request';
import { DocumentFieldsInput, WithDocumentVersion, pickFields } from '../content/editorial.inputs';
import { ChangeRequest } from '../content/editorial.types';
import { FAQ_TYPE } from './faq.descriptor';

@InputType({ description: "A new FAQ. Place it on pages with `attachFaq` or the pages' `faqs` lists." })
export class CreateFaqInput extends DocumentFieldsInput {
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

  @Field(() => [String], { nullable: true, description: 'Tags (up to 20, 100 characters each).' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  tags?: string[] | null;

  @MedicalReviewField()
  medicalReview?: MedicalReviewInput | null;
}

@InputType({ description: 'Changes to a FAQ; omitted fields keep their value.' })
export class UpdateFaqInput extends WithDocumentVersion(PartialType(CreateFaqInput, { omitDefaultValues: true })) {}

export function faqChange(input: Partial<CreateFaqInput>, path: string): ChangeRequest {
  const fields = pickFields(input, ['question', 'answer', 'tags']);
  if (fields.tags === null) fields.tags = [];
  return changeRequestFrom(FAQ_TYPE, input, path, { ...fields, ...medicalReviewChange(input.medicalReview) });
}
