import { readFileSync } from 'node:fs';

/**
 * The schema.org vocabulary, read from the declarations schema-dts generates from it
 * (node_modules/schema-dts/dist/schema.d.ts, pinned in package.json): every class with its
 * parents and the properties it declares with their ranges, and every enumeration with its
 * members. It is the real vocabulary, available offline; the facts /work/shared/DOMAIN.md states
 * (schema.org release 30) are checked against it in json-ld-vocabulary.spec.ts, so a pinned
 * schema-dts that drifted from them would fail there.
 */
export interface SchemaOrgVocabulary {
  /** Class name → parent class names. */
  parents: Map<string, string[]>;
  /** Class name → its own properties (not inherited) → range type names. */
  properties: Map<string, Map<string, string[]>>;
  /** Enumeration or data type name → the literal strings it accepts (enumeration members by short name and URL). */
  literals: Map<string, Set<string>>;
}

const DECLARATIONS = require.resolve('schema-dts/dist/schema.d.ts');

/** String data types: any string value is in their range. */
const STRING_TYPES = new Set(['Text', 'URL', 'Date', 'DateTime', 'Time', 'CssSelectorType', 'XPathType', 'PronounceableText']);
const NUMBER_TYPES = new Set(['Number', 'Float', 'Integer']);

let cached: SchemaOrgVocabulary | undefined;

export function schemaOrgVocabulary(): SchemaOrgVocabulary {
  if (cached) return cached;
  const parents = new Map<string, string[]>();
  const properties = new Map<string, Map<string, string[]>>();
  const literals = new Map<string, Set<string>>();
  /** Class → the Base interface its leaf extends: its own, or its parent's when it adds no property (FAQPage). */
  const leaves = new Map<string, string>();
  let current: Map<string, string[]> | null = null;
  for (const line of readFileSync(DECLARATIONS, 'utf8').split('\n')) {
    const base = /^interface (\w+)Base extends (.+) \{$/.exec(line);
    if (base) {
      parents.set(
        base[1],
        [...base[2].matchAll(/\b(\w+)Base\b/g)].map((match) => match[1]),
      );
      current = new Map();
      properties.set(base[1], current);
      continue;
    }
    if (line === '}') current = null;
    const property = /^\s+"([\w-]+)"\?: SchemaValue<(.+), "[\w-]+">;$/.exec(line);
    if (property && current)
      current.set(
        property[1],
        property[2].split(' | ').filter((name) => name !== 'IdReference'),
      );
    const leaf = /^export interface (\w+)Leaf extends (\w+)Base \{$/.exec(line);
    if (leaf) leaves.set(leaf[1], leaf[2]);
    const alias = /^export type (\w+) = (.+);$/.exec(line);
    if (alias) literals.set(alias[1], new Set([...alias[2].matchAll(/"([^"]+)"/g)].map((match) => match[1])));
  }
  // Only classes with a leaf can be a node's @type (the Base interfaces of data types cannot).
  for (const name of [...parents.keys()]) if (!leaves.has(name)) parents.delete(name);
  for (const [name, base] of leaves) if (name !== base) parents.set(name, [base]);
  cached = { parents, properties, literals };
  return cached;
}

/** A class and all its ancestors. */
export function ancestorsOf(vocabulary: SchemaOrgVocabulary, type: string): Set<string> {
  const found = new Set<string>();
  const visit = (name: string) => {
    if (found.has(name)) return;
    found.add(name);
    for (const parent of vocabulary.parents.get(name) ?? []) visit(parent);
  };
  visit(type);
  return found;
}

/** The range of `property` on `type` (declared on it or inherited), or undefined when it is not in the type's domain. */
export function rangeOf(vocabulary: SchemaOrgVocabulary, type: string, property: string): string[] | undefined {
  for (const name of ancestorsOf(vocabulary, type)) {
    const range = vocabulary.properties.get(name)?.get(property);
    if (range) return range;
  }
  return undefined;
}

function literalFits(vocabulary: SchemaOrgVocabulary, range: readonly string[], value: string | number | boolean): boolean {
  if (typeof value === 'boolean') return range.includes('Boolean');
  if (typeof value === 'number') return range.some((name) => NUMBER_TYPES.has(name));
  return range.some((name) => STRING_TYPES.has(name) || vocabulary.literals.get(name)?.has(value));
}

/**
 * Every violation of the vocabulary in a JSON-LD document: an unknown @type, a property outside
 * its type's domain (inherited properties count), a node or literal outside a property's range.
 * An empty list means the document uses the vocabulary correctly.
 */
export function vocabularyViolations(document: unknown, vocabulary: SchemaOrgVocabulary = schemaOrgVocabulary()): string[] {
  const violations: string[] = [];
  const check = (value: unknown, range: readonly string[] | null, path: string): void => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => check(item, range, `${path}[${index}]`));
      return;
    }
    if (value === null || typeof value !== 'object') {
      if (range && !literalFits(vocabulary, range, value as string | number | boolean))
        violations.push(`${path}: ${JSON.stringify(value)} is not in the range ${range.join(' | ')}`);
      return;
    }
    const node = value as Record<string, unknown>;
    if ('@graph' in node) {
      check(node['@graph'], null, `${path}.@graph`);
      return;
    }
    const type = node['@type'];
    if (type === undefined) {
      // A reference to a node described elsewhere.
      if (Object.keys(node).some((key) => key !== '@id')) violations.push(`${path}: a node without @type may only hold @id`);
      return;
    }
    if (typeof type !== 'string' || !vocabulary.parents.has(type)) {
      violations.push(`${path}: @type ${JSON.stringify(type)} is not a schema.org class`);
      return;
    }
    const ancestors = ancestorsOf(vocabulary, type);
    if (range && !range.some((name) => ancestors.has(name))) violations.push(`${path}: a ${type} is not in the range ${range.join(' | ')}`);
    for (const [key, child] of Object.entries(node)) {
      if (key.startsWith('@')) continue;
      const childRange = rangeOf(vocabulary, type, key);
      if (!childRange) violations.push(`${path}.${key}: not a property of ${type}`);
      else check(child, childRange, `${path}.${key}`);
    }
  };
  check(document, null, '$');
  return violations;
}

/** The @types a JSON-LD document uses, for tests that name what they covered. */
export function typesUsedIn(document: unknown): Set<string> {
  const types = new Set<string>();
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const type = (value as Record<string, unknown>)['@type'];
      if (typeof type === 'string') types.add(type);
      Object.values(value).forEach(visit);
    }
  };
  visit(document);
  return types;
}
