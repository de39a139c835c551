import { DocumentStatus } from '../../src/content/documents/document-status';
import { type PlanInput, planDocument, plansWrite, PROVIDER_KIND, sameValue } from '../../src/sync/sync-diff';
import { type DraftRow, type Links } from '../../src/sync/sync-matching';
import { SyncApplyMode } from '../../src/sync/sync.enums';
import { Provider } from '../../src/providers/provider.entity';

const OFFICES = PROVIDER_KIND.relation!.name;

/** A provider row as the CMS holds it: published at version 4 unless told otherwise. */
function providerRow(overrides: Partial<Provider> = {}): Provider {
  return Object.assign(new Provider(), {
    id: 'provider-1',
    version: 4,
    status: DocumentStatus.PUBLISHED,
    firstName: 'Ada',
    lastName: 'Byrd',
    credentials: ['MD'],
    npi: '1234567893',
    acceptingNewPatients: true,
    active: true,
    ...overrides,
  });
}

function draftOf(fields: Record<string, unknown>, version = 5, links: Links = { ids: ['north'], primary: 'north' }): DraftRow {
  return { version, snapshot: { fields, relations: { [OFFICES]: links.ids }, primary: { [OFFICES]: links.primary } } };
}

function plan(overrides: Partial<PlanInput>) {
  return planDocument({
    kind: PROVIDER_KIND,
    applyMode: SyncApplyMode.LIVE,
    externalId: 'ehr-42',
    existing: { row: providerRow(), draft: undefined, links: { ids: ['north'], primary: 'north' } },
    newId: 'new-id',
    linkExternalId: false,
    desired: {},
    ...overrides,
  });
}

describe('sameValue', () => {
  it('compares as JSON: arrays by order, undefined as null', () => {
    expect(sameValue(['MD', 'PhD'], ['MD', 'PhD'])).toBe(true);
    expect(sameValue(['MD', 'PhD'], ['PhD', 'MD'])).toBe(false);
    expect(sameValue(undefined, null)).toBe(true);
    expect(sameValue(0, null)).toBe(false);
  });
});

describe('planDocument for a provider the CMS does not have', () => {
  it('in LIVE mode creates it published with only the fields the source gave', () => {
    const result = plan({ existing: null, desired: { firstName: 'Cy', lastName: 'Dunn' }, desiredLinks: { ids: ['north'], primary: 'north' } });

    expect(result).toMatchObject({
      id: 'new-id',
      isNew: true,
      status: DocumentStatus.PUBLISHED,
      publish: true,
      wentToDraft: false,
      slugSource: expect.stringContaining('Dunn'),
    });
    expect(result.row).toEqual({ firstName: 'Cy', lastName: 'Dunn' });
    expect(result.links).toEqual({ ids: ['north'], primary: 'north' });
    expect(result.changes).toEqual([
      { field: 'firstName', oldValue: null, newValue: 'Cy' },
      { field: 'lastName', oldValue: null, newValue: 'Dunn' },
      { field: 'locations', oldValue: [], newValue: ['north'] },
      { field: 'primaryLocation', oldValue: null, newValue: 'north' },
    ]);
  });

  it('in DRAFT mode creates it as a draft that is not published', () => {
    const result = plan({
      existing: null,
      applyMode: SyncApplyMode.DRAFT,
      desired: { firstName: 'Cy', lastName: 'Dunn' },
      desiredLinks: { ids: [], primary: null },
    });

    expect(result).toMatchObject({ isNew: true, status: DocumentStatus.DRAFT, publish: false, wentToDraft: true, links: null });
  });
});

describe('planDocument for a published provider without a pending draft, in LIVE mode', () => {
  it('writes nothing when the source says what the CMS holds', () => {
    const result = plan({ desired: { firstName: 'Ada', credentials: ['MD'] }, desiredLinks: { ids: ['north'], primary: 'north' } });

    expect(result.changes).toEqual([]);
    expect(plansWrite(result)).toBe(false);
  });

  it('writes every owned field and publishes the next version when a field changed', () => {
    const result = plan({ desired: { lastName: 'Byrd-Lovelace' } });

    expect(result.row).toMatchObject({ firstName: 'Ada', lastName: 'Byrd-Lovelace', npi: '1234567893' });
    expect(Object.keys(result.row!)).toEqual([...PROVIDER_KIND.owned]);
    expect(result).toMatchObject({ rowVersion: 5, publish: true, draft: null, links: null });
    expect(result.changes).toEqual([{ field: 'lastName', oldValue: 'Byrd', newValue: 'Byrd-Lovelace' }]);
  });

  it('moves the row version with the offices when only the offices changed', () => {
    const result = plan({ desired: {}, desiredLinks: { ids: ['north', 'south'], primary: 'south' } });

    expect(result.links).toEqual({ ids: ['north', 'south'], primary: 'south' });
    expect(result.row).toMatchObject({ firstName: 'Ada', lastName: 'Byrd' });
    expect(result.rowVersion).toBe(5);
    expect(result.changes.map((change) => change.field)).toEqual(['locations', 'primaryLocation']);
  });

  it('reports linking the external id as a change of its own', () => {
    const result = plan({ linkExternalId: true, desired: { firstName: 'Ada' } });

    expect(result.changes).toEqual([{ field: 'externalId', oldValue: null, newValue: 'ehr-42' }]);
    expect(plansWrite(result)).toBe(true);
  });
});

describe('planDocument for a published provider with an editor’s pending draft', () => {
  it('in LIVE mode updates the row and aligns the draft, so publishing the draft later cannot undo the sync', () => {
    const existing = {
      row: providerRow(),
      draft: draftOf({ firstName: 'Ada', lastName: 'Byrd', bio: 'Edited by an editor.' }, 6),
      links: { ids: ['north'], primary: 'north' },
    };

    const result = plan({ existing, desired: { lastName: 'Lovelace' } });

    expect(result).toMatchObject({ rowVersion: 7, draftVersion: 7, draftExists: true, publish: true, wentToDraft: true });
    expect(result.draft).toEqual({ fields: { lastName: 'Lovelace' }, links: null });
    expect(result.changes).toEqual([{ field: 'lastName', oldValue: 'Byrd', newValue: 'Lovelace' }]);
  });

  it('in LIVE mode moves only the draft version on when the draft already says what the source says', () => {
    const existing = { row: providerRow(), draft: draftOf({ lastName: 'Lovelace' }, 6), links: { ids: ['north'], primary: 'north' } };

    const result = plan({ existing, desired: { lastName: 'Lovelace' } });

    expect(result.draft).toEqual({ fields: {}, links: null });
    expect(result).toMatchObject({ draftVersion: 7, wentToDraft: false, publish: true });
  });

  it('in DRAFT mode changes only the draft, compared with the draft', () => {
    const existing = { row: providerRow(), draft: draftOf({ lastName: 'Draft Name' }, 6), links: { ids: ['north'], primary: 'north' } };

    const result = plan({ existing, applyMode: SyncApplyMode.DRAFT, desired: { lastName: 'Lovelace' } });

    expect(result).toMatchObject({ row: null, publish: false, draftExists: true, draftVersion: 7, wentToDraft: true });
    expect(result.changes).toEqual([{ field: 'lastName', oldValue: 'Draft Name', newValue: 'Lovelace' }]);
  });
});

describe('planDocument in DRAFT mode for a published provider without a draft', () => {
  it('makes a draft from the live state instead of touching the row', () => {
    const result = plan({ applyMode: SyncApplyMode.DRAFT, desired: { lastName: 'Lovelace' } });

    expect(result).toMatchObject({ row: null, publish: false, draftExists: false, draftVersion: 5, wentToDraft: true });
    expect(result.draft).toEqual({ fields: { lastName: 'Lovelace' }, links: null });
  });
});

describe('planDocument for a provider never published', () => {
  it('writes the row in either mode without publishing it', () => {
    for (const applyMode of [SyncApplyMode.LIVE, SyncApplyMode.DRAFT]) {
      const result = plan({
        applyMode,
        existing: { row: providerRow({ status: DocumentStatus.DRAFT }), draft: undefined, links: undefined },
        desired: { lastName: 'Lovelace' },
      });

      expect(result).toMatchObject({ publish: false, rowVersion: 5, draft: null });
      expect(result.row).toMatchObject({ lastName: 'Lovelace' });
    }
  });
});
