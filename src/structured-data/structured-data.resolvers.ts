import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Graph, Thing, WithContext } from 'schema-dts';
import { cacheUntil } from '../cache/cache-hints';
import { GraphQLContext } from '../common/graphql/graphql-context';
import { JSONScalar } from '../common/graphql/json.scalar';
import { DocumentType } from '../content/documents/document-status';
import { SiteUrls } from '../content/site-urls';
import { CONDITION_FAQS } from '../conditions/condition.descriptor';
import { Condition } from '../conditions/condition.entity';
import { ConditionModel } from '../conditions/condition.model';
import { Faq } from '../faqs/faq.entity';
import { FaqModel } from '../faqs/faq.model';
import { Location } from '../locations/location.entity';
import { LocationModel } from '../locations/location.model';
import { hoursExceptionsFrom, localDateAt, nextLocalMidnight } from '../locations/opening-hours';
import { Practice } from '../practice/practice.entity';
import { PracticeModel } from '../practice/practice.model';
import { LOCATION_PROVIDERS, PROVIDER_LOCATIONS } from '../providers/provider.descriptor';
import { Provider } from '../providers/provider.entity';
import { ProviderModel } from '../providers/provider.model';
import { CONDITION_TREATMENTS, TREATMENT_CONDITIONS, TREATMENT_FAQS, TREATMENT_PROVIDERS } from '../treatments/treatment.descriptor';
import { Treatment } from '../treatments/treatment.entity';
import { TreatmentModel } from '../treatments/treatment.model';
import { clinicJsonLd, conditionPageJsonLd, type Linked, organizationJsonLd, physicianJsonLd, questionJsonLd, treatmentPageJsonLd } from './json-ld';
import { JsonLdExtras } from './json-ld-extras';
import { PracticeDirectory } from './practice-directory';

const JSON_LD_DESCRIPTION =
  'schema.org structured data of this page as JSON-LD, for a <script type="application/ld+json"> element. Related documents appear only when published.';

type JsonLd = WithContext<Thing> | Graph;

/** A document with the URL of its page. */
function linker(siteUrls: SiteUrls, type: DocumentType) {
  return <T extends { slug: string }>(document: T): Linked<T> => ({ document, url: siteUrls.urlOf(type, document.slug) });
}

@Resolver(() => TreatmentModel)
export class TreatmentJsonLdResolver {
  constructor(
    private readonly siteUrls: SiteUrls,
    private readonly extras: JsonLdExtras,
  ) {}

  @ResolveField('jsonLd', () => JSONScalar, { description: JSON_LD_DESCRIPTION })
  async jsonLd(@Parent() treatment: Treatment, @Context() context: GraphQLContext): Promise<JsonLd> {
    const [conditions, providers, faqs] = await Promise.all([
      context.loaders.publicRelatedOf<Condition>(TREATMENT_CONDITIONS, treatment),
      context.loaders.publicRelatedOf<Provider>(TREATMENT_PROVIDERS, treatment),
      context.loaders.publicRelatedOf<Faq>(TREATMENT_FAQS, treatment),
    ]);
    // After the related documents: the reviewer is often one of the page's providers, already loaded.
    const extras = await this.extras.reviewed(treatment, [treatment.heroImage], context);
    return treatmentPageJsonLd({
      treatment: linker(this.siteUrls, DocumentType.TREATMENT)(treatment),
      conditions: conditions.map(linker(this.siteUrls, DocumentType.CONDITION)),
      providers,
      faqs,
      extras,
    });
  }
}

@Resolver(() => ConditionModel)
export class ConditionJsonLdResolver {
  constructor(
    private readonly siteUrls: SiteUrls,
    private readonly extras: JsonLdExtras,
  ) {}

  @ResolveField('jsonLd', () => JSONScalar, { description: JSON_LD_DESCRIPTION })
  async jsonLd(@Parent() condition: Condition, @Context() context: GraphQLContext): Promise<JsonLd> {
    const [treatments, faqs] = await Promise.all([
      context.loaders.publicRelatedOf<Treatment>(CONDITION_TREATMENTS, condition),
      context.loaders.publicRelatedOf<Faq>(CONDITION_FAQS, condition),
    ]);
    const extras = await this.extras.reviewed(condition, [condition.image], context);
    return conditionPageJsonLd({
      condition: linker(this.siteUrls, DocumentType.CONDITION)(condition),
      treatments: treatments.map(linker(this.siteUrls, DocumentType.TREATMENT)),
      faqs,
      extras,
    });
  }
}

@Resolver(() => FaqModel)
export class FaqJsonLdResolver {
  @ResolveField('jsonLd', () => JSONScalar, { description: 'schema.org structured data of this question as JSON-LD (a Question with its accepted Answer).' })
  jsonLd(faq: Faq): JsonLd {
    return questionJsonLd(faq);
  }
}

@Resolver(() => ProviderModel)
export class ProviderJsonLdResolver {
  constructor(
    private readonly siteUrls: SiteUrls,
    private readonly extras: JsonLdExtras,
  ) {}

  @ResolveField('jsonLd', () => JSONScalar, { description: JSON_LD_DESCRIPTION })
  async jsonLd(@Parent() provider: Provider, @Context() context: GraphQLContext): Promise<JsonLd> {
    const [offices, extras] = await Promise.all([
      context.loaders.publicRelatedOf<Location>(PROVIDER_LOCATIONS, provider),
      this.extras.images(provider, [provider.photo], context),
    ]);
    return physicianJsonLd({
      provider: linker(this.siteUrls, DocumentType.PROVIDER)(provider),
      offices: offices.map(linker(this.siteUrls, DocumentType.LOCATION)),
      extras,
    });
  }
}

@Resolver(() => LocationModel)
export class LocationJsonLdResolver {
  constructor(
    private readonly siteUrls: SiteUrls,
    private readonly directory: PracticeDirectory,
    private readonly extras: JsonLdExtras,
  ) {}

  @ResolveField('jsonLd', () => JSONScalar, { description: JSON_LD_DESCRIPTION })
  async jsonLd(@Parent() location: Location, @Context() context: GraphQLContext): Promise<JsonLd> {
    const [providers, practice, extras] = await Promise.all([
      context.loaders.publicRelatedOf<Provider>(LOCATION_PROVIDERS, location),
      this.directory.practice(context.loaders),
      this.extras.images(location, location.photos, context),
    ]);
    const now = new Date();
    const today = localDateAt(location.timezone, now);
    // Dated exceptions from the office's today on: the answer changes at its midnight once one is listed.
    if (hoursExceptionsFrom(location.hoursExceptions, today).length > 0) cacheUntil(context, nextLocalMidnight(location.timezone, now), now);
    return clinicJsonLd({
      office: linker(this.siteUrls, DocumentType.LOCATION)(location),
      practice: practice ? linker(this.siteUrls, DocumentType.PRACTICE)(practice) : null,
      providers,
      today,
      extras,
    });
  }
}

@Resolver(() => PracticeModel)
export class PracticeJsonLdResolver {
  constructor(
    private readonly siteUrls: SiteUrls,
    private readonly directory: PracticeDirectory,
    private readonly extras: JsonLdExtras,
  ) {}

  @ResolveField('jsonLd', () => JSONScalar, { description: JSON_LD_DESCRIPTION })
  async jsonLd(@Parent() practice: Practice, @Context() context: GraphQLContext): Promise<JsonLd> {
    const [offices, providers, extras] = await Promise.all([
      this.directory.offices(context.loaders),
      this.directory.providers(context.loaders),
      this.extras.images(practice, [practice.logo], context),
    ]);
    return organizationJsonLd({
      practice: linker(this.siteUrls, DocumentType.PRACTICE)(practice),
      offices: offices.map(linker(this.siteUrls, DocumentType.LOCATION)),
      providers,
      extras,
    });
  }
}
