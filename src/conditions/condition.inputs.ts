import { ArgsType, Field, InputType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ConnectionArgs } from '../content/documents/connection.args';
import { OrderDirection } from '../common/pagination/order-direction';
import { SLUG_PATTERN } from '../common/slugify';
import { BodyRegion } from './body-region.enums';

@InputType({ description: 'Narrows a list of conditions; all given criteria must hold.' })
export class ConditionFilter {
  @Field(() => String, { nullable: true, description: 'Only conditions the treatment with this slug treats.' })
  @IsOptional()
  @Matches(SLUG_PATTERN, { message: 'must be a slug: lowercase letters, digits and single hyphens' })
  treatment?: string | null;

  @Field(() => BodyRegion, { nullable: true, description: 'Only conditions of this body region.' })
  @IsOptional()
  @IsEnum(BodyRegion)
  bodyRegion?: BodyRegion | null;

  @Field(() => String, { nullable: true, description: 'Words to look for in the name, aliases, summary, symptoms and body.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  text?: string | null;
}

export enum ConditionOrderField {
  NAME = 'NAME',
  PUBLISHED_AT = 'PUBLISHED_AT',
  UPDATED_AT = 'UPDATED_AT',
}

registerEnumType(ConditionOrderField, {
  name: 'ConditionOrderField',
  description: 'What to sort conditions by.',
  valuesMap: {
    NAME: { description: 'Name, alphabetically.' },
    PUBLISHED_AT: { description: 'When the live version was published.' },
    UPDATED_AT: { description: 'When the document last changed.' },
  },
});

@InputType({ description: 'Sort order of a condition list.' })
export class ConditionOrder {
  @Field(() => ConditionOrderField, { description: 'The field to sort by.' })
  @IsEnum(ConditionOrderField)
  field: ConditionOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Ascending or descending.' })
  @IsEnum(OrderDirection)
  direction: OrderDirection = OrderDirection.ASC;
}

@ArgsType()
export class ConditionsArgs extends ConnectionArgs {
  @Field(() => ConditionFilter, { nullable: true, description: 'Criteria the conditions must meet.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ConditionFilter)
  filter?: ConditionFilter | null;

  @Field(() => ConditionOrder, { nullable: true, description: 'Sort order (default: name A to Z).' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ConditionOrder)
  orderBy?: ConditionOrder | null;
}
