import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { AppError } from '../errors/app-error';
import { flattenValidationErrors } from '../errors/format-graphql-error';

const PRIMITIVES = new Set<unknown>([String, Boolean, Number, Array, Object]);

/**
 * Validates GraphQL arguments against their class-validator rules and reports every invalid
 * field at once, as one BAD_USER_INPUT error whose `fields` paths start at the argument name.
 */
@Injectable()
export class InputValidationPipe implements PipeTransform {
  async transform(value: unknown, metadata: ArgumentMetadata) {
    const { metatype } = metadata;
    if (!metatype || PRIMITIVES.has(metatype) || value === null || value === undefined || typeof value !== 'object') return value;
    const instance = plainToInstance(metatype, value);
    const errors = await validate(instance as object, { forbidUnknownValues: false });
    if (errors.length > 0) throw AppError.badInput(flattenValidationErrors(errors, metadata.data ?? ''));
    return instance;
  }
}

/**
 * Validates an argument as `metatype` when TypeScript cannot tell its class (arguments of
 * resolvers built by a factory are typed `Object` at run time).
 */
export class ValidateAs implements PipeTransform {
  private readonly pipe = new InputValidationPipe();

  constructor(private readonly metatype: new () => object) {}

  transform(value: unknown, metadata: ArgumentMetadata) {
    return this.pipe.transform(value, { ...metadata, metatype: this.metatype });
  }
}
