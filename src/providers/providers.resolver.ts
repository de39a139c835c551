import { Args, Context, Info, Int, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { GraphQLContext } from '../common/graphql/graphql-context';
import { PhoneNumber, phoneNumberOf } from '../common/phone';
import { DocumentSelection } from '../content/loaders/document-selection';
import { whenLoaded } from '../content/loaders/request-loaders';
import { readAtStage, requireListStageAccess } from '../content/stage-access';
import { DocumentType } from '../content/documents/document-status';
import { NUCC_TAXONOMY_NAMES, NUCC_TAXONOMY_SYSTEM } from '../common/validation/nucc-taxonomy';
import { FaqModel } from '../faqs/faq.model';
import { LocationModel } from '../locations/location.model';
import { TreatmentModel } from '../treatments/treatment.model';
import { displayNameOf, experienceLabelOf, yearsOfExperienceOf } from './provider-names';
import { Provider, ProviderExternalId } from './provider.entity';
import { ProviderLookupArgs, ProvidersArgs } from './provider.inputs';
import { ExternalIdModel, ProviderConnection, ProviderModel, SpecialtyModel } from './provider.model';
import { ProvidersService } from './providers.service';
import { PROVIDER_FAQS, PROVIDER_LOCATIONS, PROVIDER_PRIMARY_LOCATION } from './provider.descriptor';
import { PROVIDER_TREATMENTS } from '../treatments/treatment.descriptor';

@Resolver(() => ProviderModel)
export class ProvidersResolver {
  constructor(private readonly providersService: ProvidersService) {}

  @Query(() => ProviderModel, { nullable: true, description: 'One published provider by id, slug (a former slug works too) or NPI. Null when there is none.' })
  provider(@Args() key: ProviderLookupArgs, @Context() context: GraphQLContext, @Info() info: GraphQLResolveInfo): Promise<Provider | null> {
    return readAtStage(context, DocumentType.PROVIDER, key.stage, (stage) =>
      this.providersService.findOne(key, stage, DocumentSelection.of(info, context.loaders)),
    );
  }

  @Query(() => ProviderConnection, { description: 'Published, active providers, filtered and sorted, a page at a time.' })
  providers(@Args() args: ProvidersArgs, @Context() context: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return this.providersService.list(
      args,
      requireListStageAccess(context, DocumentType.PROVIDER, args.stage),
      DocumentSelection.ofNodes(info, context.loaders),
    );
  }

  @ResolveField(() => String, { description: 'Name as shown on the site: "Anjum Bux, MD".' })
  displayName(provider: Provider): string {
    return displayNameOf(provider);
  }

  @ResolveField(() => PhoneNumber, { nullable: true, description: "The provider's direct phone line, with its extension if any." })
  phone(provider: Provider): PhoneNumber | null {
    return phoneNumberOf(provider.phone);
  }

  @ResolveField(() => Int, { nullable: true, description: 'Full years since `practiceStartYear`; null when no start year is known (never estimated).' })
  yearsOfExperience(provider: Provider): number | null {
    return yearsOfExperienceOf(provider.practiceStartYear);
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'Experience in words: "23 years" from `practiceStartYear`, else "More than 20 years" from `experienceMinimumYears`, else null.',
  })
  experienceLabel(provider: Provider): string | null {
    return experienceLabelOf(provider);
  }

  @ResolveField(() => [SpecialtyModel], { description: 'Specialties, the primary first.' })
  specialties(provider: Provider): SpecialtyModel[] {
    return provider.specialties.map((code) => ({ code, name: NUCC_TAXONOMY_NAMES[code] ?? code, system: NUCC_TAXONOMY_SYSTEM }));
  }

  @ResolveField(() => [LocationModel], { description: 'Offices where the provider sees patients, the primary first.' })
  locations(provider: Provider, _args: unknown, context: GraphQLContext) {
    return context.loaders.relatedOf(PROVIDER_LOCATIONS, provider);
  }

  @ResolveField(() => LocationModel, { nullable: true, description: "The provider's main office." })
  primaryLocation(provider: Provider, _args: unknown, context: GraphQLContext) {
    return whenLoaded(context.loaders.relatedOf(PROVIDER_PRIMARY_LOCATION, provider), ([primary]) => primary ?? null);
  }

  @ResolveField(() => [TreatmentModel], { description: 'Treatments this provider performs.' })
  treatments(provider: Provider, _args: unknown, context: GraphQLContext) {
    return context.loaders.relatedOf(PROVIDER_TREATMENTS, provider);
  }

  @ResolveField(() => [FaqModel], { description: "Questions and answers of this provider's page, in order." })
  faqs(provider: Provider, _args: unknown, context: GraphQLContext) {
    return context.loaders.relatedOf(PROVIDER_FAQS, provider);
  }

  @ResolveField(() => [ExternalIdModel], { description: 'Identifiers of this provider in other systems.' })
  externalIds(provider: Provider, _args: unknown, context: GraphQLContext): Promise<ProviderExternalId[]> {
    return context.loaders.rowsByParent(ProviderExternalId, 'provider_id', 'system, value').load(provider.id);
  }
}
