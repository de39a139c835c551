import { ArgsType, Field, InputType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { ConnectionArgs } from '../content/documents/connection.args';
import { OrderDirection } from '../common/pagination/order-direction';
import { NoticeKind } from './notice-kind.enums';

@InputType({ description: 'Narrows a list of notices; all given criteria must hold.' })
export class NoticeFilter {
  @Field(() => NoticeKind, { nullable: true, description: 'Only notices of this kind.' })
  @IsOptional()
  @IsEnum(NoticeKind)
  kind?: NoticeKind | null;

  @Field(() => String, { nullable: true, description: 'Words to look for in the title and body.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  text?: string | null;
}

export enum NoticeOrderField {
  TITLE = 'TITLE',
  PUBLISHED_AT = 'PUBLISHED_AT',
  UPDATED_AT = 'UPDATED_AT',
}

registerEnumType(NoticeOrderField, {
  name: 'NoticeOrderField',
  description: 'What to sort notices by.',
  valuesMap: {
    TITLE: { description: 'Title, alphabetically.' },
    PUBLISHED_AT: { description: 'When the live version was published.' },
    UPDATED_AT: { description: 'When the document last changed.' },
  },
});

@InputType({ description: 'Sort order of a notice list.' })
export class NoticeOrder {
  @Field(() => NoticeOrderField, { description: 'The field to sort by.' })
  @IsEnum(NoticeOrderField)
  field: NoticeOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Ascending or descending.' })
  @IsEnum(OrderDirection)
  direction: OrderDirection = OrderDirection.ASC;
}

@ArgsType()
export class NoticesArgs extends ConnectionArgs {
  @Field(() => NoticeFilter, { nullable: true, description: 'Criteria the notices must meet.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => NoticeFilter)
  filter?: NoticeFilter | null;

  @Field(() => NoticeOrder, { nullable: true, description: 'Sort order (default: title A to Z).' })
  @IsOptional()
  @ValidateNested()
  @Type(() => NoticeOrder)
  orderBy?: NoticeOrder | null;
}
