import { type DocumentState } from '../../src/content/content-type';
import { fieldsOf, mergeState } from '../../src/content/document-state';
import { Provider } from '../../src/providers/provider.entity';
import { PROVIDER_FAQS, PROVIDER_LOCATIONS, PROVIDER_TYPE } from '../../src/providers/provider.descriptor';

const OFFICES = PROVIDER_LOCATIONS.name;
const FAQS = PROVIDER_FAQS.name;

function state(overrides: Partial<DocumentState> = {}): DocumentState {
  return { fields: {}, relations: {}, primary: {}, ...overrides };
}

describe('fieldsOf', () => {
  it("reads exactly the type's editable fields, with null for those the row lacks", () => {
    const row = Object.assign(new Provider(), { id: 'p1', version: 3, firstName: 'Ada', lastName: 'Byrd', credentials: ['MD'], npi: undefined });

    const fields = fieldsOf(PROVIDER_TYPE, row);

    expect(Object.keys(fields)).toEqual([...PROVIDER_TYPE.fields]);
    expect(fields).toMatchObject({ firstName: 'Ada', lastName: 'Byrd', credentials: ['MD'], npi: null, bio: null });
    expect(fields).not.toHaveProperty('id');
    expect(fields).not.toHaveProperty('version');
  });
});

describe('mergeState', () => {
  const current = state({
    fields: { firstName: 'Ada', lastName: 'Byrd' },
    relations: { [OFFICES]: ['north', 'south'], [FAQS]: ['faq-1'] },
    primary: { [OFFICES]: 'south' },
  });

  it('replaces the given fields and keeps the others', () => {
    const merged = mergeState(PROVIDER_TYPE, current, state({ fields: { lastName: 'Byrd-Lovelace' } }));

    expect(merged.fields).toEqual({ firstName: 'Ada', lastName: 'Byrd-Lovelace' });
    expect(merged.relations).toEqual(current.relations);
    expect(merged.primary).toEqual({ [OFFICES]: 'south' });
  });

  it('replaces a given relation list whole, leaving the lists not given', () => {
    const merged = mergeState(PROVIDER_TYPE, current, state({ relations: { [FAQS]: ['faq-2', 'faq-3'] } }));

    expect(merged.relations).toEqual({ [OFFICES]: ['north', 'south'], [FAQS]: ['faq-2', 'faq-3'] });
  });

  it('keeps the primary office while it is still listed', () => {
    const merged = mergeState(PROVIDER_TYPE, current, state({ relations: { [OFFICES]: ['east', 'south'] } }));

    expect(merged.primary[OFFICES]).toBe('south');
  });

  it('makes the first office primary when the primary one is no longer listed', () => {
    const merged = mergeState(PROVIDER_TYPE, current, state({ relations: { [OFFICES]: ['east', 'west'] } }));

    expect(merged.primary[OFFICES]).toBe('east');
  });

  it('takes a newly chosen primary that is listed, and has none when no office is listed', () => {
    expect(mergeState(PROVIDER_TYPE, current, state({ primary: { [OFFICES]: 'north' } })).primary[OFFICES]).toBe('north');
    expect(mergeState(PROVIDER_TYPE, current, state({ relations: { [OFFICES]: [] } })).primary[OFFICES]).toBeNull();
  });

  it('gives every relation of the type a list, empty when neither state had one', () => {
    const merged = mergeState(PROVIDER_TYPE, state(), state({ fields: { firstName: 'Ada' } }));

    expect(merged.relations).toEqual({ [OFFICES]: [], [FAQS]: [] });
    expect(merged.primary).toEqual({ [OFFICES]: null });
  });

  it('leaves both inputs unchanged', () => {
    const before = JSON.stringify(current);
    const change = state({ relations: { [OFFICES]: ['east'] } });

    mergeState(PROVIDER_TYPE, current, change);

    expect(JSON.stringify(current)).toBe(before);
    expect(change.primary).toEqual({});
  });
});
