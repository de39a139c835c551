import { PRACTITIONER_ROLE_NAMES } from './practitioner-roles';
import { normalizePhone } from '../phone';
import { ICD10_CM_PATTERN, isValidNpi } from './identifiers';
import { NUCC_TAXONOMY_PATTERN } from './nucc-taxonomy';
import { US_STATE_PATTERN, ZIP_PATTERN } from './us-address';

/**
 * The one canonical form of each field that editors and the provider sync both write. Each
 * function takes what a person or a source may send and returns the value to store, or null when
 * the input is not a value of the field at all. They are idempotent (a stored value maps to
 * itself), so "is this valid?" is "does it map to itself?". The field rules (field-rules.ts) apply
 * them to every input class; nothing else rewrites these fields. docs/decisions.md lists the forms.
 */

const MEMO_LIMIT = 5000;

/**
 * Remembers a pure function's results: a sync batch repeats the same few languages and
 * credentials, and each value is read twice (rewritten, then validated); parsing a phone number or
 * asking Intl is the costly part of checking a record.
 */
function remembered<T>(canonical: (value: string) => T): (value: string) => T {
  const results = new Map<string, T>();
  return (value) => {
    if (results.has(value)) return results.get(value) as T;
    const result = canonical(value);
    if (results.size >= MEMO_LIMIT) results.delete(results.keys().next().value as string);
    results.set(value, result);
    return result;
  };
}

/** NPI: the ten digits, without surrounding spaces; the check digit must hold. */
export function canonicalNpi(value: string): string | null {
  const trimmed = value.trim();
  return isValidNpi(trimmed) ? trimmed : null;
}

/** NUCC taxonomy code in capitals: "208vp0014x" → "208VP0014X". */
export function canonicalTaxonomyCode(value: string): string | null {
  const code = value.trim().toUpperCase();
  return NUCC_TAXONOMY_PATTERN.test(code) ? code : null;
}

/** A practitioner-role code in the code system's spelling ("Doctor" → "doctor"); null for a code it does not have. */
export function canonicalPractitionerRole(value: string): string | null {
  const code = value.trim().toLowerCase();
  return Object.hasOwn(PRACTITIONER_ROLE_NAMES, code) ? code : null;
}

/** BCP 47 language tag as Intl canonicalizes it: "EN" → "en", "zh-hans" → "zh-Hans", "en-us" → "en-US". */
export const canonicalLanguageTag = remembered((value: string): string | null => {
  const tag = value.trim();
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(tag)) return null;
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
});

/** Credentials whose usual spelling is not all capitals once the periods are gone. */
const MIXED_CASE_CREDENTIALS: Record<string, string> = {
  PHD: 'PhD',
  PHARMD: 'PharmD',
  DRPH: 'DrPH',
  EDD: 'EdD',
  PSYD: 'PsyD',
  MSC: 'MSc',
  BSC: 'BSc',
  DSC: 'DSc',
  SCD: 'ScD',
  DMSC: 'DMSc',
  MBCHB: 'MBChB',
  MED: 'MEd',
  MPHIL: 'MPhil',
  DPHIL: 'DPhil',
};

const canonicalCredential = (token: string): string => MIXED_CASE_CREDENTIALS[token.toUpperCase()] ?? token.toUpperCase();

/** "FACP", "PA-C", "PhD": a token written the way credentials are, so "MD FACP" is two of them. */
const looksLikeCredential = (token: string): boolean =>
  /^[A-Za-z0-9][A-Za-z0-9-]*$/.test(token) && (token === token.toUpperCase() || MIXED_CASE_CREDENTIALS[token.toUpperCase()] === token);

/**
 * The credentials written in one entry, canonical: periods dropped, capitals except the usual
 * mixed-case degrees, lists split. "M.D." → ["MD"], "ph.d." → ["PhD"], "pa-c" → ["PA-C"],
 * "M.D., PH.D." → ["MD", "PhD"], "MD FACP" → ["MD", "FACP"], "M. D." → ["MD"]. Words that are
 * not written as credentials ("Board Certified") stay one entry as written. An entry with no
 * credential in it ("", ".") gives an empty list.
 */
export const canonicalCredentials = remembered((value: string): readonly string[] => {
  const credentials = value.split(/[,;/]+/).flatMap((part): string[] => {
    const tokens = part.replace(/\./g, '').trim().split(/\s+/).filter(Boolean);
    if (tokens.length <= 1) return tokens.map(canonicalCredential);
    // "M. D." is one credential written with spaces.
    if (tokens.some((token) => token.length === 1)) return [canonicalCredential(tokens.join(''))];
    if (tokens.every(looksLikeCredential)) return tokens.map(canonicalCredential);
    return [tokens.join(' ')];
  });
  return Object.freeze([...new Set(credentials)]);
});

/** A two-letter state, DC or territory code in capitals: "ky" → "KY". */
export function canonicalUsState(value: string): string | null {
  const code = value.trim().toUpperCase();
  return US_STATE_PATTERN.test(code) ? code : null;
}

/** ZIP or ZIP+4 with its hyphen: "40503", "40503-1234"; nine digits (NPPES, many EHRs) get the hyphen. */
export function canonicalZip(value: string): string | null {
  const zip = value.trim();
  if (ZIP_PATTERN.test(zip)) return zip;
  return /^\d{9}$/.test(zip) ? `${zip.slice(0, 5)}-${zip.slice(5)}` : null;
}

/** Phone or fax: E.164, with ";ext=123" when an extension is given ("(859) 555-0100 x123" → "+18595550100;ext=123"). */
export const canonicalPhone = remembered((value: string): string | null => normalizePhone(value));

/**
 * ICD-10-CM code in capitals with its dot: "m54.50" → "M54.50"; the claims form without the dot
 * ("M5450") gets it back after the third character. The format only: whether the code exists
 * depends on the yearly code file.
 */
export function canonicalIcd10Code(value: string): string | null {
  let code = value.trim().toUpperCase();
  if (/^[A-Z][0-9][0-9A-Z][0-9A-Z]{1,4}$/.test(code)) code = `${code.slice(0, 3)}.${code.slice(3)}`;
  return ICD10_CM_PATTERN.test(code) ? code : null;
}

let zoneSegments: Map<string, string> | undefined;

/** How the runtime's IANA zone names spell each part ("kentucky" → "Kentucky", "port_of_spain" → "Port_of_Spain"). */
function zoneSegmentSpellings(): Map<string, string> {
  if (!zoneSegments) {
    zoneSegments = new Map();
    for (const zone of Intl.supportedValuesOf('timeZone')) for (const segment of zone.split('/')) zoneSegments.set(segment.toLowerCase(), segment);
  }
  return zoneSegments;
}

/**
 * An IANA time zone, spelled as the time zone database spells it: "america/new_york" →
 * "America/New_York", "america/kentucky/louisville" → "America/Kentucky/Louisville" (the name
 * given is kept, only its case is fixed). An old alias whose parts no current zone uses resolves
 * to the zone it stands for ("US/Eastern" → "America/New_York"). Only Area/Location names and
 * "UTC" are time zones here: abbreviations ("EST", "Eastern") and offsets ("GMT+5") are refused,
 * since "EST" means a fixed UTC-5 without daylight saving, not what an editor in Kentucky meant.
 */
export const canonicalTimeZone = remembered((value: string): string | null => {
  const name = value.trim();
  if (name.toUpperCase() === 'UTC') return 'UTC';
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+$/.test(name)) return null;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
  if (resolved.toLowerCase() === name.toLowerCase()) return resolved;
  const spellings = zoneSegmentSpellings();
  const segments = name.split('/').map((segment) => spellings.get(segment.toLowerCase()));
  return segments.every((segment): segment is string => segment !== undefined) ? segments.join('/') : resolved;
});

/** Text without surrounding whitespace. */
export function trimmedText(value: string): string {
  return value.trim();
}

/** Optional text without surrounding whitespace; blank means none (null). */
export function optionalText(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * A list in canonical form: each entry canonical, repeats dropped, the order kept. An entry that
 * is not valid stays as it came, so validation names it; `canonical` may split one entry into
 * several (credentials).
 */
export function canonicalList(values: readonly unknown[], canonical: (value: string) => string | readonly string[] | null): unknown[] {
  const result: unknown[] = [];
  const seen = new Set<string>();
  for (const value of values) {
    const mapped = typeof value === 'string' ? canonical(value) : null;
    const entries: readonly string[] = mapped === null ? [] : typeof mapped === 'string' ? [mapped] : mapped;
    if (entries.length === 0) {
      result.push(value);
      continue;
    }
    for (const entry of entries) {
      if (seen.has(entry)) continue;
      seen.add(entry);
      result.push(entry);
    }
  }
  return result;
}
