import { type DocumentEntity } from '../content/documents/document.entity';
import { DocumentStatus } from '../content/documents/document-status';
import { type ContentType } from '../content/document-descriptor';
import { type OwnedRelation } from '../content/relations';
import { type DraftRow, type Links } from './sync-matching';
import { type SyncFieldChange } from './sync-report';
import { SyncApplyMode } from './sync.enums';
import { LOCATION_TYPE } from '../locations/location.descriptor';
import { PROVIDER_TYPE } from '../providers/provider.descriptor';

/** A content type as the sync sees it: the fields a source owns, its external ids and owned relation (from its descriptor). */
export interface SyncKind {
  contentType: ContentType;
  owned: readonly string[];
  externalIds: { table: string; ownerColumn: string };
  /** The relation a source sets (a provider's offices), with a primary. */
  relation?: OwnedRelation;
}

function syncKindOf(contentType: ContentType): SyncKind {
  if (!contentType.sync) throw new Error(`${contentType.name} is not synced`);
  return { contentType, ...contentType.sync };
}

export const PROVIDER_KIND = syncKindOf(PROVIDER_TYPE);
export const LOCATION_KIND = syncKindOf(LOCATION_TYPE);

/** A change to the editable state of a document: owned field values and, for providers, offices. */
export interface StatePatch {
  fields: Record<string, unknown>;
  links: Links | null;
}

/**
 * What to write for one document. The row is written when `row` is set; the pending draft when
 * `draft` is set (merged into the existing draft, or into a draft made from the live state).
 */
export interface DocumentPlan {
  id: string;
  isNew: boolean;
  externalId: string;
  linkExternalId: boolean;
  /** For a new document: its status and the text its slug is made from. */
  status: DocumentStatus;
  slugSource: string;
  /** Every owned field's value after the change, when the row changes. */
  row: Record<string, unknown> | null;
  rowVersion: number;
  /** The live offices after the change, when they change (providers). */
  links: Links | null;
  draft: StatePatch | null;
  draftExists: boolean;
  draftVersion: number;
  /** The live version changed: record a PUBLISHED revision and an event. */
  publish: boolean;
  changes: SyncFieldChange[];
  /** The change is not live yet (a pending draft, or a new draft document), or also went into an editor's draft. */
  wentToDraft: boolean;
}

/** What the CMS holds for a matched document. */
export interface Existing {
  row: DocumentEntity;
  draft: DraftRow | undefined;
  links: Links | undefined;
}

/** JSON with object keys sorted: jsonb columns come back with their keys in jsonb's order, not the source's. */
function stableJson(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

/** Values compare as JSON: arrays by order, objects whatever their key order, numbers by value, undefined as null. */
export function sameValue(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b);
}

function fieldChanges(owned: readonly string[], current: (property: string) => unknown, desired: Record<string, unknown>): SyncFieldChange[] {
  const changes: SyncFieldChange[] = [];
  for (const property of owned) {
    if (!(property in desired)) continue;
    const before = current(property) ?? null;
    if (!sameValue(before, desired[property])) changes.push({ field: property, oldValue: before, newValue: desired[property] ?? null });
  }
  return changes;
}

function linkChanges(current: Links, desired: Links | undefined): SyncFieldChange[] {
  if (!desired) return [];
  const changes: SyncFieldChange[] = [];
  if (!sameValue(current.ids, desired.ids)) changes.push({ field: 'locations', oldValue: current.ids, newValue: desired.ids });
  if (current.primary !== desired.primary) changes.push({ field: 'primaryLocation', oldValue: current.primary, newValue: desired.primary });
  return changes;
}

/** The offices a draft snapshot holds. */
export function draftLinks(kind: SyncKind, draft: DraftRow): Links {
  const name = kind.relation!.name;
  return { ids: draft.snapshot.relations?.[name] ?? [], primary: draft.snapshot.primary?.[name] ?? null };
}

function ownedValues(kind: SyncKind, current: (property: string) => unknown, desired: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(kind.owned.map((property) => [property, property in desired ? desired[property] : (current(property) ?? null)]));
}

export interface PlanInput {
  kind: SyncKind;
  applyMode: SyncApplyMode;
  externalId: string;
  /** The matched document, or null to create one with `newId`. */
  existing: Existing | null;
  newId: string;
  linkExternalId: boolean;
  /** Owned fields the source gave (only those). */
  desired: Record<string, unknown>;
  /** The offices the source gave, when it gave them. */
  desiredLinks?: Links;
}

/**
 * Diffs what the source says against what the CMS holds and decides what to write, following
 * the source's apply mode: LIVE writes the row of a published document (and aligns a pending
 * draft, so publishing it later cannot undo the sync); DRAFT writes only its draft.
 */
export function planDocument(input: PlanInput): DocumentPlan {
  const { kind, applyMode, existing, desired, desiredLinks } = input;
  const plan: DocumentPlan = {
    id: existing?.row.id ?? input.newId,
    isNew: !existing,
    externalId: input.externalId,
    linkExternalId: input.linkExternalId,
    status: applyMode === SyncApplyMode.LIVE ? DocumentStatus.PUBLISHED : DocumentStatus.DRAFT,
    slugSource: kind.contentType.slugSource(desired),
    row: null,
    rowVersion: 1,
    links: null,
    draft: null,
    draftExists: false,
    draftVersion: 0,
    publish: false,
    changes: [],
    wentToDraft: false,
  };
  if (!existing) {
    // Only what the source gave: the columns' defaults fill the rest.
    plan.row = Object.fromEntries(kind.owned.filter((property) => property in desired).map((property) => [property, desired[property]]));
    plan.links = desiredLinks && desiredLinks.ids.length > 0 ? desiredLinks : null;
    plan.publish = applyMode === SyncApplyMode.LIVE;
    plan.wentToDraft = applyMode === SyncApplyMode.DRAFT;
    plan.changes = [...fieldChanges(kind.owned, () => null, desired), ...linkChanges({ ids: [], primary: null }, desiredLinks)];
    return plan;
  }

  const { row, draft } = existing;
  const live = (property: string): unknown => Reflect.get(row, property);
  const liveLinks = existing.links ?? { ids: [], primary: null };
  const newVersion = Math.max(row.version, draft?.version ?? 0) + 1;
  const externalIdChange: SyncFieldChange[] = input.linkExternalId ? [{ field: 'externalId', oldValue: null, newValue: input.externalId }] : [];

  const draftChanges = (): SyncFieldChange[] => {
    if (!draft) return [];
    const fields = draft.snapshot.fields ?? {};
    return [...fieldChanges(kind.owned, (property) => fields[property], desired), ...(kind.relation ? linkChanges(draftLinks(kind, draft), desiredLinks) : [])];
  };
  const patch: StatePatch = { fields: desired, links: desiredLinks ?? null };

  if (row.status !== DocumentStatus.PUBLISHED || (applyMode === SyncApplyMode.LIVE && !draft)) {
    // The row is the state to change: a document never published, or a live one without a draft in LIVE mode.
    const changes = [...fieldChanges(kind.owned, live, desired), ...linkChanges(liveLinks, desiredLinks)];
    if (changes.some((change) => change.field !== 'locations' && change.field !== 'primaryLocation')) plan.row = ownedValues(kind, live, desired);
    if (changes.some((change) => change.field === 'locations' || change.field === 'primaryLocation')) {
      plan.links = desiredLinks!;
      // The row's version moves with its offices too: an editor holding the old version must reload.
      plan.row ??= ownedValues(kind, live, {});
    }
    plan.rowVersion = row.version + 1;
    plan.publish = changes.length > 0 && row.status === DocumentStatus.PUBLISHED;
    plan.changes = [...externalIdChange, ...changes];
    return plan;
  }

  if (applyMode === SyncApplyMode.LIVE) {
    const liveChanges = [...fieldChanges(kind.owned, live, desired), ...linkChanges(liveLinks, desiredLinks)];
    const pending = draftChanges();
    if (liveChanges.length > 0) {
      plan.row = ownedValues(kind, live, desired);
      plan.rowVersion = newVersion;
      if (liveChanges.some((change) => change.field === 'locations' || change.field === 'primaryLocation')) plan.links = desiredLinks!;
      plan.publish = true;
    }
    if (pending.length > 0) {
      plan.draft = patch;
      plan.draftExists = true;
      plan.draftVersion = newVersion;
      plan.wentToDraft = true;
    } else if (liveChanges.length > 0 && draft) {
      // The editor's draft keeps its content, but its version moves on with the row.
      plan.draft = { fields: {}, links: null };
      plan.draftExists = true;
      plan.draftVersion = newVersion;
    }
    plan.changes = [...externalIdChange, ...(liveChanges.length > 0 ? liveChanges : pending)];
    return plan;
  }

  // DRAFT mode, published document: the change goes into its pending draft, made from the live state when there is none.
  const changes = draft ? draftChanges() : [...fieldChanges(kind.owned, live, desired), ...linkChanges(liveLinks, desiredLinks)];
  if (changes.length > 0) {
    plan.draft = patch;
    plan.draftExists = Boolean(draft);
    plan.draftVersion = newVersion;
    plan.wentToDraft = true;
  }
  plan.changes = [...externalIdChange, ...changes];
  return plan;
}

/** Whether a plan writes anything at all. */
export function plansWrite(plan: DocumentPlan): boolean {
  return plan.isNew || plan.linkExternalId || plan.row !== null || plan.links !== null || plan.draft !== null;
}
