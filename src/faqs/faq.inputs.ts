import { ArgsType, Field, InputType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { DocumentType } from '../content/documents/document-status';
import { ConnectionArgs } from '../content/documents/connection.args';
import { OrderDirection } from '../common/pagination/order-direction';
import { SLUG_PATTERN } from '../common/slugify';

export const FAQ_PAGE_TYPES = [DocumentType.TREATMENT, DocumentType.CONDITION, DocumentType.LOCATION, DocumentType.PROVIDER, DocumentType.PRACTICE];

@InputType({ description: 'A page FAQs are placed on: a treatment, condition, location or provider by slug, or the practice-wide list.' })
export class FaqPageInput {
  @Field(() => DocumentType, { description: 'The kind of page (TREATMENT, CONDITION, LOCATION, PROVIDER or PRACTICE).' })
  @IsIn(FAQ_PAGE_TYPES, { message: 'must be TREATMENT, CONDITION, LOCATION, PROVIDER or PRACTICE' })
  type: DocumentType;

  @Field(() => String, { nullable: true, description: 'Slug of the page; leave out for PRACTICE.' })
  @IsOptional()
  @Matches(SLUG_PATTERN, { message: 'must be a slug: lowercase letters, digits and single hyphens' })
  slug?: string | null;
}

@InputType({ description: 'Narrows a list of FAQs; all given criteria must hold.' })
export class FaqFilter {
  @Field(() => FaqPageInput, { nullable: true, description: 'Only FAQs placed on this page (sorted by their position there unless `orderBy` says otherwise).' })
  @IsOptional()
  @ValidateNested()
  @Type(() => FaqPageInput)
  page?: FaqPageInput | null;

  @Field(() => String, { nullable: true, description: 'Only FAQs with this tag.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  tag?: string | null;

  @Field(() => String, { nullable: true, description: 'Words to look for in the question and answer.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  text?: string | null;
}

export enum FaqOrderField {
  POSITION = 'POSITION',
  QUESTION = 'QUESTION',
  PUBLISHED_AT = 'PUBLISHED_AT',
  UPDATED_AT = 'UPDATED_AT',
}

registerEnumType(FaqOrderField, {
  name: 'FaqOrderField',
  description: 'What to sort FAQs by.',
  valuesMap: {
    POSITION: { description: 'Position on the page given in `filter.page` (needs that filter).' },
    QUESTION: { description: 'Question, alphabetically.' },
    PUBLISHED_AT: { description: 'When the live version was published.' },
    UPDATED_AT: { description: 'When the document last changed.' },
  },
});

@InputType({ description: 'Sort order of a FAQ list.' })
export class FaqOrder {
  @Field(() => FaqOrderField, { description: 'The field to sort by.' })
  @IsEnum(FaqOrderField)
  field: FaqOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Ascending or descending.' })
  @IsEnum(OrderDirection)
  direction: OrderDirection = OrderDirection.ASC;
}

@ArgsType()
export class FaqsArgs extends ConnectionArgs {
  @Field(() => FaqFilter, { nullable: true, description: 'Criteria the FAQs must meet.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => FaqFilter)
  filter?: FaqFilter | null;

  @Field(() => FaqOrder, { nullable: true, description: 'Sort order (default: position on the filtered page, else question A to Z).' })
  @IsOptional()
  @ValidateNested()
  @Type(() => FaqOrder)
  orderBy?: FaqOrder | null;
}
