import { Field, Float, ObjectType } from '@nestjs/graphql';
import { DocumentModel } from '../common/documents/document.model';
import { PhoneNumber } from '../common/phone';
import { ConnectionOf } from '../common/pagination/connection.model';
import { RichTextField } from '../common/rich-text/rich-text.model';

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

@ObjectType('Location', { description: 'An office of the practice: address, contact, hours, providers and treatments offered.' })
export class LocationModel extends DocumentModel {
  @Field(() => String, { description: 'Name of the office ("Lexington Office").' })
  name: string;

  @RichTextField({ description: 'About this office.' })
  description: string;

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

  @Field(() => String, { description: 'IANA time zone of the office ("America/New_York"); opening hours are local times in it.' })
  timezone: string;

  @Field(() => String, { nullable: true, description: 'Parking directions and notes.' })
  parkingNotes: string | null;

  @Field(() => String, { nullable: true, description: 'Accessibility notes (entrances, elevators).' })
  accessibilityNotes: string | null;

  @Field(() => String, { nullable: true, description: 'Where patients book at this office.' })
  bookingUrl: string | null;
}

/** Fields a location edge adds: the distance from the `near` point of the query. */
@ObjectType({ isAbstract: true })
export class LocationEdgeFields {
  @Field(() => Float, { nullable: true, description: 'Distance in kilometres from `filter.near`, when the query gave one.' })
  distanceKm?: number | null;
}

export const { Connection: LocationConnection, Edge: LocationEdge } = ConnectionOf(LocationModel, 'Location', 'location', LocationEdgeFields);
