import { AppError } from '../../common/errors/app-error';
import { type MappedBatch } from '../sync-records';
import { nameAsWritten, suffixAsWritten } from './person-names';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A text field of the registry: "--" and blanks mean none; numbers arrive as numbers or strings. */
function field(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' || trimmed === '--' ? undefined : trimmed;
}

/**
 * Maps an NPI registry (NPPES API 2.1) response onto a sync batch. Each individual (NPI-1)
 * result is a provider record whose external id is its NPI; organizations (NPI-2) are skipped.
 * Parsed defensively: numbers may be strings, fields may be missing. The registry's addresses
 * are not synced as offices (they are self-reported mailing and practice addresses; offices
 * come from the practice's own systems or FHIR), and it has no languages. Codes and credentials
 * are passed on as the registry wrote them: the sync's field rules store their canonical forms,
 * the same as for an editor's input (only the names' capitals are the registry's own habit).
 */
export function mapNppesResponse(response: unknown): MappedBatch {
  if (!isObject(response) || !Array.isArray(response.results)) {
    const message =
      isObject(response) && Array.isArray(response.Errors) ? 'is an NPPES error response, not results' : 'must be an NPPES API response with a `results` list';
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
      return value === undefined ? undefined : nameAsWritten(value);
    };
    const taxonomies = (Array.isArray(result.taxonomies) ? result.taxonomies : []).filter(isObject);
    // The primary taxonomy first, then the others in the registry's order.
    const ordered = [
      ...taxonomies.filter((taxonomy) => taxonomy.primary === true || taxonomy.primary === 'true'),
      ...taxonomies.filter((taxonomy) => !(taxonomy.primary === true || taxonomy.primary === 'true')),
    ];
    const specialties = ordered.map((taxonomy) => field(taxonomy.code)).filter((code): code is string => Boolean(code));
    const credential = field(basic.credential);
    const status = field(basic.status);
    const record: Record<string, unknown> = {
      externalId: number,
      npi: number,
      firstName: name('first_name'),
      lastName: name('last_name'),
      middleName: name('middle_name') ?? null,
      prefix: name('name_prefix') ?? null,
      suffix: suffixAsWritten(field(basic.name_suffix) ?? '') || null,
      active: status === undefined ? true : status === 'A',
    };
    // One free-text field ("M.D., PH.D."): the sync's credentials rule splits it and stores "MD", "PhD".
    if (credential) record.credentials = [credential];
    if (specialties.length > 0) record.specialties = specialties;
    records.push(record);
    recordRefs.push(`results[${index}]`);
  });
  return { records, locations: [], recordRefs, warnings };
}
