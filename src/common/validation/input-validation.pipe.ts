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

/** Arguments up to this size are remembered once valid: page queries repeat the same few. */
const CACHEABLE_JSON_LENGTH = 1024;
const CACHE_ENTRIES = 2000;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

/**
 * Validates GraphQL arguments against their class-validator rules and reports every invalid
 * field at once, as one BAD_USER_INPUT error whose `fields` paths start at the argument name.
 * Small arguments that passed are remembered (frozen, so no resolver can change a shared one):
 * class-transformer and class-validator would otherwise be the costliest part of a cached page.
 */
@Injectable()
export class InputValidationPipe implements PipeTransform {
  private readonly validated = new Map<object, Map<string, object>>();

  async transform(value: unknown, metadata: ArgumentMetadata) {
    // GraphQL arguments arrive as 'body'; 'custom' parameters (@Parent, @Context, @CurrentActor)
    // are not client input.
    if (metadata.type === 'custom') return value;
    const nul = pathOfNulCharacter(value, metadata.data ?? '');
    // PostgreSQL text cannot hold NUL; refuse it here rather than fail in the database.
    if (nul !== null) throw AppError.badInput([{ path: nul, message: 'must not contain NUL characters' }]);
    const { metatype } = metadata;
    if (!metatype || PRIMITIVES.has(metatype) || value === null || value === undefined || typeof value !== 'object') return value;
    const json = JSON.stringify(value);
    const cacheable = json.length <= CACHEABLE_JSON_LENGTH;
    const remembered = cacheable ? this.validated.get(metatype)?.get(json) : undefined;
    if (remembered) return remembered;
    const instance = plainToInstance(metatype, value) as object;
    const errors = await validate(instance, { forbidUnknownValues: false });
    if (errors.length > 0) throw AppError.badInput(flattenValidationErrors(errors, metadata.data ?? ''));
    if (cacheable) this.remember(metatype, json, deepFreeze(instance));
    return instance;
  }

  private remember(metatype: object, json: string, instance: object): void {
    let byJson = this.validated.get(metatype);
    if (!byJson) this.validated.set(metatype, (byJson = new Map()));
    if (byJson.size >= CACHE_ENTRIES) byJson.delete(byJson.keys().next().value as string);
    byJson.set(json, instance);
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
