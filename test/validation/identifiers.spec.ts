import { normalizePhone } from '../../src/common/phone';
import { canonicalLanguageTag, canonicalTimeZone } from '../../src/common/validation/canonical-values';
import { ICD10_CM_PATTERN, isHttpUrl, isValidNpi } from '../../src/common/validation/identifiers';
import { isNuccTaxonomyCode } from '../../src/common/validation/nucc-taxonomy';
import { hoursProblems, isCalendarDate, repeatedDates } from '../../src/common/validation/opening-hours.validators';
import { US_STATE_PATTERN, ZIP_PATTERN } from '../../src/common/validation/us-address';

describe('NPI check digit', () => {
  it.each(['1234567893', '1245319599', '1122334455', '1003000126'])('accepts %s', (npi) => {
    expect(isValidNpi(npi)).toBe(true);
  });

  it.each(['1234567890', '1245319590', '1111111111', '8274017284'])('refuses %s (wrong check digit or first digit)', (npi) => {
    expect(isValidNpi(npi)).toBe(false);
  });

  it('refuses 9941339100: its check digit is right but an NPI never starts with 9', () => {
    expect(isValidNpi('9941339100')).toBe(false);
  });

  it.each(['123456789', '12345678931', '12345-6789', ' 1234567893', 'abcdefghij', ''])('refuses the malformed %p', (npi) => {
    expect(isValidNpi(npi)).toBe(false);
  });
});

describe('ICD-10-CM code format', () => {
  it.each(['M54.50', 'G90.50', 'M51.26', 'G89.29', 'G89.4', 'M54', 'S14.109A'])('accepts %s', (code) => {
    expect(ICD10_CM_PATTERN.test(code)).toBe(true);
  });

  it.each(['m54.50', 'M5', 'M54.', 'M54.12345', '54.50', 'M54 50', 'MM4.5'])('refuses %s', (code) => {
    expect(ICD10_CM_PATTERN.test(code)).toBe(false);
  });
});

describe('NUCC taxonomy code format', () => {
  it.each(['208VP0014X', '208VP0000X', '207L00000X', '207LP2900X', '2081P2900X', '363LF0000X', '363A00000X', '261QP3300X'])('accepts %s', (code) => {
    expect(isNuccTaxonomyCode(code)).toBe(true);
  });

  it.each(['208VP0014', '208vp0014x', '208VP0014Y', 'A08VP0014X', '208VP00014X'])('refuses %s', (code) => {
    expect(isNuccTaxonomyCode(code)).toBe(false);
  });
});

describe('BCP 47 language tags', () => {
  it.each(['en', 'es', 'zh-Hans', 'es-MX', 'pt-BR', 'ase'])('accepts %s', (tag) => {
    expect(canonicalLanguageTag(tag)).toBe(tag);
  });

  it.each(['english', 'e', '', 'en_US', 'en-', '-en', 'en--US'])('refuses %p', (tag) => {
    expect(canonicalLanguageTag(tag)).toBeNull();
  });
});

describe('IANA time zones', () => {
  it.each(['America/New_York', 'America/Chicago', 'America/Kentucky/Louisville', 'Pacific/Honolulu', 'UTC'])('accepts %s', (zone) => {
    expect(canonicalTimeZone(zone)).toBe(zone);
  });

  it.each(['Eastern', 'America/Lexington', 'New York', '+05:00', ''])('refuses %p', (zone) => {
    expect(canonicalTimeZone(zone)).toBeNull();
  });
});

describe('http(s) URLs', () => {
  it.each(['https://example.com/book', 'http://example.com', 'https://bux-pain.example/book?office=lexington'])('accepts %s', (url) => {
    expect(isHttpUrl(url)).toBe(true);
  });

  it.each(['javascript:alert(1)', 'ftp://example.com/file', 'data:text/html,hi', '/book', 'example.com', 'mailto:front@example.com'])('refuses %s', (url) => {
    expect(isHttpUrl(url)).toBe(false);
  });
});

describe('US addresses and phones', () => {
  it('knows state, DC and territory codes in upper case only', () => {
    for (const code of ['KY', 'OH', 'DC', 'PR']) expect(US_STATE_PATTERN.test(code)).toBe(true);
    for (const code of ['ky', 'XX', 'Kentucky', 'K']) expect(US_STATE_PATTERN.test(code)).toBe(false);
  });

  it('takes ZIP and ZIP+4 with a hyphen', () => {
    for (const zip of ['40503', '40503-1234']) expect(ZIP_PATTERN.test(zip)).toBe(true);
    for (const zip of ['4050', '405031234', '40503-12', 'ABCDE']) expect(ZIP_PATTERN.test(zip)).toBe(false);
  });

  it('normalizes common US phone forms to E.164 and refuses numbers that cannot exist', () => {
    for (const phone of ['(859) 555-0100', '859-555-0100', '859.555.0100', '+1 859 555 0100', '+18595550100'])
      expect(normalizePhone(phone)).toBe('+18595550100');
    for (const phone of ['555-0100', '(123) 555-0100', 'call us']) expect(normalizePhone(phone)).toBeNull();
  });
});

describe('dates and opening hours', () => {
  it('accepts real dates only', () => {
    for (const date of ['2026-12-25', '2028-02-29', '2026-01-01']) expect(isCalendarDate(date)).toBe(true);
    for (const date of ['2026-02-29', '2026-13-01', '2026-04-31', '2026-12-25T00:00', '12/25/2026', '2026-1-5', '0000-01-01'])
      expect(isCalendarDate(date)).toBe(false);
  });

  it('accepts a lunch break and the same hours on different days', () => {
    expect(
      hoursProblems([
        { day: 'MONDAY', opens: '08:00', closes: '12:00' },
        { day: 'MONDAY', opens: '13:00', closes: '17:00' },
        { day: 'TUESDAY', opens: '08:00', closes: '17:00' },
      ]),
    ).toEqual([]);
  });

  it('accepts an interval that opens when the previous one closes', () => {
    expect(
      hoursProblems([
        { opens: '08:00', closes: '12:00' },
        { opens: '12:00', closes: '24:00' },
      ]),
    ).toEqual([]);
  });

  it('names overlapping intervals of a day and intervals that close before they open', () => {
    expect(
      hoursProblems([
        { day: 'MONDAY', opens: '08:00', closes: '12:00' },
        { day: 'MONDAY', opens: '11:00', closes: '17:00' },
        { day: 'FRIDAY', opens: '17:00', closes: '09:00' },
      ]),
    ).toEqual(['MONDAY 08:00-12:00 overlaps 11:00-17:00', 'FRIDAY 17:00-09:00 must close after it opens']);
  });

  it('finds dates listed twice', () => {
    expect(repeatedDates([{ date: '2026-12-25' }, { date: '2026-12-24' }, { date: '2026-12-25' }])).toEqual(['2026-12-25']);
  });
});
