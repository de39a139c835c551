import { Field, Float, GraphQLISODateTime, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DocumentModel } from '../content/documents/document.model';
import { PhoneNumber } from '../common/phone';
import { ConnectionOf } from '../common/pagination/connection.model';
import { ImageModel } from '../common/images/image.model';
import { RichTextField } from '../common/rich-text/rich-text.model';
import { DayOfWeek, OpenState } from './opening-hours';

registerEnumType(DayOfWeek, {
  name: 'DayOfWeek',
  description: 'A day of the week.',
  valuesMap: {
    MONDAY: { description: 'Monday.' },
    TUESDAY: { description: 'Tuesday.' },
    WEDNESDAY: { description: 'Wednesday.' },
    THURSDAY: { description: 'Thursday.' },
    FRIDAY: { description: 'Friday.' },
    SATURDAY: { description: 'Saturday.' },
    SUNDAY: { description: 'Sunday.' },
  },
});

registerEnumType(OpenState, {
  name: 'OpenState',
  description: 'Whether an office is open, closed, or has not published its hours.',
  valuesMap: {
    OPEN: { description: 'Open at the instant.' },
    CLOSED: { description: 'Closed at the instant, by its published hours (weekly or dated).' },
    UNKNOWN: { description: 'The office has no published hours: do not show it as closed; ask patients to call.' },
  },
});

@ObjectType('PostalAddress', { description: 'A US postal address.' })
export class PostalAddressModel {
  @Field(() => String, { nullable: true, description: 'Street address.' })
  line1: string | null;

  @Field(() => String, { nullable: true, description: 'Suite, floor or building.' })
  line2: string | null;

  @Field(() => String, { description: 'City.' })
  city: string;

  @Field(() => String, { description: 'Two-letter state code ("KY").' })
  state: string;

  @Field(() => String, { nullable: true, description: 'ZIP or ZIP+4 ("40503" or "40503-1234").' })
  postalCode: string | null;

  @Field(() => String, { description: 'Two-letter country code ("US").' })
  country: string;
}

@ObjectType('GeoPoint', { description: 'A position on Earth (WGS 84).' })
export class GeoPointModel {
  @Field(() => Float, { description: 'Latitude in degrees.' })
  latitude: number;

  @Field(() => Float, { description: 'Longitude in degrees.' })
  longitude: number;
}

@ObjectType('TimeInterval', { description: "A span of one day in the office's local time, from `opens` up to (not including) `closes`." })
export class TimeIntervalModel {
  @Field(() => String, { description: 'Local opening time, 24-hour "HH:MM" ("08:00").' })
  opens: string;

  @Field(() => String, { description: 'Local closing time, 24-hour "HH:MM" ("17:00"); "24:00" is the end of the day.' })
  closes: string;
}

@ObjectType('DailyHours', { description: 'The regular hours of one day of the week.' })
export class DailyHoursModel {
  @Field(() => DayOfWeek, { description: 'The day of the week.' })
  day: DayOfWeek;

  @Field(() => [TimeIntervalModel], { description: 'Opening intervals of the day in order (two with a lunch break between them); empty when closed.' })
  intervals: TimeIntervalModel[];

  @Field(() => Boolean, {
    nullable: true,
    description: 'True when the office has no hours on this day; null when it has published no weekly hours at all (unknown, not closed).',
  })
  closed: boolean | null;
}

@ObjectType('HoursException', { description: 'A date whose hours replace the weekly hours: a holiday closure or a short day.' })
export class HoursExceptionModel {
  @Field(() => String, { description: 'The local date, "YYYY-MM-DD".' })
  date: string;

  @Field(() => Boolean, { description: 'True when the office is closed all day.' })
  closed: boolean;

  @Field(() => [TimeIntervalModel], { description: 'The hours of that date, instead of the weekly hours; empty when closed.' })
  intervals: TimeIntervalModel[];

  @Field(() => String, { nullable: true, description: 'Why the hours differ ("Thanksgiving Day"), to show next to them.' })
  note: string | null;
}

@ObjectType('OpenStatus', { description: 'Whether an office is open at an instant, and when that changes; exceptions and daylight-saving changes included.' })
export class OpenStatusModel {
  @Field(() => OpenState, {
    description: 'OPEN, CLOSED, or UNKNOWN when the office has published no hours (then the other fields are empty and `label` says to call).',
  })
  state: OpenState;

  @Field(() => Boolean, { nullable: true, description: 'True when the office is open at the instant; null when its hours are unknown.' })
  isOpen: boolean | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When the current opening ends; null when closed, or when open without a break for the next 14 days.',
  })
  closesAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the office next opens; null when open, or when it has no hours in the next 14 days.' })
  nextOpensAt: Date | null;

  @Field(() => [TimeIntervalModel], {
    description: "The hours of the office's local date at the instant (a dated exception's when one applies); empty when closed that day.",
  })
  todayHours: TimeIntervalModel[];

  @Field(() => String, { description: 'The local date at the instant in the office\'s time zone, "YYYY-MM-DD".' })
  localDate: string;

  @Field(() => String, { description: 'The local time at the instant in the office\'s time zone, 24-hour "HH:MM".' })
  localTime: string;

  @Field(() => String, { nullable: true, description: 'The note of the dated exception that applies to the local date ("Thanksgiving Day"), if any.' })
  note: string | null;

  @Field(() => String, {
    description:
      'A short English summary to show as is: "Open until 5:00 PM", "Closed · opens at 1:00 PM", "Closed · opens Monday 8:00 AM"; for unknown hours the HOURS_UNKNOWN_LABEL setting ("Call for hours").',
  })
  label: string;
}

export const OPENING_HOURS_DESCRIPTION =
  "Regular weekly hours: seven entries, Monday to Sunday, in the office's local time (`timezone`). Dated exceptions are in `hoursExceptions`.";
export const HOURS_EXCEPTIONS_DESCRIPTION =
  "Dates whose hours replace the weekly hours (holidays, short days), by date: from today (the office's local date) on, unless `includePast`.";
export const OPEN_NOW_DESCRIPTION =
  'True when the office is open at this moment (exceptions included); null when it has published no hours. Use `openStatus` for closing and opening times.';

@ObjectType('Location', { description: 'An office of the practice: address, contact, hours, providers and treatments offered.' })
export class LocationModel extends DocumentModel {
  @Field(() => String, { description: 'Name of the office ("Lexington Office").' })
  name: string;

  @RichTextField({ description: 'About this office.' })
  description: string;

  @Field(() => [ImageModel], { description: 'Photos of the office (outside, reception, rooms), in order, from the media library.' })
  photos: ImageModel[];

  @Field(() => PostalAddressModel, { description: 'Postal address.' })
  address: PostalAddressModel;

  @Field(() => GeoPointModel, { nullable: true, description: 'Map position, when known.' })
  geo: GeoPointModel | null;

  @Field(() => PhoneNumber, { nullable: true, description: 'Phone number.' })
  phone: PhoneNumber | null;

  @Field(() => PhoneNumber, { nullable: true, description: 'Fax number.' })
  fax: PhoneNumber | null;

  @Field(() => String, { nullable: true, description: 'Contact email address.' })
  email: string | null;

  @Field(() => String, { nullable: true, description: "The office's own web page, when it has one." })
  website: string | null;

  @Field(() => String, { description: 'IANA time zone of the office ("America/New_York"); opening hours are local times in it.' })
  timezone: string;

  @Field(() => [DailyHoursModel], { description: OPENING_HOURS_DESCRIPTION })
  openingHours: DailyHoursModel[];

  @Field(() => [HoursExceptionModel], { description: HOURS_EXCEPTIONS_DESCRIPTION })
  hoursExceptions: HoursExceptionModel[];

  @Field(() => Boolean, { nullable: true, description: OPEN_NOW_DESCRIPTION })
  openNow: boolean | null;

  @Field(() => String, { nullable: true, description: 'Parking directions and notes.' })
  parkingNotes: string | null;

  @Field(() => String, { nullable: true, description: 'Accessibility notes (entrances, elevators).' })
  accessibilityNotes: string | null;

  @Field(() => String, { nullable: true, description: 'Where patients book at this office.' })
  bookingUrl: string | null;

  @Field(() => [String], { description: 'What kind of place the office is, as HL7 v3 RoleCode codes ("PAINCL" pain clinic, "OF" outpatient facility).' })
  locationTypes: string[];
}

/** Fields a location edge adds: the distance from the `near` point of the query. */
@ObjectType({ isAbstract: true })
export class LocationEdgeFields {
  @Field(() => Float, { nullable: true, description: 'Distance in kilometres from `filter.near`, when the query gave one.' })
  distanceKm?: number | null;
}

export const { Connection: LocationConnection, Edge: LocationEdge } = ConnectionOf(LocationModel, 'Location', 'location', LocationEdgeFields);
