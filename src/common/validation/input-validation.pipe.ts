import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { AppError } from '../errors/app-error';
import { flattenValidationErrors } from '../errors/format-graphql-error';

const PRIMITIVES = new Set<unknown>([String, Boolean, Number, Array, Object]);

/**
 * The path of the first string holding a NUL character in GraphQL argument values, or null.
 * Only plain data is walked (argument objects have a null or Object prototype); the context,
 * parents and other class instances are not arguments.
 */
function pathOfNulCharacter(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (depth > 20 || !value || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = pathOfNulCharacter(value[index], `${path}[${index}]`, depth + 1);
      if (found !== null) return found;
    }
    return null;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== null && prototype !== Object.prototype) return null;
  for (const [key, item] of Object.entries(value)) {
    const found = pathOfNulCharacter(item, path ? `${path}.${key}` : key, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/**
 * Validates GraphQL arguments against their class-validator rules and reports every invalid
 * field at once, as one BAD_USER_INPUT error whose `fields` paths start at the argument name.
 */
@Injectable()
export class InputValidationPipe implements PipeTransform {
  async transform(value: unknown, metadata: ArgumentMetadata) {
    // GraphQL arguments arrive as 'body'. 'custom' parameters (@Parent, @Context, @CurrentActor)
    // are not client input: a parent rebuilt by plainToInstance would lose what is not a plain
    // property, such as the draft-view mark that makes its relations read the draft.
    if (metadata.type === 'custom') return value;
    const nul = pathOfNulCharacter(value, metadata.data ?? '');
    // PostgreSQL text cannot hold NUL; refuse it here rather than fail in the database.
    if (nul !== null) throw AppError.badInput([{ path: nul, message: 'must not contain NUL characters' }]);
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
