import { AppError } from '../../common/errors/app-error';
import { type MappedBatch } from '../sync-records';
import { officeAddressKey } from '../office-address';
import { nameAsWritten, suffixAsWritten } from './person-names';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A text field of the registry: "--" and blanks mean none; numbers arrive as numbers or strings. */
function field(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' || trimmed === '--' ? undefined : trimmed;
}

const GENDERS: Record<string, string> = { M: 'male', F: 'female', X: 'other', U: 'unknown' };

/** What the caller asks of the registry's addresses. */
export interface NppesOptions {
  /** Practice-location addresses become offices (matched to existing ones by address). */
  createOffices?: boolean;
}

/** Words of an address in capitals as people write them ("1200 EXAMPLE PKWY" → "1200 Example Pkwy"); "PO" and the like stay. */
function addressText(value: string): string {
  return value === value.toUpperCase()
    ? value.replace(/[A-Z][A-Z']*/g, (word) => (word.length <= 2 && /^(PO|NE|NW|SE|SW|N|S|E|W)$/.test(word) ? word : nameAsWritten(word)))
    : value;
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
export function mapNppesResponse(response: unknown, options: NppesOptions = {}): MappedBatch {
  if (!isObject(response) || !Array.isArray(response.results)) {
    const message =
      isObject(response) && Array.isArray(response.Errors) ? 'is an NPPES error response, not results' : 'must be an NPPES API response with a `results` list';
    throw AppError.badInput([{ path: 'input.response', message }]);
  }
  const warnings: string[] = [];
  const records: unknown[] = [];
  const recordRefs: string[] = [];
  const locations = new Map<string, Record<string, unknown>>();
  const locationRefs: string[] = [];
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
    const gender = GENDERS[(field(basic.gender) ?? field(basic.sex) ?? '').toUpperCase()];
    if (gender) record.gender = gender;
    // Licenses come with the taxonomies: number and state, without the board's name.
    const licenses = new Map<string, { number: string; state: string | null }>();
    for (const taxonomy of taxonomies) {
      const number = field(taxonomy.license);
      if (number) licenses.set(`${number}|${field(taxonomy.state) ?? ''}`, { number, state: field(taxonomy.state) ?? null });
    }
    if (licenses.size > 0) record.licenses = [...licenses.values()];
    const others = (Array.isArray(result.identifiers) ? result.identifiers : []).filter(isObject);
    if (others.length > 0)
      warnings.push(
        `results[${index}] (NPI ${number ?? '?'}): ${others.length} other identifier(s) not kept (${others.map((other) => [field(other.desc) ?? field(other.code), field(other.state), field(other.identifier)].filter(Boolean).join(' ')).join('; ')})`,
      );

    // Practice locations: the LOCATION address and the extra practiceLocations.
    const addresses = [
      ...(Array.isArray(result.addresses) ? result.addresses : []).filter(isObject).filter((address) => field(address.address_purpose) !== 'MAILING'),
      ...(Array.isArray(result.practiceLocations) ? result.practiceLocations : []).filter(isObject),
    ];
    if (options.createOffices) {
      const refs: { externalId: string }[] = [];
      for (const address of addresses) {
        const office = officeOf(address);
        if (!office) {
          warnings.push(`results[${index}] (NPI ${number ?? '?'}): a practice address without a street line was skipped`);
          continue;
        }
        if (!locations.has(office.externalId as string)) {
          locations.set(office.externalId as string, office);
          locationRefs.push(`results[${index}].addresses`);
        }
        if (!refs.some((ref) => ref.externalId === office.externalId)) refs.push({ externalId: office.externalId as string });
      }
      if (refs.length > 0) record.locations = refs;
    } else if (addresses.length > 0) {
      warnings.push(
        `results[${index}] (NPI ${number ?? '?'}): ${addresses.length} practice address(es) and their phones not synced as offices; send createOffices: true to create or match them`,
      );
    }
    records.push(record);
    recordRefs.push(`results[${index}]`);
  });
  return {
    records,
    locations: [...locations.values()],
    recordRefs,
    locationRefs,
    warnings,
    // Offices the registry names are matched by address to existing ones, whose names stay as editors wrote them.
    locationMatch: { byAddress: true, createOnly: ['name'] },
  };
}

/** An office record from a registry address: keyed by its normalized address, named after its city, with its phone and fax. */
function officeOf(address: Record<string, unknown>): Record<string, unknown> | null {
  const line1 = field(address.address_1);
  const city = field(address.city);
  const state = field(address.state);
  const postalCode = field(address.postal_code);
  const key = officeAddressKey({ line1, city, state, postalCode });
  if (!key || !city || !state) return null;
  const office: Record<string, unknown> = {
    externalId: key,
    name: `${addressText(city)} Office`,
    addressLine1: addressText(line1!),
    addressLine2: field(address.address_2) ? addressText(field(address.address_2)!) : null,
    city: addressText(city),
    state,
    postalCode: postalCode ?? null,
  };
  const phone = field(address.telephone_number);
  const fax = field(address.fax_number);
  if (phone) office.phone = phone;
  if (fax) office.fax = fax;
  return office;
}
