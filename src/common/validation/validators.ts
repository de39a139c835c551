import { Transform } from 'class-transformer';
import { ValidateBy, ValidationOptions } from 'class-validator';
import { normalizePhone } from '../phone';
import { SLUG_PATTERN, SLUG_MAX_LENGTH } from '../slugs/slugify';
import { ICD10_CM_PATTERN, isHttpUrl, isValidLanguageTag, isValidNpi, isValidTimeZone } from './identifiers';
import { NUCC_TAXONOMY_PATTERN } from './nucc-taxonomy';
import { US_STATE_PATTERN, ZIP_PATTERN } from './us-address';

/** Builds a property validator whose message names what was expected. */
function rule(name: string, test: (value: unknown) => boolean, message: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name, validator: { validate: (value) => test(value), defaultMessage: () => message } }, options);
}

const isString = (value: unknown): value is string => typeof value === 'string';

export const IsSlug = (options?: ValidationOptions) =>
  rule('isSlug', (v) => isString(v) && v.length <= SLUG_MAX_LENGTH && SLUG_PATTERN.test(v), 'must be a slug: lowercase letters, digits and single hyphens (e.g. "back-pain")', options);

export const IsNpi = (options?: ValidationOptions) =>
  rule('isNpi', (v) => isString(v) && isValidNpi(v), 'must be a valid NPI: 10 digits starting with 1 or 2, with a correct check digit', options);

export const IsIcd10CmCode = (options?: ValidationOptions) =>
  rule('isIcd10CmCode', (v) => isString(v) && ICD10_CM_PATTERN.test(v), 'must be an ICD-10-CM code such as M54.50 (letter, digit, letter or digit, then optionally a dot and 1-4 characters)', options);

export const IsNuccTaxonomyCode = (options?: ValidationOptions) =>
  rule('isNuccTaxonomyCode', (v) => isString(v) && NUCC_TAXONOMY_PATTERN.test(v), 'must be a NUCC taxonomy code such as 208VP0014X', options);

export const IsLanguageTag = (options?: ValidationOptions) =>
  rule('isLanguageTag', (v) => isString(v) && isValidLanguageTag(v), 'must be a BCP 47 language tag such as "en" or "es-MX"', options);

export const IsTimeZone = (options?: ValidationOptions) =>
  rule('isTimeZone', (v) => isString(v) && isValidTimeZone(v), 'must be an IANA time zone such as "America/New_York"', options);

export const IsHttpUrl = (options?: ValidationOptions) =>
  rule('isHttpUrl', (v) => isString(v) && v.length <= 2000 && isHttpUrl(v), 'must be an absolute http or https URL', options);

export const IsUsState = (options?: ValidationOptions) =>
  rule('isUsState', (v) => isString(v) && US_STATE_PATTERN.test(v), 'must be a two-letter US state code such as KY', options);

export const IsZip = (options?: ValidationOptions) =>
  rule('isZip', (v) => isString(v) && ZIP_PATTERN.test(v), 'must be a ZIP code (12345) or ZIP+4 (12345-6789)', options);

/**
 * A phone number in any common US form. The value is normalized to E.164 before validation,
 * so a valid input arrives in the service as "+18595550100"; an invalid one keeps its text and fails.
 */
export function IsPhoneNumber(options?: ValidationOptions): PropertyDecorator {
  const normalize = Transform(({ value }) => (typeof value === 'string' ? (normalizePhone(value) ?? value) : value));
  const validate = rule('isPhoneNumber', (v) => isString(v) && /^\+[1-9][0-9]{6,14}$/.test(v), 'must be a valid phone number, e.g. (859) 555-0100 or +18595550100', options);
  return (target, property) => {
    normalize(target, property);
    validate(target, property);
  };
}
