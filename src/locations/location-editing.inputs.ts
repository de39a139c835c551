import { Field, Float, InputType, OmitType, PartialType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEmail,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  Matches,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  ValidationArguments,
} from 'class-validator';
import { ImageInput, imageRefOf } from '../common/images/image.model';
import { changeRequestFrom } from '../content/change-request';
import { PageFieldsInput, WithDocumentVersion, pickFields } from '../content/editorial.inputs';
import { ChangeRequest } from '../content/editorial.types';
import { IsText } from '../common/validation/field.validators';
import { HasDistinctDates, HasNoOverlappingIntervals, IsCalendarDate, IsTimeOfDay } from '../common/validation/opening-hours.validators';
import { IsHttpUrl } from '../common/validation/validators';
import { OptionalTextRule, PhoneRule, RequiredTextRule, TimeZoneRule, Trimmed, UsStateRule, ZipRule } from '../common/validation/field-rules';
import { DAYS_OF_WEEK, DayOfWeek, HoursException, OpeningInterval } from './opening-hours';
import { LOCATION_TYPE } from './location.descriptor';

const MARKDOWN_LIMIT = 100_000;
const DEFAULT_TIME_ZONE = 'America/New_York';

const intervalCount = (args?: ValidationArguments) => {
  const intervals = (args?.object as { intervals?: unknown }).intervals;
  return Array.isArray(intervals) ? intervals.length : 0;
};

/** An hours exception is either closed all day or lists the hours of that date, never both. */
const AgreesWithIntervals = () =>
  ValidateBy({
    name: 'agreesWithIntervals',
    validator: {
      validate: (closed, args) => (closed ? intervalCount(args) === 0 : intervalCount(args) > 0),
      defaultMessage: (args) =>
        args?.value ? 'is true but intervals are given: a closed date has no hours' : 'is false but no intervals are given: list the hours of the date',
    },
  });

@InputType({ description: 'A US postal address.' })
export class AddressInput {
  @Field(() => String, { nullable: true, description: 'Street address (up to 200 characters); blank means none.' })
  @IsOptional()
  @OptionalTextRule(200)
  line1?: string | null;

  @Field(() => String, { nullable: true, description: 'Suite, floor or building (up to 200 characters); blank means none.' })
  @IsOptional()
  @OptionalTextRule(200)
  line2?: string | null;

  @Field(() => String, { description: 'City (1 to 100 characters).' })
  @Trimmed()
  @IsText(1, 100)
  city: string;

  @Field(() => String, { description: 'Two-letter state, DC or territory code ("KY"; stored in capitals, so "ky" is "KY").' })
  @UsStateRule()
  state: string;

  @Field(() => String, { nullable: true, description: 'ZIP ("40503") or ZIP+4 ("40503-1234"); nine digits ("405031234") are stored as ZIP+4.' })
  @IsOptional()
  @ZipRule()
  postalCode?: string | null;

  @Field(() => String, { nullable: true, defaultValue: 'US', description: 'Two-letter country code; only "US" is supported.' })
  @IsOptional()
  @IsIn(['US'], { message: 'must be "US" (only US addresses are supported)' })
  country?: string | null;
}

/** Omitted parts keep their value; city and state can change but not be removed. */
@InputType({ description: 'Changes to a postal address; omitted parts keep their value.' })
export class AddressChangesInput extends PartialType(AddressInput, { omitDefaultValues: true, skipNullProperties: false }) {}

@InputType({ description: 'A position on Earth (WGS 84).' })
export class GeoPointInput {
  @Field(() => Float, { description: 'Latitude in degrees, -90 to 90.' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number' })
  @Min(-90, { message: 'must be between -90 and 90' })
  @Max(90, { message: 'must be between -90 and 90' })
  latitude: number;

  @Field(() => Float, { description: 'Longitude in degrees, -180 to 180.' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number' })
  @Min(-180, { message: 'must be between -180 and 180' })
  @Max(180, { message: 'must be between -180 and 180' })
  longitude: number;
}

@InputType({ description: "A span of one day in the office's local time, from `opens` up to (not including) `closes`." })
export class TimeIntervalInput {
  @Field(() => String, { description: 'Local opening time, 24-hour "HH:MM" ("08:00").' })
  @IsTimeOfDay()
  opens: string;

  @Field(() => String, { description: 'Local closing time, 24-hour "HH:MM" ("17:00"); "24:00" is the end of the day. Must be after `opens`.' })
  @IsTimeOfDay()
  closes: string;
}

@InputType({ description: 'One opening interval of a day of the week; give a day two intervals for a lunch break.' })
export class OpeningIntervalInput extends TimeIntervalInput {
  @Field(() => DayOfWeek, { description: 'The day of the week.' })
  @IsIn(DAYS_OF_WEEK, { message: `must be one of ${DAYS_OF_WEEK.join(', ')}` })
  day: DayOfWeek;
}

@InputType({ description: 'A date whose hours replace the weekly hours: a holiday closure or a short day.' })
export class HoursExceptionInput {
  @Field(() => String, { description: 'The local date, "YYYY-MM-DD".' })
  @IsCalendarDate()
  date: string;

  @Field(() => Boolean, {
    nullable: true,
    description: 'True when the office is closed all day (then without `intervals`); when omitted, closed exactly when no intervals are given.',
  })
  @IsOptional()
  @IsBoolean()
  @AgreesWithIntervals()
  closed?: boolean | null;

  @Field(() => [TimeIntervalInput], { nullable: true, description: 'The hours of that date when it is not closed, in local time; they must not overlap.' })
  @IsOptional()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => TimeIntervalInput)
  @HasNoOverlappingIntervals()
  intervals?: TimeIntervalInput[] | null;

  @Field(() => String, { nullable: true, description: 'Why the hours differ ("Thanksgiving Day"), up to 200 characters.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  note?: string | null;
}

@InputType({ description: 'A new location (office).' })
export class CreateLocationInput extends PageFieldsInput {
  @Field(() => String, { description: 'Name of the office (1 to 200 characters; surrounding spaces are dropped).' })
  @RequiredTextRule(200)
  name: string;

  @Field(() => String, { nullable: true, description: 'About this office, in Markdown.' })
  @IsOptional()
  @IsString()
  @MaxLength(MARKDOWN_LIMIT)
  description?: string | null;

  @Field(() => [ImageInput], {
    nullable: true,
    description: 'Photos of the office (outside, reception, rooms), in order, from the media library (replaces the list; at most 20).',
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ImageInput)
  photos?: ImageInput[] | null;

  @Field(() => AddressInput, { description: 'Postal address (US).' })
  @ValidateNested()
  @Type(() => AddressInput)
  address: AddressInput;

  @Field(() => GeoPointInput, { nullable: true, description: 'Map position; null removes it.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => GeoPointInput)
  geo?: GeoPointInput | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Phone number in any common US form, with an extension if any ("(859) 555-0100", "(859) 555-0100 x123"); stored in E.164, the extension as ";ext=123".',
  })
  @IsOptional()
  @PhoneRule()
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'Fax number in any common US form; stored like `phone`.' })
  @IsOptional()
  @PhoneRule()
  fax?: string | null;

  @Field(() => String, { nullable: true, description: 'Contact email address.' })
  @IsOptional()
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email?: string | null;

  @Field(() => String, { nullable: true, description: "The office's own web page (an absolute http or https URL, up to 2,000 characters)." })
  @IsOptional()
  @IsHttpUrl()
  website?: string | null;

  @Field(() => String, {
    nullable: true,
    defaultValue: DEFAULT_TIME_ZONE,
    description:
      'IANA time zone the hours are written in ("America/Chicago"), stored as the time zone database spells it ("america/chicago" → "America/Chicago"); abbreviations such as "EST" are refused. America/New_York when omitted at creation or set to null.',
  })
  @IsOptional()
  @TimeZoneRule()
  timezone?: string | null;

  @Field(() => [OpeningIntervalInput], {
    nullable: true,
    description: 'Regular weekly hours as intervals (replaces the list); a day without intervals is closed. Intervals of a day must not overlap.',
  })
  @IsOptional()
  @ArrayMaxSize(70)
  @ValidateNested({ each: true })
  @Type(() => OpeningIntervalInput)
  @HasNoOverlappingIntervals()
  openingHours?: OpeningIntervalInput[] | null;

  @Field(() => [HoursExceptionInput], { nullable: true, description: 'Dates whose hours replace the weekly hours (replaces the list); one entry per date.' })
  @IsOptional()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => HoursExceptionInput)
  @HasDistinctDates()
  hoursExceptions?: HoursExceptionInput[] | null;

  @Field(() => String, { nullable: true, description: 'Parking directions and notes (up to 2,000 characters).' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  parkingNotes?: string | null;

  @Field(() => String, { nullable: true, description: 'Accessibility notes: entrances, elevators (up to 2,000 characters).' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  accessibilityNotes?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: 'What kind of place it is, as HL7 v3 RoleCode service-delivery-location codes ("PAINCL", "OF"), up to 10 (replaces the list).',
  })
  @IsOptional()
  @ArrayMaxSize(10)
  @Matches(/^[A-Z][A-Za-z0-9_-]{0,19}$/, { each: true, message: 'each type must be an HL7 v3 RoleCode such as PAINCL or OF' })
  locationTypes?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Where patients book at this office (http or https).' })
  @IsOptional()
  @IsHttpUrl()
  bookingUrl?: string | null;
}

@InputType({ description: 'Changes to a location; omitted fields keep their value.' })
export class UpdateLocationInput extends WithDocumentVersion(PartialType(OmitType(CreateLocationInput, ['address'] as const), { omitDefaultValues: true })) {
  @Field(() => AddressChangesInput, {
    nullable: true,
    description: 'Changes to the postal address; omitted parts keep their value. City and state cannot be removed.',
  })
  @ValidateIf((_, value) => value !== undefined)
  @ValidateNested({ message: 'cannot be null: a location needs a city and state' })
  @Type(() => AddressChangesInput)
  address?: AddressChangesInput;
}

function intervalOf({ opens, closes }: TimeIntervalInput) {
  return { opens, closes };
}

export function locationChange(input: Partial<CreateLocationInput> | UpdateLocationInput, path: string): ChangeRequest {
  const fields = pickFields(input, [
    'name',
    'description',
    'phone',
    'fax',
    'email',
    'website',
    'timezone',
    'parkingNotes',
    'accessibilityNotes',
    'locationTypes',
    'bookingUrl',
  ]);
  if (fields.description === null) fields.description = '';
  if (fields.locationTypes === null) fields.locationTypes = [];
  if (fields.timezone === null) fields.timezone = DEFAULT_TIME_ZONE;
  if (input.address) {
    const { line1, line2, ...rest } = input.address;
    Object.assign(
      fields,
      pickFields({ addressLine1: line1, addressLine2: line2, ...rest }, ['addressLine1', 'addressLine2', 'city', 'state', 'postalCode', 'country']),
    );
    if (fields.country === null) fields.country = 'US';
  }
  if (input.geo !== undefined) {
    fields.latitude = input.geo?.latitude ?? null;
    fields.longitude = input.geo?.longitude ?? null;
  }
  if (input.openingHours !== undefined) {
    fields.openingHours = (input.openingHours ?? []).map(({ day, opens, closes }): OpeningInterval => ({ day, opens, closes }));
  }
  if (input.hoursExceptions !== undefined) {
    fields.hoursExceptions = (input.hoursExceptions ?? []).map(({ date, intervals, note }): HoursException => ({
      date,
      closed: !intervals?.length,
      intervals: (intervals ?? []).map(intervalOf),
      note: note ?? null,
    }));
  }
  if (input.photos !== undefined) fields.photos = (input.photos ?? []).map((image) => imageRefOf(image)!);
  return changeRequestFrom(LOCATION_TYPE, input, path, fields);
}
