import { ArgsType, Field, InputType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ConnectionArgs } from '../content/documents/connection.args';
import { OrderDirection } from '../common/pagination/order-direction';
import { SLUG_PATTERN } from '../common/slugify';

const SLUG_MESSAGE = 'must be a slug: lowercase letters, digits and single hyphens';

@InputType({ description: 'Narrows a list of treatments; all given criteria must hold.' })
export class TreatmentFilter {
  @Field(() => String, { nullable: true, description: 'Only treatments for the condition with this slug.' })
  @IsOptional()
  @Matches(SLUG_PATTERN, { message: SLUG_MESSAGE })
  condition?: string | null;

  @Field(() => String, { nullable: true, description: 'Only treatments the provider with this slug performs.' })
  @IsOptional()
  @Matches(SLUG_PATTERN, { message: SLUG_MESSAGE })
  provider?: string | null;

  @Field(() => String, { nullable: true, description: 'Only treatments offered at the location with this slug.' })
  @IsOptional()
  @Matches(SLUG_PATTERN, { message: SLUG_MESSAGE })
  location?: string | null;

  @Field(() => String, { nullable: true, description: 'Only treatments in this category (case-insensitive).' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  category?: string | null;

  @Field(() => String, { nullable: true, description: 'Words to look for in the title, summary and body.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  text?: string | null;
}

export enum TreatmentOrderField {
  TITLE = 'TITLE',
  PUBLISHED_AT = 'PUBLISHED_AT',
  UPDATED_AT = 'UPDATED_AT',
}

registerEnumType(TreatmentOrderField, {
  name: 'TreatmentOrderField',
  description: 'What to sort treatments by.',
  valuesMap: {
    TITLE: { description: 'Title, alphabetically.' },
    PUBLISHED_AT: { description: 'When the live version was published.' },
    UPDATED_AT: { description: 'When the document last changed.' },
  },
});

@InputType({ description: 'Sort order of a treatment list.' })
export class TreatmentOrder {
  @Field(() => TreatmentOrderField, { description: 'The field to sort by.' })
  @IsEnum(TreatmentOrderField)
  field: TreatmentOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Ascending or descending.' })
  @IsEnum(OrderDirection)
  direction: OrderDirection = OrderDirection.ASC;
}

@ArgsType()
export class TreatmentsArgs extends ConnectionArgs {
  @Field(() => TreatmentFilter, { nullable: true, description: 'Criteria the treatments must meet.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => TreatmentFilter)
  filter?: TreatmentFilter | null;

  @Field(() => TreatmentOrder, { nullable: true, description: 'Sort order (default: title A to Z).' })
  @IsOptional()
  @ValidateNested()
  @Type(() => TreatmentOrder)
  orderBy?: TreatmentOrder | null;
}
