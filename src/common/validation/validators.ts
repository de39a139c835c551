import { ValidateBy, type ValidationOptions } from 'class-validator';
import { SLUG_PATTERN, SLUG_MAX_LENGTH } from '../slugify';
import { isHttpUrl } from './identifiers';
import { PhoneRule } from './field-rules';

/** Builds a property validator whose message names what was expected. */
function rule(name: string, test: (value: unknown) => boolean, message: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name, validator: { validate: (value) => test(value), defaultMessage: () => message } }, options);
}

const isString = (value: unknown): value is string => typeof value === 'string';

export const IsSlug = (options?: ValidationOptions) =>
  rule(
    'isSlug',
    (v) => isString(v) && v.length <= SLUG_MAX_LENGTH && SLUG_PATTERN.test(v),
    'must be a slug: lowercase letters, digits and single hyphens (e.g. "back-pain")',
    options,
  );

export const IsHttpUrl = (options?: ValidationOptions) =>
  rule('isHttpUrl', (v) => isString(v) && v.length <= 2000 && isHttpUrl(v), 'must be an absolute http or https URL', options);

/**
 * A phone number in any common US form, stored E.164 (with ";ext=N" for an extension): the same
 * rule as offices' phones (field-rules.ts), for the other inputs that take one (the practice's).
 */
export const IsPhoneNumber = PhoneRule;

/** A calendar date "YYYY-MM-DD" that exists (no February 30th). */
export function isLocalDate(value: unknown): value is string {
  if (!isString(value) || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export const IsLocalDate = (options?: ValidationOptions) => rule('isLocalDate', isLocalDate, 'must be a date "YYYY-MM-DD"', options);
