import { ArgsType, Field, Float, InputType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ConnectionArgs } from '../content/documents/connection.args';
import { OrderDirection } from '../common/pagination/order-direction';
import { US_STATE_PATTERN } from '../common/validation/us-address';

@InputType({ description: 'A point and a radius: only locations within `radiusKm` of the point, nearest first.' })
export class NearInput {
  @Field(() => Float, { description: 'Latitude of the point, -90 to 90.' })
  @IsNumber()
  @Min(-90)
  @Max(90)
  latitude: number;

  @Field(() => Float, { description: 'Longitude of the point, -180 to 180.' })
  @IsNumber()
  @Min(-180)
  @Max(180)
  longitude: number;

  @Field(() => Float, { defaultValue: 50, description: 'Search radius in kilometres, up to 5000 (default 50).' })
  @IsNumber()
  @Min(0)
  @Max(5000)
  radiusKm: number = 50;
}

@InputType({ description: 'Narrows a list of locations; all given criteria must hold.' })
export class LocationFilter {
  @Field(() => String, { nullable: true, description: 'Only locations in this city (case-insensitive).' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  city?: string | null;

  @Field(() => String, { nullable: true, description: 'Only locations in this state (two-letter code, "KY").' })
  @IsOptional()
  @Matches(US_STATE_PATTERN, { message: 'must be a two-letter US state code such as KY' })
  state?: string | null;

  @Field(() => NearInput, { nullable: true, description: 'Only locations near a point, ordered by distance (nearest first), with `distanceKm` on each edge.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => NearInput)
  near?: NearInput | null;
}

export enum LocationOrderField {
  NAME = 'NAME',
  CITY = 'CITY',
  PUBLISHED_AT = 'PUBLISHED_AT',
  UPDATED_AT = 'UPDATED_AT',
}

registerEnumType(LocationOrderField, {
  name: 'LocationOrderField',
  description: 'What to sort locations by (a `near` filter sorts by distance instead).',
  valuesMap: {
    NAME: { description: 'Name, alphabetically.' },
    CITY: { description: 'City, alphabetically.' },
    PUBLISHED_AT: { description: 'When the live version was published.' },
    UPDATED_AT: { description: 'When the document last changed.' },
  },
});

@InputType({ description: 'Sort order of a location list.' })
export class LocationOrder {
  @Field(() => LocationOrderField, { description: 'The field to sort by.' })
  @IsEnum(LocationOrderField)
  field: LocationOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Ascending or descending.' })
  @IsEnum(OrderDirection)
  direction: OrderDirection = OrderDirection.ASC;
}

@ArgsType()
export class LocationsArgs extends ConnectionArgs {
  @Field(() => LocationFilter, { nullable: true, description: 'Criteria the locations must meet.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => LocationFilter)
  filter?: LocationFilter | null;

  @Field(() => LocationOrder, { nullable: true, description: 'Sort order (default: name A to Z; nearest first with `near`).' })
  @IsOptional()
  @ValidateNested()
  @Type(() => LocationOrder)
  orderBy?: LocationOrder | null;
}
