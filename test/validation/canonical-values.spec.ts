import { normalizePhone, phoneNumberOf } from '../../src/common/phone';
import {
  canonicalCredentials,
  canonicalIcd10Code,
  canonicalLanguageTag,
  canonicalList,
  canonicalNpi,
  canonicalTaxonomyCode,
  canonicalTimeZone,
  canonicalUsState,
  canonicalZip,
  optionalText,
} from '../../src/common/validation/canonical-values';
import { DEMO_CONTENT } from '../../src/demo/demo-content';

/** Each canonical form maps to itself: what was stored once is stored the same when sent again. */
function expectIdempotent(canonical: (value: string) => string | null, inputs: string[]): void {
  for (const input of inputs) {
    const stored = canonical(input);
    if (stored !== null) expect({ input, again: canonical(stored) }).toEqual({ input, again: stored });
  }
}

describe('canonical values', () => {
  describe('NPI', () => {
    it.each([
      ['1245319599', '1245319599'],
      [' 1245319599 ', '1245319599'],
    ])('stores %p as %p', (input, stored) => {
      expect(canonicalNpi(input)).toBe(stored);
    });

    it.each(['1245319590', '9941339100', '1245-319-599', '124531959'])('refuses %p', (input) => {
      expect(canonicalNpi(input)).toBeNull();
    });
  });

  describe('NUCC taxonomy codes', () => {
    it.each([
      ['208VP0014X', '208VP0014X'],
      ['208vp0014x', '208VP0014X'],
      [' 207l00000x ', '207L00000X'],
    ])('stores %p as %p', (input, stored) => {
      expect(canonicalTaxonomyCode(input)).toBe(stored);
    });

    it.each(['208VP0014', 'pain medicine', '208VP0014Y'])('refuses %p', (input) => {
      expect(canonicalTaxonomyCode(input)).toBeNull();
    });
  });

  describe('language tags (BCP 47, as Intl canonicalizes them)', () => {
    it.each([
      ['en', 'en'],
      ['EN', 'en'],
      ['zh-hans', 'zh-Hans'],
      ['ZH-HANS', 'zh-Hans'],
      ['en-us', 'en-US'],
      ['es-419', 'es-419'],
      [' es ', 'es'],
      ['iw', 'he'],
    ])('stores %p as %p', (input, stored) => {
      expect(canonicalLanguageTag(input)).toBe(stored);
    });

    it.each(['english', 'en_US', 'e', '', 'en--US'])('refuses %p', (input) => {
      expect(canonicalLanguageTag(input)).toBeNull();
    });
  });

  describe('credentials', () => {
    it.each([
      ['MD', ['MD']],
      ['M.D.', ['MD']],
      ['m.d.', ['MD']],
      ['M. D.', ['MD']],
      ['Ph.D.', ['PhD']],
      ['PHD', ['PhD']],
      ['pa-c', ['PA-C']],
      ['D.O.', ['DO']],
      ['Psy.D.', ['PsyD']],
      ['M.D., PH.D.', ['MD', 'PhD']],
      ['MD; MPH', ['MD', 'MPH']],
      ['MD FACP', ['MD', 'FACP']],
      ['MD PhD', ['MD', 'PhD']],
      ['M.D. FACP', ['MD', 'FACP']],
      ['MD, M.D.', ['MD']],
      ['Board Certified', ['Board Certified']],
      ['', []],
      ['.', []],
    ])('reads %p as %p', (input, stored) => {
      expect(canonicalCredentials(input)).toEqual(stored);
    });

    it('gives a stored credential back unchanged', () => {
      for (const input of ['M.D.', 'Ph.D.', 'pa-c', 'MD FACP', 'Board Certified', 'pharm.d.']) {
        for (const credential of canonicalCredentials(input)) expect(canonicalCredentials(credential)).toEqual([credential]);
      }
    });
  });

  describe('US state codes', () => {
    it.each([
      ['KY', 'KY'],
      ['ky', 'KY'],
      [' Oh ', 'OH'],
      ['dc', 'DC'],
      ['pr', 'PR'],
    ])('stores %p as %p', (input, stored) => {
      expect(canonicalUsState(input)).toBe(stored);
    });

    it.each(['Kentucky', 'XX', 'K', 'K Y'])('refuses %p', (input) => {
      expect(canonicalUsState(input)).toBeNull();
    });
  });

  describe('ZIP codes', () => {
    it.each([
      ['40503', '40503'],
      ['40503-1234', '40503-1234'],
      ['405031234', '40503-1234'],
      [' 40503 ', '40503'],
    ])('stores %p as %p', (input, stored) => {
      expect(canonicalZip(input)).toBe(stored);
    });

    it.each(['4050', '4050312345', '40503-12', '40503 1234', 'ABCDE'])('refuses %p', (input) => {
      expect(canonicalZip(input)).toBeNull();
    });
  });

  describe('phone numbers', () => {
    it.each([
      ['(859) 555-0100', '+18595550100'],
      ['859.555.0100', '+18595550100'],
      ['+1 859 555 0100', '+18595550100'],
      ['(859) 555-0100 x123', '+18595550100;ext=123'],
      ['859-555-0100 ext. 123', '+18595550100;ext=123'],
      ['859 555 0100 extension 9', '+18595550100;ext=9'],
      ['+1 859 555 0100 #12', '+18595550100;ext=12'],
      ['tel:+1-859-555-0100;ext=123', '+18595550100;ext=123'],
      ['+18595550100;ext=123', '+18595550100;ext=123'],
    ])('stores %p as %p', (input, stored) => {
      expect(normalizePhone(input)).toBe(stored);
    });

    it.each(['555-0100', '(123) 555-0100', 'call us', '+1 859 555'])('refuses %p', (input) => {
      expect(normalizePhone(input)).toBeNull();
    });

    it('reads a stored number with its extension apart, in the display form and the tel: URI', () => {
      expect(phoneNumberOf('+18595550100;ext=123')).toEqual({
        e164: '+18595550100',
        extension: '123',
        display: '(859) 555-0100 ext. 123',
        uri: 'tel:+18595550100;ext=123',
      });
      expect(phoneNumberOf('+18595550100')).toEqual({ e164: '+18595550100', extension: null, display: '(859) 555-0100', uri: 'tel:+18595550100' });
      expect(phoneNumberOf(null)).toBeNull();
    });
  });

  describe('IANA time zones', () => {
    it.each([
      ['America/New_York', 'America/New_York'],
      ['america/new_york', 'America/New_York'],
      ['AMERICA/CHICAGO', 'America/Chicago'],
      ['America/Kentucky/Louisville', 'America/Kentucky/Louisville'],
      ['america/kentucky/louisville', 'America/Kentucky/Louisville'],
      ['America/Indiana/Indianapolis', 'America/Indiana/Indianapolis'],
      ['US/Eastern', 'America/New_York'],
      ['us/central', 'America/Chicago'],
      ['Pacific/Honolulu', 'Pacific/Honolulu'],
      ['utc', 'UTC'],
    ])('stores %p as %p', (input, stored) => {
      expect(canonicalTimeZone(input)).toBe(stored);
    });

    it.each(['EST', 'Eastern', 'GMT+5', 'EST5EDT', 'America/Lexington', 'New York', '+05:00', ''])('refuses %p', (input) => {
      expect(canonicalTimeZone(input)).toBeNull();
    });
  });

  describe('ICD-10-CM codes', () => {
    it.each([
      ['M54.50', 'M54.50'],
      ['m54.50', 'M54.50'],
      ['M5450', 'M54.50'],
      ['s14109a', 'S14.109A'],
      ['M54', 'M54'],
      [' g89.4 ', 'G89.4'],
    ])('stores %p as %p', (input, stored) => {
      expect(canonicalIcd10Code(input)).toBe(stored);
    });

    it.each(['M54.', '54.50', 'M54.12345', 'M54 50', 'M5', 'MM4.5'])('refuses %p', (input) => {
      expect(canonicalIcd10Code(input)).toBeNull();
    });
  });

  it('maps every stored form to itself', () => {
    expectIdempotent(canonicalNpi, [' 1245319599 ']);
    expectIdempotent(canonicalTaxonomyCode, ['208vp0014x']);
    expectIdempotent(canonicalLanguageTag, ['EN', 'zh-hans', 'en-us', 'iw']);
    expectIdempotent(canonicalUsState, ['ky']);
    expectIdempotent(canonicalZip, ['405031234']);
    expectIdempotent(normalizePhone, ['(859) 555-0100 x123', '859.555.0100']);
    expectIdempotent(canonicalTimeZone, ['america/kentucky/louisville', 'US/Eastern', 'utc', 'Asia/Kolkata']);
    expectIdempotent(canonicalIcd10Code, ['m5450', 'S14109A']);
  });

  describe('lists', () => {
    it('keeps the order, drops repeats after canonicalizing, and leaves invalid entries for validation to name', () => {
      expect(canonicalList(['EN', 'es', 'en', 'english', 42], canonicalLanguageTag)).toEqual(['en', 'es', 'english', 42]);
      expect(canonicalList(['M.D., Ph.D.', 'MD', ''], canonicalCredentials)).toEqual(['MD', 'PhD', '']);
    });
  });

  it('reads blank optional text as none', () => {
    expect(optionalText('  ')).toBeNull();
    expect(optionalText(' Dr. ')).toBe('Dr.');
  });

  it('finds the demo content already canonical', () => {
    for (const location of DEMO_CONTENT.locations) {
      expect(canonicalUsState(location.state!)).toBe(location.state);
      expect(canonicalTimeZone(location.timezone!)).toBe(location.timezone);
    }
    for (const { fields } of DEMO_CONTENT.providers) {
      expect(canonicalList(fields.credentials ?? [], canonicalCredentials)).toEqual(fields.credentials ?? []);
      expect(canonicalList(fields.specialties ?? [], canonicalTaxonomyCode)).toEqual(fields.specialties ?? []);
    }
    for (const condition of DEMO_CONTENT.conditions) expect(canonicalList(condition.icd10Codes ?? [], canonicalIcd10Code)).toEqual(condition.icd10Codes ?? []);
  });
});
