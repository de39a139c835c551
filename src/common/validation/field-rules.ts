import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsString, MaxLength, MinLength, ValidateBy, type ValidationOptions } from 'class-validator';
import {
  canonicalCredentials,
  canonicalIcd10Code,
  canonicalLanguageTag,
  canonicalList,
  canonicalNpi,
  canonicalPhone,
  canonicalPractitionerRole,
  canonicalTaxonomyCode,
  canonicalTimeZone,
  canonicalUsState,
  canonicalZip,
  optionalText,
  trimmedText,
} from './canonical-values';
import { PRACTITIONER_ROLE_NAMES } from './practitioner-roles';

/**
 * One rule per field, shared by every input that writes the field: the editing inputs
 * (createProvider, updateLocation…) and the provider sync's records (JSON, and FHIR and NPPES
 * through their mappers). A rule first rewrites a valid input into its canonical form
 * (canonical-values.ts), while the input object is built (class-transformer, before validation),
 * then validates that form, so the service receives and stores the canonical value and both paths
 * store the same value for the same input, or refuse it with the same message. An invalid value is
 * left as it came, so the message can name it.
 */

type Canonical = (value: string) => string | null;

/** Rewrites a string to its canonical form when it has one. */
function toCanonical(canonical: (value: string) => string | null): PropertyDecorator {
  return Transform(({ value }) => (typeof value === 'string' ? (canonical(value) ?? value) : value), { toClassOnly: true });
}

/** Rewrites each entry of a list to its canonical form and drops repeats. */
function toCanonicalList(canonical: (value: string) => string | readonly string[] | null): PropertyDecorator {
  return Transform(({ value }) => (Array.isArray(value) ? canonicalList(value, canonical) : value), { toClassOnly: true });
}

/** Valid when the value is a string already in canonical form (what a valid input has become). */
function isCanonical(name: string, canonical: Canonical, message: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    { name, validator: { validate: (value) => typeof value === 'string' && canonical(value) === value, defaultMessage: () => message } },
    options,
  );
}

function canonicalValue(name: string, canonical: Canonical, message: string): PropertyDecorator {
  return applyDecorators(toCanonical(canonical), isCanonical(name, canonical, message));
}

function canonicalValues(name: string, canonical: Canonical, message: string, maxEntries: number): PropertyDecorator {
  return applyDecorators(
    toCanonicalList(canonical),
    IsArray({ message: 'must be a list' }),
    ArrayMaxSize(maxEntries),
    isCanonical(name, canonical, message, { each: true }),
  );
}

export const NPI_MESSAGE = 'must be a valid NPI: 10 digits starting with 1 or 2, with a correct check digit';
export const TAXONOMY_MESSAGE = 'must be a NUCC taxonomy code such as 208VP0014X';
export const LANGUAGE_MESSAGE = 'must be a BCP 47 language tag such as "en" or "es-MX"';
export const CREDENTIAL_MESSAGE = 'each credential must be 1 to 20 characters ("MD", "PA-C")';
export const STATE_MESSAGE = 'must be a two-letter US state code such as KY';
export const ZIP_MESSAGE = 'must be a ZIP code (12345) or ZIP+4 (12345-6789)';
export const PHONE_MESSAGE = 'must be a valid phone number, e.g. (859) 555-0100 or +18595550100 (an extension may follow: "x123")';
export const TIME_ZONE_MESSAGE = 'must be an IANA time zone such as "America/New_York"';
export const PRACTITIONER_ROLE_MESSAGE = `must be a FHIR practitioner-role code: ${Object.keys(PRACTITIONER_ROLE_NAMES).join(', ')}`;
export const ICD10_MESSAGE = 'must be an ICD-10-CM code such as M54.50 (letter, digit, letter or digit, then optionally a dot and 1-4 characters)';

/** National Provider Identifier; surrounding spaces dropped. */
export const NpiRule = () => canonicalValue('isNpi', canonicalNpi, NPI_MESSAGE);

/** Specialties: up to 20 NUCC taxonomy codes in capitals, primary first, without repeats. */
export const SpecialtiesRule = () => canonicalValues('isNuccTaxonomyCode', canonicalTaxonomyCode, TAXONOMY_MESSAGE, 20);

/** Languages: up to 30 BCP 47 tags in Intl's canonical form, without repeats. */
export const LanguagesRule = () => canonicalValues('isLanguageTag', canonicalLanguageTag, LANGUAGE_MESSAGE, 30);

/** Practitioner roles: up to 6 codes of FHIR's practitioner-role code system in lower case, without repeats. */
export const PractitionerRolesRule = () =>
  canonicalValues('isPractitionerRole', canonicalPractitionerRole, PRACTITIONER_ROLE_MESSAGE, Object.keys(PRACTITIONER_ROLE_NAMES).length);

/** ICD-10-CM codes: up to 50, in capitals with the dot, without repeats. */
export const Icd10CodesRule = () => canonicalValues('isIcd10CmCode', canonicalIcd10Code, ICD10_MESSAGE, 50);

const singleCredential = (value: string): string | null => {
  const credentials = canonicalCredentials(value);
  return credentials.length === 1 && credentials[0] === value && value.length <= 20 ? value : null;
};

/**
 * Credentials: up to 10, each 1 to 20 characters, canonical ("M.D." → "MD", "Ph.D." → "PhD";
 * "MD, PhD" in one entry is two), without repeats.
 */
export const CredentialsRule = () =>
  applyDecorators(
    toCanonicalList((value) => {
      const credentials = canonicalCredentials(value);
      return credentials.length > 0 ? credentials : null;
    }),
    IsArray({ message: 'must be a list of credentials' }),
    ArrayMaxSize(10),
    IsString({ each: true, message: 'must be a list of credentials' }),
    isCanonical('isCredential', singleCredential, CREDENTIAL_MESSAGE, { each: true }),
  );

/** Two-letter US state, DC or territory code, in capitals. */
export const UsStateRule = () => canonicalValue('isUsState', canonicalUsState, STATE_MESSAGE);

/** ZIP or ZIP+4 with its hyphen (nine digits get one). */
export const ZipRule = () => canonicalValue('isZip', canonicalZip, ZIP_MESSAGE);

/** Phone or fax in any common form, stored E.164 with ";ext=N" when an extension is given. */
export const PhoneRule = () => canonicalValue('isPhoneNumber', canonicalPhone, PHONE_MESSAGE);

/** IANA time zone, spelled as the time zone database spells it. */
export const TimeZoneRule = () => canonicalValue('isTimeZone', canonicalTimeZone, TIME_ZONE_MESSAGE);

/** Surrounding whitespace dropped. */
export const Trimmed = () => Transform(({ value }) => (typeof value === 'string' ? trimmedText(value) : value), { toClassOnly: true });

/** Surrounding whitespace dropped; blank becomes null (none). */
export const TrimmedOrNull = () => Transform(({ value }) => (typeof value === 'string' ? optionalText(value) : value), { toClassOnly: true });

/** A name part or title that must be there: 1 to `max` characters once trimmed. */
export const RequiredTextRule = (max: number) => applyDecorators(Trimmed(), IsString(), MinLength(1, { message: 'must not be empty' }), MaxLength(max));

/** Optional text: trimmed, blank stored as null, at most `max` characters (combine with IsOptional). */
export const OptionalTextRule = (max: number) => applyDecorators(TrimmedOrNull(), IsString(), MaxLength(max));
