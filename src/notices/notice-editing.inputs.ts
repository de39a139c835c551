import { Field, InputType, PartialType } from '@nestjs/graphql';

import { IsEnum, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { changeRequestFrom } from '../content/change-request';
import { DocumentFieldsInput, WithDocumentVersion, pickFields } from '../content/editorial.inputs';
import { ChangeRequest } from '../content/editorial.types';
import { LanguagesRule } from '../common/validation/field-rules';
import { IsCalendarDate } from '../common/validation/opening-hours.validators';
import { NoticeKind } from './notice-kind.enums';
import { NOTICE_TYPE } from './notice.descriptor';

@InputType({ description: 'A new notice (a draft until published).' })
export class CreateNoticeInput extends DocumentFieldsInput {
  @Field(() => NoticeKind, { description: 'What the notice is for.' })
  @IsEnum(NoticeKind)
  kind: NoticeKind;

  @Field(() => String, { description: 'Title (1 to 300 characters).' })
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(300)
  title: string;

  @Field(() => String, { nullable: true, description: 'The text of the notice, in Markdown.' })
  @IsOptional()
  @IsString()
  @MaxLength(100_000)
  body?: string | null;

  @Field(() => [String], {
    nullable: true,
    description:
      'Languages of the notice (for taglines: the languages help is offered in), as up to 30 BCP 47 tags ("en", "es", "zh-Hant"); stored canonical, repeats dropped.',
  })
  @IsOptional()
  @LanguagesRule()
  languages?: string[] | null;

  @Field(() => String, { nullable: true, description: 'The date the notice takes effect, "YYYY-MM-DD".' })
  @IsOptional()
  @IsCalendarDate()
  effectiveDate?: string | null;

  @Field(() => String, { nullable: true, description: 'The date by which the practice should review the notice again, "YYYY-MM-DD".' })
  @IsOptional()
  @IsCalendarDate()
  reviewDate?: string | null;
}

@InputType({ description: 'Changes to a notice; omitted fields keep their value.' })
export class UpdateNoticeInput extends WithDocumentVersion(PartialType(CreateNoticeInput, { omitDefaultValues: true })) {}

export function noticeChange(input: Partial<CreateNoticeInput>, path: string): ChangeRequest {
  const fields = pickFields(input, ['kind', 'title', 'body', 'languages', 'effectiveDate', 'reviewDate']);
  if (fields.languages === null) fields.languages = [];
  if (fields.body === null) fields.body = '';
  return changeRequestFrom(NOTICE_TYPE, input, path, fields);
}
