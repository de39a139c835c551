import { type EntityManager } from 'typeorm';
import { type DocumentEntity } from '../content/documents/document.entity';
import { DocumentType } from '../content/documents/document-status';
import { type FieldError } from '../common/errors/app-error';
import { type DocumentState } from '../content/content-type';
import { Location } from '../locations/location.entity';
import { Provider } from '../providers/provider.entity';
import { officeAddressKey } from './office-address';
import { type LocationRecord, type LocationRef, type ProviderRecord } from './sync-records';
import { uniqueValueHolders, type ValueHolder } from '../content/document-writer';
import { PROVIDER_TYPE } from '../providers/provider.descriptor';

/** A pending draft as the sync reads it. */
export interface DraftRow {
  version: number;
  snapshot: DocumentState;
}

/** A provider's live offices, in order, and its primary one. */
export interface Links {
  ids: string[];
  primary: string | null;
}

/** Everything the CMS holds that a batch could touch, loaded in a few set-based statements. */
export interface Candidates<T extends DocumentEntity> {
  /** External id (in this source) → document id. */
  byExternalId: Map<string, string>;
  rows: Map<string, T>;
  drafts: Map<string, DraftRow>;
  /** Candidate id → field → the source that last wrote it (sync_field_owners), read with the drafts. */
  fieldOwners: Map<string, Map<string, string>>;
  /** The external ids each candidate already has in this source. */
  sourceIdsOf: Map<string, string[]>;
}

export interface ProviderCandidates extends Candidates<Provider> {
  byNpi: Map<string, string>;
  /** Every provider holding an NPI of the batch, in its live row or pending draft. */
  npiHolders: Map<string, ValueHolder[]>;
  links: Map<string, Links>;
}

export interface LocationCandidates extends Candidates<Location> {
  bySlug: Map<string, string>;
  /** Normalized address → the one office at it (only when the batch matches by address). */
  byAddress: Map<string, string>;
}

/** A provider of the source that FULL mode may deactivate. */
export interface RosterEntry {
  providerId: string;
  externalId: string;
}

const unique = <T>(values: (T | null | undefined)[]): T[] => [...new Set(values.filter((value): value is T => value !== null && value !== undefined))];

function groupIds(rows: { owner: string; value: string }[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const row of rows) map.set(row.owner, [...(map.get(row.owner) ?? []), row.value]);
  return map;
}

export async function loadDrafts(manager: EntityManager, type: DocumentType, ids: string[]): Promise<Map<string, DraftRow>> {
  return (await loadDraftsAndOwners(manager, type, ids, [])).drafts;
}

/**
 * The pending drafts of `draftIds` and the field owners of `ownerIds`, in one statement: the two
 * reads every matched document of a sync needs besides its row.
 */
async function loadDraftsAndOwners(
  manager: EntityManager,
  type: DocumentType,
  draftIds: string[],
  ownerIds: string[],
): Promise<{ drafts: Map<string, DraftRow>; fieldOwners: Map<string, Map<string, string>> }> {
  const drafts = new Map<string, DraftRow>();
  const fieldOwners = new Map<string, Map<string, string>>();
  if (draftIds.length === 0 && ownerIds.length === 0) return { drafts, fieldOwners };
  const rows: { document_id: string; version: number | null; snapshot: DocumentState | null; field: string | null; source: string | null }[] =
    await manager.query(
      `SELECT document_id, version, snapshot, NULL AS field, NULL AS source FROM revisions
       WHERE kind = 'DRAFT' AND document_type = $1 AND document_id = ANY($2::uuid[])
       UNION ALL
       SELECT document_id, NULL, NULL, field, source FROM sync_field_owners WHERE document_type = $1 AND document_id = ANY($3::uuid[])`,
      [type, draftIds, ownerIds],
    );
  for (const row of rows) {
    if (row.field !== null && row.source !== null) {
      if (!fieldOwners.has(row.document_id)) fieldOwners.set(row.document_id, new Map());
      fieldOwners.get(row.document_id)!.set(row.field, row.source);
    } else drafts.set(row.document_id, { version: row.version!, snapshot: row.snapshot! });
  }
  return { drafts, fieldOwners };
}

async function loadRows<T extends DocumentEntity>(manager: EntityManager, entity: new () => T, ids: string[]): Promise<Map<string, T>> {
  if (ids.length === 0) return new Map();
  const rows = await manager.getRepository(entity).createQueryBuilder('d').where('d.id = ANY(:ids)', { ids }).getMany();
  return new Map(rows.map((row) => [row.id, row]));
}

/** Providers the records could match, by external id or NPI, with their drafts and offices. */
export async function loadProviderCandidates(manager: EntityManager, source: string, records: ProviderRecord[]): Promise<ProviderCandidates> {
  const externalIds = unique(records.map((record) => record.externalId));
  const npis = unique(records.map((record) => record.npi));
  const byExternal: { value: string; owner: string }[] = externalIds.length
    ? await manager.query('SELECT value, provider_id AS owner FROM provider_external_ids WHERE system = $1 AND value = ANY($2::text[])', [source, externalIds])
    : [];
  // Who holds each NPI, live or in a pending draft: records match the live holder, and may not
  // take an NPI another provider's draft holds (one statement for both).
  const npiHolders = await uniqueValueHolders(manager, PROVIDER_TYPE, 'npi', npis, []);
  const byNpi = [...npiHolders.values()]
    .flat()
    .filter((holder) => !holder.inDraft)
    .map((holder) => ({ npi: holder.value, id: holder.documentId }));
  const ids = unique([...byExternal.map((row) => row.owner), ...byNpi.map((row) => row.id)]);
  const rows = await loadRows(manager, Provider, ids);
  const sourceIds: { owner: string; value: string }[] = ids.length
    ? await manager.query('SELECT provider_id AS owner, value FROM provider_external_ids WHERE system = $1 AND provider_id = ANY($2::uuid[])', [source, ids])
    : [];
  const linkRows: { provider_id: string; location_id: string; is_primary: boolean }[] = ids.length
    ? await manager.query(
        'SELECT provider_id, location_id, is_primary FROM provider_locations WHERE provider_id = ANY($1::uuid[]) ORDER BY provider_id, position, location_id',
        [ids],
      )
    : [];
  const links = new Map<string, Links>(ids.map((id) => [id, { ids: [], primary: null }]));
  for (const link of linkRows) {
    const entry = links.get(link.provider_id)!;
    entry.ids.push(link.location_id);
    if (link.is_primary) entry.primary = link.location_id;
  }
  return {
    byExternalId: new Map(byExternal.map((row) => [row.value, row.owner])),
    byNpi: new Map(byNpi.map((row) => [row.npi, row.id])),
    npiHolders,
    rows,
    ...(await loadDraftsAndOwners(manager, DocumentType.PROVIDER, ids, ids)),
    sourceIdsOf: groupIds(sourceIds),
    links,
  };
}

/**
 * Offices the batch names: its location records (by external id, or by slug to link an office
 * editors created) and the provider records' references (by external id or slug).
 */
export async function loadLocationCandidates(
  manager: EntityManager,
  source: string,
  locations: LocationRecord[],
  records: ProviderRecord[],
  matchByAddress = false,
): Promise<LocationCandidates> {
  const refs = records.flatMap((record) => [...(record.locations ?? []), ...(record.primaryLocation ? [record.primaryLocation] : [])]);
  const externalIds = unique([...locations.map((location) => location.externalId), ...refs.map((ref) => ref.externalId)]);
  const slugs = unique([...locations.map((location) => location.slug), ...refs.map((ref) => ref.slug)]);
  const byExternal: { value: string; owner: string }[] = externalIds.length
    ? await manager.query('SELECT value, location_id AS owner FROM location_external_ids WHERE system = $1 AND value = ANY($2::text[])', [source, externalIds])
    : [];
  const bySlug: { slug: string; id: string }[] = slugs.length
    ? await manager.query('SELECT slug, id FROM locations WHERE slug = ANY($1::text[])', [slugs])
    : [];
  const byAddress = new Map<string, string>();
  if (matchByAddress && locations.length > 0) {
    // A practice has a handful of offices: read them all and compare keys made the same way.
    const offices: { id: string; address_line1: string | null; city: string; state: string; postal_code: string | null }[] = await manager.query(
      'SELECT id, address_line1, city, state, postal_code FROM locations WHERE deleted_at IS NULL ORDER BY created_at, id',
    );
    const seen = new Set<string>();
    for (const office of offices) {
      const key = officeAddressKey({ line1: office.address_line1, city: office.city, state: office.state, postalCode: office.postal_code });
      if (!key) continue;
      // Two offices at one address: matching by address would be a guess, so neither is matched.
      if (seen.has(key)) byAddress.delete(key);
      else byAddress.set(key, office.id);
      seen.add(key);
    }
    const wanted = new Set(locations.map(addressKeyOf).filter((key): key is string => Boolean(key)));
    for (const key of [...byAddress.keys()]) if (!wanted.has(key)) byAddress.delete(key);
  }
  const ids = unique([...byExternal.map((row) => row.owner), ...bySlug.map((row) => row.id), ...byAddress.values()]);
  const sourceIds: { owner: string; value: string }[] = ids.length
    ? await manager.query('SELECT location_id AS owner, value FROM location_external_ids WHERE system = $1 AND location_id = ANY($2::uuid[])', [source, ids])
    : [];
  const externalMap = new Map(byExternal.map((row) => [row.value, row.owner]));
  const slugMap = new Map(bySlug.map((row) => [row.slug, row.id]));
  // Drafts only matter for offices the batch updates, not for those merely referenced.
  const updated = unique(
    locations.map(
      (location) =>
        externalMap.get(location.externalId) ?? (location.slug ? slugMap.get(location.slug) : undefined) ?? byAddress.get(addressKeyOf(location) ?? ''),
    ),
  );
  return {
    byExternalId: externalMap,
    bySlug: slugMap,
    byAddress,
    rows: await loadRows(manager, Location, ids),
    // Owners for every candidate: a referenced office keeps the fields another source owns too.
    ...(await loadDraftsAndOwners(manager, DocumentType.LOCATION, updated, ids)),
    sourceIdsOf: groupIds(sourceIds),
  };
}

/** Active, non-trashed providers linked to the source: the roster a FULL batch replaces. */
export async function loadRoster(manager: EntityManager, source: string): Promise<RosterEntry[]> {
  const rows: { provider_id: string; value: string }[] = await manager.query(
    `SELECT e.provider_id, e.value FROM provider_external_ids e JOIN providers p ON p.id = e.provider_id
     WHERE e.system = $1 AND p.deleted_at IS NULL AND p.active ORDER BY e.value`,
    [source],
  );
  return rows.map((row) => ({ providerId: row.provider_id, externalId: row.value }));
}

/**
 * Records that share an external id or an NPI within the batch: which one is right cannot be
 * told, so all of them fail. Invalid records count too, when their identity could be read.
 */
export function duplicatesInBatch(
  records: { index: number; externalId: string | null; npi?: string | null }[],
  noun: 'records' | 'locations',
): Map<number, FieldError[]> {
  const errors = new Map<number, FieldError[]>();
  const check = (field: 'externalId' | 'npi', label: string) => {
    const groups = new Map<string, number[]>();
    for (const record of records) {
      const value = record[field];
      if (value) groups.set(value, [...(groups.get(value) ?? []), record.index]);
    }
    for (const [value, indexes] of groups) {
      if (indexes.length < 2) continue;
      for (const index of indexes) {
        errors.set(index, [
          ...(errors.get(index) ?? []),
          {
            path: field,
            message: `${label} "${value}" appears in ${noun} ${indexes.join(', ')} of this batch; send each ${noun === 'records' ? 'provider' : 'office'} once`,
          },
        ]);
      }
    }
  };
  check('externalId', 'external id');
  check('npi', 'NPI');
  return errors;
}

/** The provider a record updates: null to create one; errors when the match is ambiguous. */
export type ProviderMatch = { providerId: string | null; linkExternalId: boolean } | { errors: FieldError[] };

/** Matching: by (source, external id), else by NPI, never by name. */
export function matchProvider(record: ProviderRecord, candidates: ProviderCandidates, source: string): ProviderMatch {
  const byExternalId = candidates.byExternalId.get(record.externalId);
  const byNpi = record.npi ? candidates.byNpi.get(record.npi) : undefined;
  if (byExternalId && byNpi && byExternalId !== byNpi) {
    return {
      errors: [
        {
          path: 'record',
          message: `matches two different providers: ${byExternalId} by external id "${record.externalId}" and ${byNpi} by NPI ${record.npi}; not merged, correct the source or the CMS`,
        },
      ],
    };
  }
  const providerId = byExternalId ?? byNpi ?? null;
  if (!providerId) return { providerId: null, linkExternalId: true };
  const row = candidates.rows.get(providerId)!;
  if (row.deletedAt)
    return { errors: [{ path: 'record', message: `matches provider ${providerId}, which is in the trash; restore it (or purge it) before syncing` }] };
  if (!byExternalId) {
    const others = candidates.sourceIdsOf.get(providerId) ?? [];
    if (others.length > 0) {
      return {
        errors: [
          {
            path: 'npi',
            message: `matches provider ${providerId} by NPI, but that provider already has external id "${others[0]}" in ${source}; one provider cannot be two records of a source`,
          },
        ],
      };
    }
  }
  return { providerId, linkExternalId: !byExternalId };
}

/** The office a location record updates: null to create one; errors when it cannot be used. */
export type LocationMatch = { locationId: string | null; linkExternalId: boolean } | { errors: FieldError[] };

export function matchLocation(record: LocationRecord, candidates: LocationCandidates, source: string): LocationMatch {
  const byExternalId = candidates.byExternalId.get(record.externalId);
  const bySlug = !byExternalId && record.slug ? candidates.bySlug.get(record.slug) : undefined;
  if (!byExternalId && record.slug && !bySlug) return { errors: [{ path: 'slug', message: `no office has the slug "${record.slug}"` }] };
  const byAddress = !byExternalId && !bySlug ? candidates.byAddress.get(addressKeyOf(record) ?? '') : undefined;
  const locationId = byExternalId ?? bySlug ?? byAddress ?? null;
  if (!locationId) return { locationId: null, linkExternalId: true };
  if (candidates.rows.get(locationId)?.deletedAt)
    return { errors: [{ path: 'record', message: `matches office ${locationId}, which is in the trash; restore it before syncing` }] };
  if (bySlug) {
    const others = candidates.sourceIdsOf.get(bySlug) ?? [];
    if (others.length > 0) return { errors: [{ path: 'slug', message: `office "${record.slug}" already has external id "${others[0]}" in ${source}` }] };
  }
  return { locationId, linkExternalId: !byExternalId };
}

function addressKeyOf(record: LocationRecord): string | null {
  const fields = record.fields as { addressLine1?: string | null; city?: string; state?: string; postalCode?: string | null };
  return officeAddressKey({ line1: fields.addressLine1, city: fields.city, state: fields.state, postalCode: fields.postalCode });
}

/** What the batch's own location records resolved to, by external id: an id, or the reason they failed. */
export type BatchLocations = Map<string, { locationId: string } | { failedIndex: number }>;

/** Resolves a provider record's office references to location ids; unknown ones are errors. */
export function resolveLocationRefs(
  refs: LocationRef[],
  batch: BatchLocations,
  candidates: LocationCandidates,
  source: string,
  errors: FieldError[],
): string[] {
  const ids: string[] = [];
  for (const ref of refs) {
    let id: string | undefined;
    if (ref.externalId) {
      const fromBatch = batch.get(ref.externalId);
      if (fromBatch && 'failedIndex' in fromBatch) {
        errors.push({ path: ref.path, message: `office "${ref.externalId}" of this batch failed (locations[${fromBatch.failedIndex}])` });
        continue;
      }
      id = fromBatch?.locationId ?? candidates.byExternalId.get(ref.externalId);
      if (!id) {
        errors.push({ path: ref.path, message: `no office has external id "${ref.externalId}" in ${source}, and the batch does not define it` });
        continue;
      }
    } else if (ref.slug) {
      id = candidates.bySlug.get(ref.slug);
      if (!id) {
        errors.push({ path: ref.path, message: `no office has the slug "${ref.slug}"` });
        continue;
      }
    } else {
      errors.push({ path: ref.path, message: "give the office's externalId or its slug" });
      continue;
    }
    if (candidates.rows.get(id)?.deletedAt) {
      errors.push({ path: ref.path, message: `office ${ref.externalId ?? ref.slug} is in the trash` });
      continue;
    }
    if (ids.includes(id)) {
      errors.push({ path: ref.path, message: 'is listed twice' });
      continue;
    }
    ids.push(id);
  }
  return ids;
}
