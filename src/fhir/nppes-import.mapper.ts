import { AppError } from '../common/errors/app-error';
import { MappedBatch } from '../sync/sync-records';

/** Credentials whose usual spelling is not all capitals once the periods are gone. */
const MIXED_CASE_CREDENTIALS: Record<string, string> = { PHD: 'PhD', PHARMD: 'PharmD', DRPH: 'DrPH', EDD: 'EdD', PSYD: 'PsyD', MSC: 'MSc' };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A text field of the registry: "--" and blanks mean none; numbers arrive as numbers or strings. */
function field(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' || trimmed === '--' ? undefined : trimmed;
}

/**
 * Names in the registry are in capitals ("MARY-ANN O'CONNOR"): each word, and each part after a
 * hyphen or apostrophe, gets a capital first letter. Names already in mixed case are kept.
 */
export function titleCaseName(value: string): string {
  if (value !== value.toUpperCase()) return value;
  return value.toLowerCase().replace(/(^|[\s\-'’])(\p{L})/gu, (_match, separator: string, letter: string) => `${separator}${letter.toUpperCase()}`);
}

/** "JR." → "Jr.", "III" stays: roman numerals are capitals. */
function suffixOf(value: string | undefined): string | null {
  if (!value) return null;
  return /^[IVX]+\.?$/i.test(value) ? value.toUpperCase() : titleCaseName(value);
}

/** "M.D." → "MD", "ph.d." → "PhD", "PA-C" stays; several may come in one field ("M.D., PH.D."). */
export function normalizeCredentials(value: string): string[] {
  // "MD FACP" is two credentials; "M. D." is one written with spaces.
  const credentials = value
    .split(/[,;/]+/)
    .flatMap((part) => {
      const tokens = part.replace(/\./g, ' ').trim().split(/\s+/).filter(Boolean);
      return tokens.every((token) => token.length > 1) ? tokens : [tokens.join('')];
    })
    .filter(Boolean)
    .map((part) => MIXED_CASE_CREDENTIALS[part.toUpperCase()] ?? part.toUpperCase());
  return [...new Set(credentials)];
}

/**
 * Maps an NPI registry (NPPES API 2.1) response onto a sync batch. Each individual (NPI-1)
 * result is a provider record whose external id is its NPI; organizations (NPI-2) are skipped.
 * Parsed defensively: numbers may be strings, fields may be missing. The registry's addresses
 * are not synced as offices (they are self-reported mailing and practice addresses; offices
 * come from the practice's own systems or FHIR), and it has no languages.
 */
export function mapNppesResponse(response: unknown): MappedBatch {
  if (!isObject(response) || !Array.isArray(response.results)) {
    const message = isObject(response) && Array.isArray(response.Errors) ? 'is an NPPES error response, not results' : 'must be an NPPES API response with a `results` list';
    throw AppError.badInput([{ path: 'input.response', message }]);
  }
  const warnings: string[] = [];
  const records: unknown[] = [];
  const recordRefs: string[] = [];
  response.results.forEach((result: unknown, index: number) => {
    if (!isObject(result)) {
      warnings.push(`results[${index}] is not an object; skipped`);
      return;
    }
    const basic = isObject(result.basic) ? result.basic : {};
    const type = field(result.enumeration_type);
    if (type === 'NPI-2' || (!type && field(basic.organization_name))) {
      warnings.push(`results[${index}] (NPI ${field(result.number) ?? '?'}) is an organization; skipped`);
      return;
    }
    const number = field(result.number);
    const name = (key: string) => {
      const value = field(basic[key]);
      return value === undefined ? undefined : titleCaseName(value);
    };
    const taxonomies = (Array.isArray(result.taxonomies) ? result.taxonomies : []).filter(isObject);
    // The primary taxonomy first, then the others in the registry's order.
    const ordered = [...taxonomies.filter((taxonomy) => taxonomy.primary === true || taxonomy.primary === 'true'), ...taxonomies.filter((taxonomy) => !(taxonomy.primary === true || taxonomy.primary === 'true'))];
    const specialties = [...new Set(ordered.map((taxonomy) => field(taxonomy.code)?.toUpperCase()).filter((code): code is string => Boolean(code)))];
    const credential = field(basic.credential);
    const status = field(basic.status);
    const record: Record<string, unknown> = {
      externalId: number,
      npi: number,
      firstName: name('first_name'),
      lastName: name('last_name'),
      middleName: name('middle_name') ?? null,
      prefix: name('name_prefix') ?? null,
      suffix: suffixOf(field(basic.name_suffix)),
      active: status === undefined ? true : status === 'A',
    };
    if (credential) record.credentials = normalizeCredentials(credential);
    if (specialties.length > 0) record.specialties = specialties;
    records.push(record);
    recordRefs.push(`results[${index}]`);
  });
  return { records, locations: [], recordRefs, warnings };
}
