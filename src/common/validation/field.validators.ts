import { ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';

/**
 * A string of `min` to `max` characters, with one message whatever is wrong (null included),
 * for fields whose update may omit them but not null them.
 */
export const IsText = (min: number, max: number, options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isText',
      validator: {
        validate: (value) => typeof value === 'string' && value.length >= min && value.length <= max,
        defaultMessage: (args?: ValidationArguments) => (args?.value === null ? 'cannot be null' : `must be ${min} to ${max} characters`),
      },
    },
    options,
  );

/** A year from `earliest` up to the current year (a start year cannot be in the future). */
export const IsYearUpToNow = (earliest: number, options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isYearUpToNow',
      validator: {
        validate: (value) => Number.isInteger(value) && (value as number) >= earliest && (value as number) <= new Date().getUTCFullYear(),
        defaultMessage: () => `must be a year from ${earliest} to ${new Date().getUTCFullYear()}`,
      },
    },
    options,
  );
