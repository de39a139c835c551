import { Field, InputType, Int, PartialType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsEmail, IsEnum, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { changeRequestFrom } from '../content/change-request';
import { DocumentRefInput, PageFieldsInput, WithDocumentVersion, pickFields } from '../content/editorial.inputs';
import { ChangeRequest } from '../content/editorial.types';
import { IsHttpUrl } from '../common/validation/validators';
import {
  CredentialsRule,
  LanguagesRule,
  NpiRule,
  OptionalTextRule,
  PhoneRule,
  PractitionerRolesRule,
  RequiredTextRule,
  SpecialtiesRule,
  UsStateRule,
} from '../common/validation/field-rules';
import { IsYearUpToNow } from '../common/validation/field.validators';
import { EducationEntry, ProviderLicense } from './provider.entity';
import { EducationKind } from './provider.model';
import { PROVIDER_LOCATIONS, PROVIDER_TYPE } from './provider.descriptor';

const MARKDOWN_LIMIT = 100_000;
const EARLIEST_YEAR = 1900;

/** FHIR administrative gender codes. */
const GENDERS = ['male', 'female', 'other', 'unknown'];

@InputType({ description: 'A license to practice.' })
export class LicenseInput {
  @Field(() => String, { description: 'The license number (1 to 50 characters).' })
  @RequiredTextRule(50)
  number: string;

  @Field(() => String, { nullable: true, description: 'The two-letter state that issued it ("KY").' })
  @IsOptional()
  @UsStateRule()
  state?: string | null;

  @Field(() => String, { nullable: true, description: 'The issuing board (up to 200 characters).' })
  @IsOptional()
  @OptionalTextRule(200)
  issuer?: string | null;
}

@InputType({ description: "One stage of a provider's education or training." })
export class EducationInput {
  @Field(() => EducationKind, { description: 'Which stage of training.' })
  @IsEnum(EducationKind, { message: `must be one of ${Object.values(EducationKind).join(', ')}` })
  kind: EducationKind;

  @Field(() => String, { description: 'School, hospital or program (1 to 200 characters).' })
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200)
  institution: string;

  @Field(() => String, { nullable: true, description: 'Degree earned ("MD"), up to 100 characters.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  degree?: string | null;

  @Field(() => String, { nullable: true, description: 'Field or specialty of the program ("Anesthesiology"), up to 200 characters.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  field?: string | null;

  @Field(() => Int, { nullable: true, description: 'Year completed, 1900 to 2100.' })
  @IsOptional()
  @IsInt({ message: 'must be a whole year' })
  @Min(EARLIEST_YEAR, { message: 'must be between 1900 and 2100' })
  @Max(2100, { message: 'must be between 1900 and 2100' })
  graduationYear?: number | null;
}

@InputType({ description: 'A new provider.' })
export class CreateProviderInput extends PageFieldsInput {
  @Field(() => String, { description: 'Given name (1 to 100 characters; surrounding spaces are dropped).' })
  @RequiredTextRule(100)
  firstName: string;

  @Field(() => String, { description: 'Family name (1 to 100 characters; surrounding spaces are dropped).' })
  @RequiredTextRule(100)
  lastName: string;

  @Field(() => String, { nullable: true, description: 'Name prefix ("Dr."), up to 100 characters; blank means none.' })
  @IsOptional()
  @OptionalTextRule(100)
  prefix?: string | null;

  @Field(() => String, { nullable: true, description: 'Middle name or initial, up to 100 characters; blank means none.' })
  @IsOptional()
  @OptionalTextRule(100)
  middleName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Generational suffix ("Jr.", "III"), up to 20 characters; blank means none; credentials go in `credentials`.',
  })
  @IsOptional()
  @OptionalTextRule(20)
  suffix?: string | null;

  @Field(() => [String], {
    nullable: true,
    description:
      'Degrees and credentials in display order, up to 10 of 1 to 20 characters (replaces the list). Stored canonical: periods dropped, capitals except the usual mixed-case degrees ("M.D." → "MD", "ph.d." → "PhD", "pa-c" → "PA-C"); "MD, PhD" in one entry is two; repeats dropped.',
  })
  @IsOptional()
  @CredentialsRule()
  credentials?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Name to show instead of the one built from the parts, up to 200 characters.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  displayNameOverride?: string | null;

  @Field(() => String, { nullable: true, description: 'Role at the practice ("Medical Director"), up to 200 characters.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'National Provider Identifier: 10 digits with a valid check digit; no two providers may share one.' })
  @IsOptional()
  @NpiRule()
  npi?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Specialties as up to 20 NUCC taxonomy codes ("208VP0014X"), the primary first (replaces the list); stored in capitals, repeats dropped.',
  })
  @IsOptional()
  @SpecialtiesRule()
  specialties?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description:
      "What the provider does here, as codes of FHIR's practitioner-role code system (http://terminology.hl7.org/CodeSystem/practitioner-role): doctor, nurse, pharmacist, researcher, teacher or ict (replaces the list); stored in lower case, repeats dropped.",
  })
  @IsOptional()
  @PractitionerRolesRule()
  roles?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Board certifications ("American Board of Anesthesiology"), up to 200 characters each (replaces the list).',
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsString({ each: true, message: 'must be a list of certifications' })
  @MinLength(1, { each: true, message: 'each certification must be 1 to 200 characters' })
  @MaxLength(200, { each: true, message: 'each certification must be 1 to 200 characters' })
  boardCertifications?: string[] | null;

  @Field(() => [LicenseInput], { nullable: true, description: 'Licenses to practice (replaces the list).' })
  @IsOptional()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => LicenseInput)
  licenses?: LicenseInput[] | null;

  @Field(() => String, { nullable: true, description: 'Administrative gender as FHIR codes it: male, female, other or unknown.' })
  @IsOptional()
  @IsIn(GENDERS, { message: `must be one of ${GENDERS.join(', ')}` })
  gender?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Direct phone line in any common US form, with an extension if any ("(859) 555-0100 x123"); stored in E.164, the extension as ";ext=123".',
  })
  @IsOptional()
  @PhoneRule()
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'Contact email of the provider.' })
  @IsOptional()
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email?: string | null;

  @Field(() => String, { nullable: true, description: "The provider's own web page (an absolute http or https URL, up to 2,000 characters)." })
  @IsOptional()
  @IsHttpUrl()
  website?: string | null;

  @Field(() => [EducationInput], { nullable: true, description: 'Education and training (replaces the list).' })
  @IsOptional()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => EducationInput)
  education?: EducationInput[] | null;

  @Field(() => Int, { nullable: true, description: 'Year the provider began practicing, 1900 to the current year; years of experience are derived from it.' })
  @IsOptional()
  @IsYearUpToNow(EARLIEST_YEAR)
  practiceStartYear?: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Years of experience as the practice states them when it gives no start year: 20 for "more than 20 years" (0 to 80). Never turned into a start year.',
  })
  @IsOptional()
  @IsInt({ message: 'must be a whole number of years' })
  @Min(0, { message: 'must be from 0 to 80' })
  @Max(80, { message: 'must be from 0 to 80' })
  experienceMinimumYears?: number | null;

  @Field(() => [String], {
    nullable: true,
    description:
      'Languages spoken with patients, as up to 30 BCP 47 tags ("en", "es", "zh-Hans") (replaces the list); stored canonical ("EN" → "en", "zh-hans" → "zh-Hans"), repeats dropped.',
  })
  @IsOptional()
  @LanguagesRule()
  languages?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Biography, in Markdown.' })
  @IsOptional()
  @IsString()
  @MaxLength(MARKDOWN_LIMIT)
  bio?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the provider is accepting new patients (true when omitted at creation).' })
  @IsOptional()
  @IsBoolean()
  acceptingNewPatients?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Where patients book with this provider (http or https).' })
  @IsOptional()
  @IsHttpUrl()
  bookingUrl?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the provider currently practices here (true when omitted at creation).' })
  @IsOptional()
  @IsBoolean()
  active?: boolean | null;

  @Field(() => [DocumentRefInput], { nullable: true, description: 'Offices where the provider sees patients, in order (replaces the list).' })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => DocumentRefInput)
  locations?: DocumentRefInput[] | null;

  @Field(() => DocumentRefInput, {
    nullable: true,
    description: 'The main office: one of `locations` (the current ones when `locations` is omitted). Defaults to the first location.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => DocumentRefInput)
  primaryLocation?: DocumentRefInput | null;
}

@InputType({ description: 'Changes to a provider; omitted fields keep their value.' })
export class UpdateProviderInput extends WithDocumentVersion(PartialType(CreateProviderInput, { omitDefaultValues: true })) {}

export function providerChange(input: Partial<CreateProviderInput>, path: string): ChangeRequest {
  const fields = pickFields(input, [
    'prefix',
    'firstName',
    'middleName',
    'lastName',
    'suffix',
    'credentials',
    'displayNameOverride',
    'title',
    'npi',
    'specialties',
    'roles',
    'boardCertifications',
    'gender',
    'phone',
    'email',
    'website',
    'practiceStartYear',
    'experienceMinimumYears',
    'languages',
    'bio',
    'acceptingNewPatients',
    'bookingUrl',
    'active',
  ]);
  for (const list of ['credentials', 'specialties', 'roles', 'boardCertifications', 'languages']) if (fields[list] === null) fields[list] = [];
  if (fields.bio === null) fields.bio = '';
  if (input.licenses !== undefined)
    fields.licenses = (input.licenses ?? []).map(({ number, state, issuer }): ProviderLicense => ({ number, state: state ?? null, issuer: issuer ?? null }));
  if (input.education !== undefined) {
    fields.education = (input.education ?? []).map(({ kind, institution, degree, field, graduationYear }): EducationEntry => ({
      kind,
      institution,
      degree: degree ?? null,
      field: field ?? null,
      graduationYear: graduationYear ?? null,
    }));
  }
  return changeRequestFrom(PROVIDER_TYPE, input, path, fields, { [PROVIDER_LOCATIONS.name]: input.primaryLocation });
}
