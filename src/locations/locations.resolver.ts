import { Args, Context, Info, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { cacheUntil, earliest } from '../cache/cache-hints';
import { DocumentLookupArgs } from '../content/documents/document-lookup';
import { GraphQLContext } from '../common/graphql/graphql-context';
import { DocumentSelection } from '../content/loaders/document-selection';
import { readAtStage, requireListStageAccess } from '../content/stage-access';
import { DocumentType } from '../content/documents/document-status';
import { PhoneNumber, phoneNumberOf } from '../common/phone';
import { FaqModel } from '../faqs/faq.model';
import { ProviderModel } from '../providers/provider.model';
import { TreatmentModel } from '../treatments/treatment.model';
import { Location } from './location.entity';
import { LocationsArgs } from './location.inputs';
import {
  DailyHoursModel,
  GeoPointModel,
  HOURS_EXCEPTIONS_DESCRIPTION,
  HoursExceptionModel,
  LocationConnection,
  LocationModel,
  OPEN_NOW_DESCRIPTION,
  OPENING_HOURS_DESCRIPTION,
  OpenStatusModel,
  PostalAddressModel,
} from './location.model';
import { LocationsService } from './locations.service';
import { OpenStatusArgs } from './open-status.args';
import { DailyHours, HoursException, hoursExceptionsFrom, localDateAt, nextLocalMidnight, OpenStatus, openStatusAt, weeklyHours } from './opening-hours';
import { AppConfig } from '../config/app-config';
import { LOCATION_FAQS } from './location.descriptor';
import { LOCATION_PROVIDERS } from '../providers/provider.descriptor';
import { LOCATION_TREATMENTS } from '../treatments/treatment.descriptor';

@Resolver(() => LocationModel)
export class LocationsResolver {
  constructor(
    private readonly locationsService: LocationsService,
    private readonly config: AppConfig,
  ) {}

  @Query(() => LocationModel, { nullable: true, description: 'One published location by id or slug (a former slug works too). Null when there is none.' })
  location(@Args() key: DocumentLookupArgs, @Context() context: GraphQLContext, @Info() info: GraphQLResolveInfo): Promise<Location | null> {
    return readAtStage(context, DocumentType.LOCATION, key.stage, (stage) =>
      this.locationsService.findOne(key, stage, DocumentSelection.of(info, context.loaders)),
    );
  }

  @Query(() => LocationConnection, { description: 'Published locations: by city and state, or near a point (nearest first, with distances).' })
  locations(@Args() args: LocationsArgs, @Context() context: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return this.locationsService.list(
      args,
      requireListStageAccess(context, DocumentType.LOCATION, args.stage),
      DocumentSelection.ofNodes(info, context.loaders),
    );
  }

  @ResolveField(() => PostalAddressModel, { description: 'Postal address.' })
  address(location: Location): PostalAddressModel {
    return {
      line1: location.addressLine1,
      line2: location.addressLine2,
      city: location.city,
      state: location.state,
      postalCode: location.postalCode,
      country: location.country,
    };
  }

  @ResolveField(() => GeoPointModel, { nullable: true, description: 'Map position, when known.' })
  geo(location: Location): GeoPointModel | null {
    return location.latitude === null || location.longitude === null ? null : { latitude: location.latitude, longitude: location.longitude };
  }

  @ResolveField(() => PhoneNumber, { nullable: true, description: 'Phone number.' })
  phone(location: Location): PhoneNumber | null {
    return phoneNumberOf(location.phone);
  }

  @ResolveField(() => PhoneNumber, { nullable: true, description: 'Fax number.' })
  fax(location: Location): PhoneNumber | null {
    return phoneNumberOf(location.fax);
  }

  @ResolveField(() => [DailyHoursModel], { description: OPENING_HOURS_DESCRIPTION })
  openingHours(location: Location): DailyHours[] {
    return weeklyHours(location.openingHours);
  }

  @ResolveField(() => [HoursExceptionModel], { description: HOURS_EXCEPTIONS_DESCRIPTION })
  hoursExceptions(
    @Parent() location: Location,
    @Args('includePast', {
      type: () => Boolean,
      defaultValue: false,
      description: "Also list dates before today (the office's local date); by default only today and later.",
    })
    includePast: boolean,
    @Context() context: GraphQLContext,
  ): HoursException[] {
    if (includePast) return hoursExceptionsFrom(location.hoursExceptions);
    // "Today and later" moves on at the office's midnight.
    const now = new Date();
    cacheUntil(context, nextLocalMidnight(location.timezone, now), now);
    return hoursExceptionsFrom(location.hoursExceptions, localDateAt(location.timezone, now));
  }

  @ResolveField(() => Boolean, { nullable: true, description: OPEN_NOW_DESCRIPTION })
  openNow(location: Location, _args: unknown, context: GraphQLContext): boolean | null {
    const now = new Date();
    const status = openStatusAt(location, now, this.config.HOURS_UNKNOWN_LABEL);
    cacheUntil(context, status.closesAt ?? status.nextOpensAt, now);
    return status.isOpen;
  }

  @ResolveField(() => OpenStatusModel, {
    description: 'Whether the office is open at an instant (now by default), when it closes or next opens, and a label to show.',
  })
  openStatus(@Parent() location: Location, @Args() args: OpenStatusArgs, @Context() context: GraphQLContext): OpenStatus {
    if (args.at) return openStatusAt(location, args.at, this.config.HOURS_UNKNOWN_LABEL);
    const now = new Date();
    const status = openStatusAt(location, now, this.config.HOURS_UNKNOWN_LABEL);
    // The label names days relative to the office's today, so it changes at its midnight too.
    cacheUntil(context, earliest(status.closesAt ?? status.nextOpensAt, nextLocalMidnight(location.timezone, now)), now);
    return status;
  }

  @ResolveField(() => [ProviderModel], { description: 'Active providers who see patients at this office.' })
  providers(location: Location, _args: unknown, context: GraphQLContext) {
    return context.loaders.relatedOf(LOCATION_PROVIDERS, location);
  }

  @ResolveField(() => [TreatmentModel], { description: 'Treatments offered at this office.' })
  treatments(location: Location, _args: unknown, context: GraphQLContext) {
    return context.loaders.relatedOf(LOCATION_TREATMENTS, location);
  }

  @ResolveField(() => [FaqModel], { description: "Questions and answers of this office's page, in order." })
  faqs(location: Location, _args: unknown, context: GraphQLContext) {
    return context.loaders.relatedOf(LOCATION_FAQS, location);
  }
}
