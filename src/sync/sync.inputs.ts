import { ArgsType, Field, Float, InputType, Int, OmitType, PickType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEnum,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
  ValidationArguments,
} from 'class-validator';
import { JSONScalar } from '../common/graphql/json.scalar';
import { ConnectionArgs } from '../content/documents/connection.args';
import { OptionalTextRule, PhoneRule, RequiredTextRule, TimeZoneRule, Trimmed, UsStateRule, ZipRule } from '../common/validation/field-rules';
import { IsText } from '../common/validation/field.validators';
import { IsSlug } from '../common/validation/validators';
import { CreateLocationInput } from '../locations/location-editing.inputs';
import { CreateProviderInput } from '../providers/provider-editing.inputs';
import { PROVIDER_TYPE } from '../providers/provider.descriptor';
import { LOCATION_TYPE } from '../locations/location.descriptor';
import { SyncApplyMode, SyncMode, SyncRunStatus } from './sync.enums';

/** The most records (and, separately, locations) one sync run takes. */
export const MAX_SYNC_RECORDS = 1000;

/** Source names: what provider_external_ids.system holds for the source (a name or a URI). */
export const SOURCE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$/;
const SOURCE_MESSAGE = 'must be 1 to 100 letters, digits and . _ : / - (a name such as "credentialing" or a URI), starting with a letter or digit';

const tooMany = (what: string) => (args: ValidationArguments) =>
  `a batch holds at most ${MAX_SYNC_RECORDS.toLocaleString('en-US')} ${what} (this one has ${Array.isArray(args.value) ? args.value.length.toLocaleString('en-US') : 'more'}); split it into several runs`;

@InputType({ description: "Points at an office by the source's external id or by the office's slug (exactly one)." })
export class SyncLocationRefInput {
  @Field(() => String, { nullable: true, description: "The office's id in the source (stored as a location external id under the source name)." })
  @ValidateIf((ref: SyncLocationRefInput) => ref.slug === undefined || ref.slug === null)
  @IsString({ message: "give the office's externalId or its slug" })
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200)
  externalId?: string | null;

  @Field(() => String, { nullable: true, description: 'The office\'s current slug in the CMS ("lexington").' })
  @IsOptional()
  @IsSlug()
  slug?: string | null;
}

/**
 * The fields of a provider a source owns and sends as they are, with the editing input's rules:
 * the same validation and the same canonical values (NPI, credentials, specialties, languages,
 * name parts) whether an editor or a sync writes them.
 */
const SourceOwnedProviderFields = PickType(
  CreateProviderInput,
  [
    'npi',
    'prefix',
    'middleName',
    'suffix',
    'credentials',
    'specialties',
    'roles',
    'boardCertifications',
    'licenses',
    'gender',
    'phone',
    'email',
    'website',
    'languages',
    'acceptingNewPatients',
  ] as const,
  InputType,
);

/**
 * One provider as the source knows it. Only the fields the source owns exist here; a field left
 * out (or null for a list) keeps its current value, so a source sends what it knows.
 */
@InputType({
  description:
    'One provider from the source. Fields left out keep their current value; editorial fields (bio, title, booking URL, SEO, FAQs, slug) are never set by a sync. Values are validated and stored exactly as `createProvider` stores them.',
})
export class SyncProviderRecordInput extends SourceOwnedProviderFields {
  @Field(() => String, {
    nullable: true,
    description:
      "Required. The provider's id in the source (1 to 200 characters); stored as an external id with the source name as its system. Matching uses it first, then the NPI.",
  })
  @IsDefined({ message: 'is required' })
  @Trimmed()
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200)
  externalId?: string | null;

  // Required in every record, but nullable in the schema so that a record without it fails alone.
  @Field(() => String, { nullable: true, description: 'Required. Given name (1 to 100 characters; surrounding spaces are dropped).' })
  @IsDefined({ message: 'is required' })
  @RequiredTextRule(100)
  firstName?: string | null;

  @Field(() => String, { nullable: true, description: 'Required. Family name (1 to 100 characters; surrounding spaces are dropped).' })
  @IsDefined({ message: 'is required' })
  @RequiredTextRule(100)
  lastName?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Whether the provider practices here; true when left out (a provider in the source's feed is active)." })
  @IsOptional()
  @IsBoolean()
  active?: boolean | null;

  @Field(() => [SyncLocationRefInput], {
    nullable: true,
    description:
      'Offices where the provider sees patients, in order; replaces the list. Each must be a location of this batch, a location with that external id from this source, or a location slug.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SyncLocationRefInput)
  locations?: SyncLocationRefInput[] | null;

  @Field(() => SyncLocationRefInput, { nullable: true, description: 'The main office: one of `locations`. Defaults to the first.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SyncLocationRefInput)
  primaryLocation?: SyncLocationRefInput | null;
}

/** The facts of an office a source may know besides its address, with the editing input's rules. */
const SourceOwnedLocationFields = PickType(
  CreateLocationInput,
  ['email', 'website', 'openingHours', 'hoursExceptions', 'accessibilityNotes', 'locationTypes'] as const,
  InputType,
);

/** An office as the source knows it: its identity, address, contact and hours, never its editorial content. */
@InputType({
  description:
    'One office from the source, created or updated before the providers that point at it. Fields left out keep their current value; description, parking notes, booking URL, slug and SEO stay editorial. The time zone follows the office: derived from its coordinates (or ZIP) unless the record gives one.',
})
export class SyncLocationRecordInput extends SourceOwnedLocationFields {
  @Field(() => String, {
    nullable: true,
    description: "Required. The office's id in the source (1 to 200 characters), stored as a location external id under the source name.",
  })
  @IsDefined({ message: 'is required' })
  @Trimmed()
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200)
  externalId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Links the external id to the existing office with this slug when no office has it yet (first sync of offices editors already created).',
  })
  @IsOptional()
  @IsSlug()
  slug?: string | null;

  @Field(() => String, { nullable: true, description: 'Name of the office (1 to 200 characters); required to create one.' })
  @IsOptional()
  @RequiredTextRule(200)
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Street address, up to 200 characters; blank means none.' })
  @IsOptional()
  @OptionalTextRule(200)
  addressLine1?: string | null;

  @Field(() => String, { nullable: true, description: 'Suite, floor or building, up to 200 characters; blank means none.' })
  @IsOptional()
  @OptionalTextRule(200)
  addressLine2?: string | null;

  @Field(() => String, { nullable: true, description: 'City (1 to 100 characters); required to create an office.' })
  @IsOptional()
  @Trimmed()
  @IsText(1, 100)
  city?: string | null;

  @Field(() => String, { nullable: true, description: 'Two-letter state, DC or territory code ("KY"; stored in capitals); required to create an office.' })
  @IsOptional()
  @UsStateRule()
  state?: string | null;

  @Field(() => String, { nullable: true, description: 'ZIP ("40503") or ZIP+4 ("40503-1234"); nine digits ("405031234") are stored as ZIP+4.' })
  @IsOptional()
  @ZipRule()
  postalCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Phone number in any common US form, with an extension if any ("(859) 555-0100 x123"); stored in E.164, the extension as ";ext=123".',
  })
  @IsOptional()
  @PhoneRule()
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'Fax number in any common US form; stored like `phone`.' })
  @IsOptional()
  @PhoneRule()
  fax?: string | null;

  @Field(() => Float, { nullable: true, description: 'Latitude in degrees, -90 to 90.' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  latitude?: number | null;

  @Field(() => Float, { nullable: true, description: 'Longitude in degrees, -180 to 180.' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  longitude?: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'IANA time zone of the office ("America/Chicago"). When left out, derived from the coordinates, else from the ZIP code, whenever the record gives them.',
  })
  @IsOptional()
  @TimeZoneRule()
  timezone?: string | null;
}

/** Options every sync mutation shares. */
@InputType({ isAbstract: true })
export class SyncOptionsInput {
  @Field(() => String, {
    description:
      'The integration\'s name ("credentialing", "nppes") or URI: the system its external ids are stored under, and the key of its settings (`configureSyncSource`).',
  })
  @IsString()
  @Matches(SOURCE_NAME_PATTERN, { message: SOURCE_MESSAGE })
  source: string;

  @Field(() => SyncMode, {
    defaultValue: SyncMode.UPSERT,
    description: "UPSERT (default) touches only the providers in the batch; FULL also deactivates the source's providers missing from it.",
  })
  @IsEnum(SyncMode)
  mode: SyncMode = SyncMode.UPSERT;

  @Field(() => Boolean, { defaultValue: false, description: 'Report what would happen and write nothing (the run itself is still logged in `syncRuns`).' })
  @IsBoolean()
  dryRun: boolean = false;

  @Field(() => String, {
    nullable: true,
    description:
      "Makes retries safe: a second real run of the same source with the same key returns the first run's report (`replayed: true`) and writes nothing; the same key with a different batch is a CONFLICT. Up to 200 characters.",
  })
  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200)
  idempotencyKey?: string | null;

  @Field(() => Boolean, {
    defaultValue: false,
    description: 'All or nothing: when any record fails, write none (status REJECTED). By default the valid records are applied and the invalid ones reported.',
  })
  @IsBoolean()
  atomic: boolean = false;

  @Field(() => Boolean, {
    defaultValue: false,
    description: "FULL mode only: deactivate even when more than the source's `maxDeactivationShare` of its active providers would be deactivated.",
  })
  @IsBoolean()
  force: boolean = false;
}

@InputType({ description: "A batch of providers (and the offices they point at) from one source, in the CMS's own format." })
export class SyncProvidersInput extends SyncOptionsInput {
  @Field(() => [SyncProviderRecordInput], {
    description: `The providers, at most ${MAX_SYNC_RECORDS.toLocaleString('en-US')}. Each is validated on its own; the report names invalid ones by index.`,
  })
  @IsArray()
  @ArrayMaxSize(MAX_SYNC_RECORDS, { message: tooMany('records') })
  records: SyncProviderRecordInput[];

  @Field(() => [SyncLocationRecordInput], {
    nullable: true,
    description: `Offices to create or update first (at most ${MAX_SYNC_RECORDS.toLocaleString('en-US')}), matched by external id.`,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_SYNC_RECORDS, { message: tooMany('locations') })
  locations?: SyncLocationRecordInput[] | null;
}

@InputType({ description: 'A FHIR R4 Bundle of Practitioner, PractitionerRole, Location and Organization resources from one source.' })
export class SyncProvidersFromFhirInput extends SyncOptionsInput {
  @Field(() => JSONScalar, {
    description:
      'The Bundle (resourceType "Bundle", any type), as JSON. Practitioners become provider records (at most 1,000), Locations become offices keyed by their id.',
  })
  @IsObject({ message: 'must be a FHIR Bundle (a JSON object)' })
  bundle: Record<string, unknown>;
}

@InputType({ description: 'An NPI registry (NPPES API 2.1) response from one source.' })
export class SyncProvidersFromNppesInput extends SyncOptionsInput {
  @Field(() => JSONScalar, {
    description:
      'The response as JSON: `{ result_count, results: [...] }`. Individual (NPI-1) results become provider records keyed by NPI (at most 1,000); organizations are skipped.',
  })
  @IsObject({ message: 'must be an NPPES API response (a JSON object with `results`)' })
  response: Record<string, unknown>;

  @Field(() => Boolean, {
    defaultValue: false,
    description:
      "Turn the results' practice-location addresses into offices (with their phones and faxes), matched to existing offices by normalized address; the providers are linked to them. When false, the addresses are left out with a warning.",
  })
  @IsBoolean()
  createOffices: boolean = false;
}

/** Fields a source may be given a priority for: the source-owned fields of providers and offices, as their descriptors list them. */
const PRIORITY_FIELDS = [...new Set([...(PROVIDER_TYPE.sync?.owned ?? []), ...(LOCATION_TYPE.sync?.owned ?? [])])] as string[];

@InputType({ description: "A source's priority for one field, over its overall priority." })
export class SyncFieldPriorityInput {
  @Field(() => String, { description: 'A source-owned field of Provider or Location ("specialties", "phone").' })
  @IsIn(PRIORITY_FIELDS, { message: `must be one of ${PRIORITY_FIELDS.join(', ')}` })
  field: string;

  @Field(() => Int, { description: 'Its priority for this field (higher wins), -1000 to 1000.' })
  @IsInt({ message: 'must be a whole number from -1000 to 1000' })
  @Min(-1000, { message: 'must be a whole number from -1000 to 1000' })
  @Max(1000, { message: 'must be a whole number from -1000 to 1000' })
  priority: number;
}

@InputType({ description: 'Settings of one sync source; omitted fields keep their value (or the default for a new source).' })
export class ConfigureSyncSourceInput {
  @Field(() => String, { description: 'The source name, as sync mutations give it.' })
  @IsString()
  @Matches(SOURCE_NAME_PATTERN, { message: SOURCE_MESSAGE })
  name: string;

  @Field(() => SyncApplyMode, {
    nullable: true,
    description: 'LIVE (default for a new source): changes go live at once; DRAFT: into drafts for an editor to publish.',
  })
  @IsOptional()
  @IsEnum(SyncApplyMode)
  applyMode?: SyncApplyMode | null;

  @Field(() => Float, {
    nullable: true,
    description: "The largest share (0 to 1) of the source's active providers one FULL run may deactivate without `force`; 0.2 for a new source.",
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number between 0 and 1' })
  @Min(0, { message: 'must be a number between 0 and 1' })
  @Max(1, { message: 'must be a number between 0 and 1' })
  maxDeactivationShare?: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Precedence among sources (0 for a new source; higher wins): this source never overwrites a field last written by a source of higher priority, and one of lower priority never overwrites its fields. Equal priorities: the last run wins.',
  })
  @IsOptional()
  @IsInt({ message: 'must be a whole number from -1000 to 1000' })
  @Min(-1000, { message: 'must be a whole number from -1000 to 1000' })
  @Max(1000, { message: 'must be a whole number from -1000 to 1000' })
  priority?: number | null;

  @Field(() => [SyncFieldPriorityInput], { nullable: true, description: 'Priorities for single fields, over `priority` (replaces the list).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SyncFieldPriorityInput)
  fieldPriorities?: SyncFieldPriorityInput[] | null;
}

@InputType({ description: 'Narrows the list of sync runs; all given criteria must hold.' })
export class SyncRunsFilter {
  @Field(() => String, { nullable: true, description: 'Only runs of this source.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  source?: string | null;

  @Field(() => SyncRunStatus, { nullable: true, description: 'Only runs that ended this way.' })
  @IsOptional()
  @IsEnum(SyncRunStatus)
  status?: SyncRunStatus | null;
}

// Sync runs have no drafts: the shared connection arguments without `stage`.
@ArgsType()
export class SyncRunsArgs extends OmitType(ConnectionArgs, ['stage'] as const, ArgsType) {
  @Field(() => SyncRunsFilter, { nullable: true, description: 'Criteria the runs must meet.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SyncRunsFilter)
  filter?: SyncRunsFilter | null;
}
