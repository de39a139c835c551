import { ArgsType, Field, InputType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { DocumentLookupArgs } from '../content/documents/document-lookup';
import { ConnectionArgs } from '../content/documents/connection.args';
import { OrderDirection } from '../common/pagination/order-direction';
import { SLUG_PATTERN } from '../common/slugify';
import { Stage } from '../content/documents/document-status';
import { NUCC_TAXONOMY_PATTERN } from '../common/validation/nucc-taxonomy';

const SLUG_MESSAGE = 'must be a slug: lowercase letters, digits and single hyphens';

@InputType({ description: 'Narrows a list of providers; all given criteria must hold.' })
export class ProviderFilter {
  @Field(() => String, { nullable: true, description: 'Only providers who see patients at the location with this slug.' })
  @IsOptional()
  @Matches(SLUG_PATTERN, { message: SLUG_MESSAGE })
  location?: string | null;

  @Field(() => String, { nullable: true, description: 'Only providers who perform the treatment with this slug.' })
  @IsOptional()
  @Matches(SLUG_PATTERN, { message: SLUG_MESSAGE })
  treatment?: string | null;

  @Field(() => String, { nullable: true, description: 'Only providers with this NUCC taxonomy code ("208VP0014X").' })
  @IsOptional()
  @Matches(NUCC_TAXONOMY_PATTERN, { message: 'must be a NUCC taxonomy code (10 characters ending in X, e.g. 208VP0014X)' })
  specialty?: string | null;

  @Field(() => String, { nullable: true, description: 'Only providers who speak this language (BCP 47 tag; "es" also matches "es-MX").' })
  @IsOptional()
  @Matches(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: 'must be a BCP 47 language tag such as "en" or "es"' })
  language?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only providers who are (true) or are not (false) accepting new patients.' })
  @IsOptional()
  @IsBoolean()
  acceptingNewPatients?: boolean | null;

  @Field(() => Boolean, { nullable: true, defaultValue: true, description: 'Only active providers (default), or only inactive ones with false.' })
  @IsOptional()
  @IsBoolean()
  active?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Words to look for in the name, title and biography.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  text?: string | null;
}

export enum ProviderOrderField {
  NAME = 'NAME',
  PUBLISHED_AT = 'PUBLISHED_AT',
  UPDATED_AT = 'UPDATED_AT',
}

registerEnumType(ProviderOrderField, {
  name: 'ProviderOrderField',
  description: 'What to sort providers by.',
  valuesMap: {
    NAME: { description: 'Family name, then given name.' },
    PUBLISHED_AT: { description: 'When the live version was published.' },
    UPDATED_AT: { description: 'When the document last changed.' },
  },
});

@InputType({ description: 'Sort order of a provider list.' })
export class ProviderOrder {
  @Field(() => ProviderOrderField, { description: 'The field to sort by.' })
  @IsEnum(ProviderOrderField)
  field: ProviderOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Ascending or descending.' })
  @IsEnum(OrderDirection)
  direction: OrderDirection = OrderDirection.ASC;
}

@ArgsType()
export class ProvidersArgs extends ConnectionArgs {
  @Field(() => ProviderFilter, { nullable: true, description: 'Criteria the providers must meet.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProviderFilter)
  filter?: ProviderFilter | null;

  @Field(() => ProviderOrder, { nullable: true, description: 'Sort order (default: by name).' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProviderOrder)
  orderBy?: ProviderOrder | null;
}

/** `provider(id:)`, `provider(slug:)` or `provider(npi:)`: exactly one of them. */
@ArgsType()
export class ProviderLookupArgs extends DocumentLookupArgs {
  @Field(() => String, { nullable: true, description: "The provider's 10-digit NPI." })
  @IsOptional()
  @Matches(/^[0-9]{10}$/, { message: 'must be 10 digits' })
  npi?: string | null;

  @Field(() => Stage, {
    defaultValue: Stage.PUBLISHED,
    description:
      'PUBLISHED (default) for the live content; DRAFT for the latest edits, which needs an editor credential, an API key with content:read-draft or a preview token.',
  })
  @IsEnum(Stage)
  stage: Stage = Stage.PUBLISHED;
}
