import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DocumentLookupArgs } from '../common/documents/document-lookup';
import { DocumentType } from '../common/documents/document-status';
import { GraphQLContext } from '../common/graphql/graphql-context';
import { PhoneNumber, phoneNumberOf } from '../common/phone';
import { FaqModel } from '../faqs/faq.model';
import { ProviderModel } from '../providers/provider.model';
import { faqsOf, Relations } from '../relations/relation-descriptors';
import { TreatmentModel } from '../treatments/treatment.model';
import { Location } from './location.entity';
import { LocationsArgs } from './location.inputs';
import { GeoPointModel, LocationConnection, LocationModel, PostalAddressModel } from './location.model';
import { LocationsService } from './locations.service';

@Resolver(() => LocationModel)
export class LocationsResolver {
  constructor(private readonly locationsService: LocationsService) {}

  @Query(() => LocationModel, { nullable: true, description: 'One published location by id or slug (a former slug works too). Null when there is none.' })
  location(@Args() key: DocumentLookupArgs): Promise<Location | null> {
    return this.locationsService.findOne(key);
  }

  @Query(() => LocationConnection, { description: 'Published locations: by city and state, or near a point (nearest first, with distances).' })
  locations(@Args() args: LocationsArgs) {
    return this.locationsService.list(args);
  }

  @ResolveField(() => PostalAddressModel, { description: 'Postal address.' })
  address(@Parent() location: Location): PostalAddressModel {
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
  geo(@Parent() location: Location): GeoPointModel | null {
    return location.latitude === null || location.longitude === null ? null : { latitude: location.latitude, longitude: location.longitude };
  }

  @ResolveField(() => PhoneNumber, { nullable: true, description: 'Phone number.' })
  phone(@Parent() location: Location): PhoneNumber | null {
    return phoneNumberOf(location.phone);
  }

  @ResolveField(() => PhoneNumber, { nullable: true, description: 'Fax number.' })
  fax(@Parent() location: Location): PhoneNumber | null {
    return phoneNumberOf(location.fax);
  }

  @ResolveField(() => [ProviderModel], { description: 'Active providers who see patients at this office.' })
  async providers(@Parent() location: Location, @Context() context: GraphQLContext) {
    const providers = await context.loaders.related(Relations.locationProviders).load(location.id);
    return providers.filter((provider) => provider.active);
  }

  @ResolveField(() => [TreatmentModel], { description: 'Treatments offered at this office.' })
  treatments(@Parent() location: Location, @Context() context: GraphQLContext) {
    return context.loaders.related(Relations.locationTreatments).load(location.id);
  }

  @ResolveField(() => [FaqModel], { description: 'Questions and answers of this office\'s page, in order.' })
  faqs(@Parent() location: Location, @Context() context: GraphQLContext) {
    return context.loaders.related(faqsOf(DocumentType.LOCATION)).load(location.id);
  }
}
